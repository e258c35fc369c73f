/**
 * Search over a sharded index (channels/site/search-shards.ts): a generated site with more than one
 * shard's worth of pages in Danish and in Swedish is published; in Chromium the search page of each
 * locale finds documents from every shard of its language and none of the other language. Then one
 * document is unpublished: the publish after that re-indexes only changed shards, and the document is
 * gone from its shard and from the results.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { SHARD_SIZE } from '../../channels/site/search-shards.ts'
import { publishSnapshot, type PublishReport } from '../../scripts/publish/publish.ts'
import { generateSnapshot } from '../../scripts/bench/synthetic-snapshot.ts'
import { addSwedishTranslations } from '../helpers/swedish-translations.ts'
import { serveStatic } from '../site/static-server.ts'
import { CHROMIUM_ARGS } from './helpers/browser.ts'

// Enough Danish and Swedish articles for two shards each.
const ARTICLES = SHARD_SIZE + 100
const TRANSLATED = SHARD_SIZE + 50
// Eight articles share a word in each language, spread over the site so they fall in different shards.
const MARKED = [3, 141, 277, 402, 566, 713, 858, 1009]
const DA_WORD = 'kystvagt'
const SV_WORD = 'kustbevakning'
const GONE = MARKED[2]

let work: string
let snapshotFile: string
let second: PublishReport
let server: { url: string; close: () => Promise<void> }
let browser: Browser
let shardsBefore: Record<string, string[]>
const outDir = () => path.join(work, 'dist')
const siteDir = () => path.join(outDir(), 'site')
const publish = () =>
  publishSnapshot({ snapshotFile, outDir: outDir(), only: ['site'], full: false, log: () => {} })

/** Every shard's folder under `pagefind/` (the root bundle is '.') → the URLs its fragments hold. */
async function shardUrls(): Promise<Map<string, string[]>> {
  const root = path.join(siteDir(), 'pagefind')
  const folders = [
    '.',
    ...(await readdir(root, { withFileTypes: true }))
      .filter((e) => e.isDirectory() && !['fragment', 'index', 'filter'].includes(e.name))
      .map((e) => e.name),
  ]
  const shards = new Map<string, string[]>()
  for (const folder of folders) {
    const dir = path.join(root, folder, 'fragment')
    const urls: string[] = []
    for (const name of await readdir(dir)) {
      const text = gunzipSync(await readFile(path.join(dir, name))).toString('utf8')
      urls.push((JSON.parse(text.replace(/^pagefind_dcd/, '')) as { url: string }).url)
    }
    shards.set(folder, urls)
  }
  return shards
}

const shardOf = (shards: Map<string, string[]>, url: string) =>
  [...shards].filter(([, urls]) => urls.includes(url)).map(([folder]) => folder)

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'budstikke-search-shards-'))
  snapshotFile = await generateSnapshot(ARTICLES, path.join(work, 'snapshot'))
  const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8')) as Snapshot
  MARKED.forEach((i, k) => (snapshot.articles[i].title = `Kystvagt ${k + 1} på Skagen Odde`))
  addSwedishTranslations(snapshot, TRANSLATED, (title) =>
    title.replace(/^Kystvagt/, 'Kustbevakning').replace(/^Artikel/, 'Artikel på svenska'),
  )
  await writeFile(snapshotFile, JSON.stringify(snapshot))
  await publish()
  shardsBefore = JSON.parse(await readFile(path.join(siteDir(), 'pagefind/budstikke-shards.json'), 'utf8'))
  server = await serveStatic(siteDir())
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await rm(work, { recursive: true, force: true })
})

/** How many results the search page of a locale reports for a query, and the links it shows. */
async function search(searchPath: string, query: string): Promise<{ count: number; links: string[] }> {
  const page = await (await browser.newContext()).newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${server.url}${searchPath}`, { waitUntil: 'load' })
  await page.locator('.pagefind-ui__search-input').fill(query)
  const message = page.locator('.pagefind-ui__message').filter({ hasText: query })
  const links = page.locator('.pagefind-ui__result-link')
  let count = 0
  // Pagefind UI reports the count, then loads each shown result (at most five) separately.
  await expect
    .poll(
      async () => {
        count = Number(
          /\d+/.exec((await message.textContent({ timeout: 1_000 }).catch(() => '')) ?? '')?.[0] ?? 0,
        )
        return count > 0 && (await links.count()) === Math.min(count, 5)
      },
      { timeout: 30_000 },
    )
    .toBe(true)
  const hrefs = await links.evaluateAll((all) =>
    all.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
  )
  expect(errors).toEqual([])
  await page.context().close()
  return { count, links: hrefs }
}

describe('search over a sharded index', () => {
  it('splits each language into shards, never mixing languages', async () => {
    expect(shardsBefore.da?.length).toBeGreaterThan(0)
    expect(shardsBefore.sv?.length).toBeGreaterThan(0)
    const shards = await shardUrls()
    for (const [folder, urls] of shards) {
      if (folder.startsWith('da-')) expect(urls.every((url) => !url.startsWith('/sv/'))).toBe(true)
      if (folder.startsWith('sv-')) expect(urls.every((url) => url.startsWith('/sv/'))).toBe(true)
    }
    // The marked articles lie in more than one shard in both languages.
    const daShards = new Set(MARKED.map((i) => shardOf(shards, `/artikler/artikel-${i + 1}/`)[0]))
    const svShards = new Set(MARKED.map((i) => shardOf(shards, `/sv/artikler/artikel-${i + 1}-sv/`)[0]))
    expect(daShards.size).toBeGreaterThan(1)
    expect(svShards.size).toBeGreaterThan(1)
  })

  it('finds Danish documents from every shard on the Danish search page, and no Swedish one', async () => {
    const found = await search('/soeg/', DA_WORD)
    expect(found.count).toBe(MARKED.length)
    expect(found.links.every((link) => link.startsWith('/artikler/'))).toBe(true)
  })

  it('finds Swedish documents from every shard on the Swedish search page, and no Danish one', async () => {
    const found = await search('/sv/soeg/', SV_WORD)
    expect(found.count).toBe(MARKED.length)
    expect(found.links.every((link) => link.startsWith('/sv/artikler/'))).toBe(true)
  })

  it('after a document is unpublished, its shard no longer holds it and the search no longer finds it', async () => {
    const gone = `/artikler/artikel-${GONE + 1}/`
    expect(shardOf(await shardUrls(), gone)).toHaveLength(1)
    const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8')) as Snapshot
    snapshot.articles = snapshot.articles.filter(
      (a) => !(a.locale === 'da' && a.slug === `artikel-${GONE + 1}`),
    )
    snapshot.articles.find((a) => a.slug === `artikel-${GONE + 1}-sv`)!.translations = {
      sv: `artikel-${GONE + 1}-sv`,
    }
    await writeFile(snapshotFile, JSON.stringify(snapshot))
    second = await publish()
    const site = second.channels.find((c) => c.channel === 'site')!
    expect(site.reused).toBeGreaterThan(site.rendered)
    expect(shardOf(await shardUrls(), gone)).toEqual([])
    const found = await search('/soeg/', DA_WORD)
    expect(found.count).toBe(MARKED.length - 1)
    expect(found.links).not.toContain(gone)
    expect((await search('/sv/soeg/', SV_WORD)).count).toBe(MARKED.length)
  })
})
