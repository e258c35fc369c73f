/**
 * An incremental publish gives the bytes of a full one (issue 15): a generated site of 320 articles (40
 * also in Swedish) is published, then articles are edited, added, unpublished (one whole, one only its
 * translation) and moved to another topic; the publish after that renders only the touched pages, and its
 * output equals, file by file, a `--full` publish of the same snapshot (the report aside). What was
 * unpublished leaves no page, feed item, sitemap entry or search entry behind.
 *
 * The touched pages are rendered through the page bundle the first publish's Astro build kept
 * (channels/site/page-bundle.ts), with no Astro build; an edit that gives an article a new hero image
 * (whose WebP files only Astro's image pipeline makes) is rendered by Astro instead, with the same bytes.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { publishSnapshot, type PublishReport } from '../../scripts/publish/publish.ts'
import { generateSnapshot } from '../../scripts/bench/synthetic-snapshot.ts'
import { changedFiles, fileHashes } from '../helpers/file-hashes.ts'
import { hashSources } from '../../channels/shared/content-hash.ts'
import { pageBundleDir } from '../../channels/site/page-bundle.ts'
import { SITE_SOURCES } from '../../channels/site/site-cache.ts'
import { addSwedishTranslations } from '../helpers/swedish-translations.ts'

const BUILD = 600_000
const ARTICLES = 320
const REPORT = 'publish-report.json'
const quiet = () => {}

let work: string
let snapshotFile: string
let firstReport: PublishReport
let incremental: PublishReport
let full: PublishReport
const incrementalLog: string[] = []
const incrementalOut = () => path.join(work, 'dist')
const fullOut = () => path.join(work, 'dist-full')

const siteChannel = (report: PublishReport) => report.channels.find((c) => c.channel === 'site')!

async function readSnapshotJson(): Promise<Snapshot> {
  return JSON.parse(await readFile(snapshotFile, 'utf8')) as Snapshot
}

/** Every search record Pagefind holds for a site: the URLs of its fragments. */
async function searchUrls(siteDir: string): Promise<string[]> {
  const dir = path.join(siteDir, 'pagefind/fragment')
  const urls: string[] = []
  for (const name of await readdir(dir)) {
    const fragment = JSON.parse(
      gunzipSync(await readFile(path.join(dir, name)))
        .toString('utf8')
        .replace(/^pagefind_dcd/, ''),
    ) as { url: string }
    urls.push(fragment.url)
  }
  return urls.sort()
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'budstikke-incremental-site-'))
  snapshotFile = await generateSnapshot(ARTICLES, path.join(work, 'snapshot'), { withMedia: true })
  const snapshot = await readSnapshotJson()
  // Forty articles also in Swedish: hreflang alternates between the two.
  addSwedishTranslations(snapshot, 40, (title) => `${title} (på svenska)`)
  // Text that looks like a path of Astro's assets is only text: the page is still carried over.
  snapshot.articles[6].body.push({
    type: 'paragraph',
    children: [{ type: 'text', text: 'Filen /_astro/ikke-en-fil.webp findes ikke.' }],
  })
  await writeFile(snapshotFile, JSON.stringify(snapshot))
  // The first publish starts without a kept bundle of these sources (an earlier run of this test left one,
  // and a full publish renders through it): it runs Astro, which keeps the bundle the later ones use.
  await rm(pageBundleDir(await hashSources(SITE_SOURCES), snapshot.organisation.siteUrl), {
    recursive: true,
    force: true,
  })
  firstReport = await publishSnapshot({
    snapshotFile,
    outDir: incrementalOut(),
    only: ['site'],
    full: false,
    log: quiet,
  })

  const edited = await readSnapshotJson()
  const da = (slug: string) => edited.articles.find((a) => a.slug === slug && a.locale === 'da')!
  // Edit: a new title for an article that has a Swedish translation.
  da('artikel-10').title = 'Ny overenskomst for havnearbejdere i Esbjerg'
  // Add: a new newest article (every archive page shifts by one).
  edited.articles.push({
    ...da('artikel-5'),
    id: 'ny-1',
    key: 'ny-artikel',
    slug: 'ny-artikel',
    translations: { da: 'ny-artikel' },
    title: 'Ny artikel om feriepenge',
    publishedAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  })
  // Unpublish: one article whole, and the Swedish translation of another.
  edited.articles = edited.articles.filter(
    (a) => !(a.slug === 'artikel-200') && !(a.slug === 'artikel-20-sv'),
  )
  da('artikel-20').translations = { da: 'artikel-20' }
  // Re-topic: an article moves from its topic to another.
  const moved = da('artikel-150')
  moved.topics = [{ slug: moved.topics[0].slug === 'ferie' ? 'loen' : 'ferie', name: 'ferie' }]
  await writeFile(snapshotFile, JSON.stringify(edited))

  incremental = await publishSnapshot({
    snapshotFile,
    outDir: incrementalOut(),
    only: ['site'],
    full: false,
    log: (line) => incrementalLog.push(line),
  })
  full = await publishSnapshot({ snapshotFile, outDir: fullOut(), only: ['site'], full: true, log: quiet })
}, BUILD)

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('an incremental site publish after edits, additions, unpublishing and re-topicing', () => {
  it('renders them through the kept page bundle, without an Astro build', () => {
    expect(siteChannel(firstReport).way).toBe('astro')
    expect(siteChannel(incremental).way, incrementalLog.join('\n')).toBe('page bundle')
    expect(incrementalLog.join('\n')).toContain('through the kept page bundle')
  })

  it('renders only the touched pages and copies the rest', () => {
    const first = siteChannel(firstReport)
    const after = siteChannel(incremental)
    expect(first.rendered).toBeGreaterThan(ARTICLES)
    expect(after.rendered).toBeGreaterThan(5)
    expect(after.rendered).toBeLessThan(first.rendered / 4)
    expect(after.reused).toBeGreaterThan(ARTICLES * 0.8)
    expect(siteChannel(full).rendered).toBe(after.rendered + after.reused)
  })

  it('writes exactly the files of a full publish of the same snapshot, byte for byte', async () => {
    const differ = changedFiles(await fileHashes(fullOut()), await fileHashes(incrementalOut())).filter(
      (file) => file !== REPORT,
    )
    expect(differ).toEqual([])
  })

  it('leaves no page, feed item, sitemap entry or search entry of what was unpublished', async () => {
    const site = path.join(incrementalOut(), 'site')
    expect(existsSync(path.join(site, 'artikler/artikel-200'))).toBe(false)
    expect(existsSync(path.join(site, 'sv/artikler/artikel-20-sv'))).toBe(false)
    const sitemap = await readFile(path.join(site, 'sitemap-0.xml'), 'utf8')
    expect(sitemap).not.toContain('/artikler/artikel-200/')
    expect(sitemap).not.toContain('artikel-20-sv')
    expect(sitemap).toContain('/artikler/ny-artikel/')
    for (const feed of ['rss.xml', 'sv/rss.xml', 'emner/loen/rss.xml', 'emner/ferie/rss.xml']) {
      const xml = await readFile(path.join(site, feed), 'utf8')
      expect(xml, feed).not.toContain('/artikler/artikel-200/')
      expect(xml, feed).not.toContain('artikel-20-sv')
    }
    const urls = await searchUrls(site)
    expect(urls).toContain('/artikler/ny-artikel/')
    expect(urls).not.toContain('/artikler/artikel-200/')
    expect(urls).not.toContain('/sv/artikler/artikel-20-sv/')
    // The Danish page no longer offers the Swedish translation that was taken off.
    const page = await readFile(path.join(site, 'artikler/artikel-20/index.html'), 'utf8')
    expect(page).not.toContain('hreflang="sv"')
  })

  it('shows the edit and the new topic where they are listed', async () => {
    const site = path.join(incrementalOut(), 'site')
    expect(await readFile(path.join(site, 'artikler/artikel-10/index.html'), 'utf8')).toContain(
      'Ny overenskomst for havnearbejdere i Esbjerg',
    )
    expect(await readFile(path.join(site, 'index.html'), 'utf8')).toContain('Ny artikel om feriepenge')
    const moved = await readFile(path.join(site, 'artikler/artikel-150/index.html'), 'utf8')
    const topic = /href="\/emner\/(\w+)\/"/.exec(moved.slice(moved.indexOf('<main')))?.[1]
    const topicPages = (await readdir(path.join(site, 'emner', topic!), { recursive: true })).filter((f) =>
      f.endsWith('index.html'),
    )
    let listed = false
    for (const file of topicPages)
      listed ||= (await readFile(path.join(site, 'emner', topic!, file), 'utf8')).includes(
        '/artikler/artikel-150/',
      )
    expect(listed).toBe(true)
  })
})

describe('an incremental site publish after an article got a new hero image', () => {
  let heroOut: PublishReport
  let heroFull: PublishReport
  const heroLog: string[] = []
  beforeAll(async () => {
    const edited = await readSnapshotJson()
    const source = edited.articles.find((a) => a.hero)!.hero!
    // New bytes (a re-encoded photo): Astro has never made WebP files of it.
    const file = 'media/ny-helt.jpg'
    const dir = path.dirname(snapshotFile)
    await sharp(path.join(dir, source.file)).jpeg({ quality: 41 }).toFile(path.join(dir, file))
    const article = edited.articles.find((a) => a.slug === 'artikel-7' && a.locale === 'da')!
    article.hero = { ...source, id: 'ny-helt', file, url: '/media/ny-helt.jpg', sizes: {} }
    article.title = 'Nyt billede af generalforsamlingen'
    await writeFile(snapshotFile, JSON.stringify(edited))
    heroOut = await publishSnapshot({
      snapshotFile,
      outDir: incrementalOut(),
      only: ['site'],
      full: false,
      log: (line) => heroLog.push(line),
    })
    await rm(fullOut(), { recursive: true, force: true })
    heroFull = await publishSnapshot({
      snapshotFile,
      outDir: fullOut(),
      only: ['site'],
      full: true,
      log: quiet,
    })
  }, BUILD)

  it('renders the touched pages with Astro, saying why', () => {
    expect(siteChannel(heroOut).way).toBe('astro')
    expect(siteChannel(heroOut).rendered).toBeLessThan(siteChannel(heroFull).rendered / 4)
    // The reason names the new picture: unseen by the kept bundle, or (when an earlier run on this machine
    // already showed it through the same bundle) its WebP files missing from the previous output.
    expect(heroLog.join('\n')).toMatch(/page bundle not used \([^\n]*ny-helt[^\n]*\); rendering with Astro/)
  })

  it('writes exactly the files of a full publish, the new hero WebP files included', async () => {
    const differ = changedFiles(await fileHashes(fullOut()), await fileHashes(incrementalOut())).filter(
      (file) => file !== REPORT,
    )
    expect(differ).toEqual([])
    const page = await readFile(path.join(incrementalOut(), 'site/artikler/artikel-7/index.html'), 'utf8')
    const webp = /src="\/(_astro\/ny-helt[^"]+\.webp)"/.exec(page)?.[1]
    expect(webp).toBeDefined()
    expect(existsSync(path.join(incrementalOut(), 'site', webp!))).toBe(true)
  })
})
