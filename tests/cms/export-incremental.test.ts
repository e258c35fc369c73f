/**
 * The export after an edit (issue 15): with the export cache it reads only what changed, and its
 * snapshot, warnings and media are byte for byte those of a full export of the same CMS on the same date,
 * after every kind of edit an editor makes. A corrupt cache gives a full export and says so in one line.
 * Real Payload on a real SQLite file.
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload, Where } from 'payload'
import { exportSnapshot, type ExportResult } from '../../cms/export/export-snapshot.ts'
import { importContent } from '../../cms/import/import-content.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'
import { runCli, userEnv } from '../helpers/run-cli.ts'

const NOW = new Date('2026-06-01T12:00:00Z')
const P = '2026-05-01T00:00:00Z'
const TOPIC_ARTICLES = 12
let cms: TempCms
let payload: Payload
let cacheFile: string
let run = 0

/** The incremental export and a full export without any cache, on the same date; both as files. */
async function exportBoth(now = NOW) {
  run += 1
  const incremental = await exportSnapshot(payload, {
    dir: path.join(cms.dir, `inc-${run}`),
    now,
    cache: cacheFile,
  })
  const full = await exportSnapshot(payload, { dir: path.join(cms.dir, `full-${run}`), now })
  return { incremental, full, dirs: [path.join(cms.dir, `inc-${run}`), path.join(cms.dir, `full-${run}`)] }
}

async function mediaFiles(dir: string): Promise<Array<[string, string]>> {
  const names = (await readdir(path.join(dir, 'media'))).sort()
  return Promise.all(
    names.map(
      async (n) => [n, (await readFile(path.join(dir, 'media', n))).toString('base64')] as [string, string],
    ),
  )
}

const text = (result: ExportResult) => JSON.stringify(result.snapshot, null, 2) + '\n'

/** Byte-identical snapshot, the same warnings in the same order, the same media files. */
async function expectSame({ incremental, full, dirs }: Awaited<ReturnType<typeof exportBoth>>) {
  expect(text(incremental)).toBe(text(full))
  expect(incremental.warnings).toEqual(full.warnings)
  expect(await mediaFiles(dirs[0])).toEqual(await mediaFiles(dirs[1]))
}

/** How many documents the incremental export read again (it must have been incremental). */
function reread(result: ExportResult): number {
  expect(result.cache).toMatchObject({ incremental: true })
  return result.cache?.incremental ? result.cache.read : -1
}

const idOf = async (collection: 'articles' | 'topics' | 'pages' | 'media' | 'benefits', slug: string) => {
  const where: Where = collection === 'media' ? { filename: { equals: slug } } : { slug: { equals: slug } }
  const { docs } = await payload.find({ collection, where, overrideAccess: true, locale: 'da', draft: false })
  expect(docs, `${collection} ${slug}`).toHaveLength(1)
  return docs[0].id
}

/** A Lexical paragraph of text and internal links, as the admin's editor saves it. */
const textNode = (text: string) => ({
  type: 'text',
  text,
  format: 0,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})
const linkTo = (relationTo: string, value: number | string, text: string) => ({
  type: 'link',
  version: 3,
  direction: null,
  format: '',
  indent: 0,
  fields: { linkType: 'internal', newTab: false, doc: { relationTo, value } },
  children: [textNode(text)],
})
const paragraph = (...children: unknown[]) => ({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    version: 1,
    direction: null,
    children: [
      { type: 'paragraph', format: '', indent: 0, version: 1, direction: null, textFormat: 0, children },
    ],
  },
})

const articleDa = (result: ExportResult, key: string) =>
  result.snapshot.articles.find((a) => a.key === key && a.locale === 'da')

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  cacheFile = path.join(cms.dir, 'cache', 'export.json')
  const baseDir = path.join(cms.dir, 'in')
  await mkdir(baseDir, { recursive: true })
  await sharp({ create: { width: 800, height: 500, channels: 3, background: '#2f7d4a' } })
    .jpeg()
    .toFile(path.join(baseDir, 'fjord.jpg'))
  await sharp({ create: { width: 300, height: 300, channels: 3, background: '#1d4e89' } })
    .png()
    .toFile(path.join(baseDir, 'logo.png'))
  const report = await importContent(
    payload,
    {
      organisation: {
        name: 'Fjordforbundet',
        siteUrl: 'https://fjord.example',
        logo: { file: 'logo.png', alt: 'Fjordforbundets logo' },
        localized: { da: { tagline: 'Sammen ved fjorden' } },
      },
      topics: [
        { slug: 'loen', name: { da: 'Løn', sv: 'Lön' } },
        { slug: 'miljoe', name: { da: 'Arbejdsmiljø' } },
      ],
      segments: [{ slug: 'laerlinge', name: { da: 'Lærlinge' } }],
      pages: [
        { slug: 'om-os', title: 'Om os', publishedAt: P },
        { slug: 'medlemskab', title: 'Medlemskab', publishedAt: P },
        {
          slug: 'kontingent',
          title: 'Kontingent',
          parent: 'om-os',
          publishedAt: P,
          body: { markdown: 'Satser.' },
        },
      ],
      articles: [
        {
          slug: 'overenskomst',
          title: 'Ny overenskomst på plads',
          summary: 'Resultatet er klar',
          image: { file: 'fjord.jpg', alt: 'Fjorden ved daggry' },
          topics: ['loen'],
          authors: ['Sigrid Fjeldstad'],
          publishedAt: '2026-05-02T08:00:00Z',
        },
        { slug: 'overenskomst-sv', locale: 'sv', translationOf: 'overenskomst', title: 'Nytt avtal klart' },
        { slug: 'satser', title: 'Satser for 2026', publishedAt: '2026-05-03T08:00:00Z', topics: ['miljoe'] },
        {
          slug: 'kladde',
          title: 'Kun en kladde',
          status: 'draft',
        },
        { slug: 'peger-paa-kladde', title: 'Peger på en kladde', publishedAt: '2026-05-04T08:00:00Z' },
        ...Array.from({ length: TOPIC_ARTICLES }, (_, i) => ({
          slug: `loen-${i}`,
          title: `Lønnyt nummer ${i}`,
          body: { markdown: `Afsnit ${i} om løn.` },
          topics: ['loen'],
          publishedAt: `2026-04-${String(10 + i).padStart(2, '0')}T08:00:00Z`,
        })),
      ],
      benefits: [
        {
          slug: 'feriehus',
          name: 'Rabat på feriehus',
          partner: 'Fjordhytter A/S',
          category: 'Fritid',
          eligibleSegments: ['laerlinge'],
          publishedAt: P,
          validTo: '2026-07-01T00:00:00Z',
        },
      ],
      campaigns: [
        {
          slug: 'ok26',
          title: 'OK26',
          publishedAt: P,
          endsAt: '2026-06-15T00:00:00Z',
          relatedArticles: ['overenskomst', 'satser'],
        },
      ],
      newsletters: [
        {
          slug: 'juni',
          subject: 'Nyt i juni',
          publishedAt: P,
          items: [
            { kind: 'article', key: 'overenskomst' },
            { kind: 'article', key: 'satser' },
            { kind: 'campaign', key: 'ok26' },
          ],
        },
      ],
      letters: [
        {
          slug: 'velkommen',
          subject: 'Velkommen',
          publishedAt: P,
          body: { markdown: 'Kære {{first_name}}.' },
          signature: { name: 'Ole Fjordby', title: 'Formand' },
          campaign: 'ok26',
        },
      ],
      navigation: { header: { da: [{ page: 'om-os' }, { topic: 'loen' }] }, footer: {} },
    },
    { baseDir },
  )
  expect(report.rejected).toEqual([])
  // Internal links as the editor makes them: to an article, a site page (written with its path), a draft.
  await payload.update({
    collection: 'articles',
    id: await idOf('articles', 'overenskomst'),
    locale: 'da',
    data: {
      body: paragraph(
        textNode('Læs '),
        linkTo('articles', await idOf('articles', 'satser'), 'satserne'),
        textNode(' og '),
        linkTo('pages', await idOf('pages', 'kontingent'), 'kontingentet'),
      ),
    },
    overrideAccess: true,
  })
  // A link to a benefit that expires on 2026-07-01: from then on the link is text.
  await payload.update({
    collection: 'articles',
    id: await idOf('articles', 'loen-0'),
    locale: 'da',
    data: {
      body: paragraph(textNode('Se '), linkTo('benefits', await idOf('benefits', 'feriehus'), 'rabatten')),
    },
    overrideAccess: true,
  })
  const draft = await payload.find({
    collection: 'articles',
    where: { slug: { equals: 'kladde' } },
    draft: true,
    overrideAccess: true,
  })
  await payload.update({
    collection: 'articles',
    id: await idOf('articles', 'peger-paa-kladde'),
    locale: 'da',
    data: { body: paragraph(textNode('Se '), linkTo('articles', draft.docs[0].id, 'kladden')) },
    overrideAccess: true,
  })
})

afterAll(async () => cms?.close())

describe('the export after an edit', () => {
  it('is full the first time (no cache yet) and writes the cache', async () => {
    const both = await exportBoth()
    expect(both.incremental.cache).toEqual({ incremental: false, reason: 'no export cache yet' })
    await expectSame(both)
    // The fixture exercises what the cache must get right: links to an article and a page, a link to a draft.
    const body = JSON.stringify(articleDa(both.full, 'overenskomst')?.body)
    expect(body).toContain('"key":"satser"')
    expect(body).toContain('/om-os/kontingent/')
    expect(both.full.warnings.map((w) => w.message).join('\n')).toContain('articles/kladde')
    expect(both.full.snapshot.navigation.header.da?.length).toBe(2)
  })

  it('reads nothing again when nothing changed', async () => {
    const both = await exportBoth()
    // Only the article linking to a draft is never kept (the cache holds nothing the snapshot does not).
    expect(reread(both.incremental)).toBe(1)
    await expectSame(both)
  })

  it("follows an article's new title and body, and what shows it", async () => {
    const id = await idOf('articles', 'satser')
    await payload.update({
      collection: 'articles',
      id,
      locale: 'da',
      data: { title: 'Nye satser for 2026', body: paragraph(textNode('Timelønnen stiger.')) },
      overrideAccess: true,
    })
    const both = await exportBoth()
    // Itself, the article linking to it, the campaign and the edition naming it, the one linking to a draft.
    expect(reread(both.incremental)).toBe(5)
    await expectSame(both)
    expect(articleDa(both.incremental, 'satser')?.title).toBe('Nye satser for 2026')
    expect(JSON.stringify(articleDa(both.incremental, 'satser')?.body)).toContain('Timelønnen stiger.')
  })

  it('adds a new article', async () => {
    await payload.create({
      collection: 'articles',
      locale: 'da',
      data: {
        title: 'Helt ny artikel',
        slug: 'helt-ny',
        publishedAt: '2026-05-20T08:00:00Z',
        _status: 'published',
      },
      overrideAccess: true,
    })
    const both = await exportBoth()
    expect(reread(both.incremental)).toBe(2)
    await expectSame(both)
    expect(articleDa(both.incremental, 'helt-ny')?.title).toBe('Helt ny artikel')
  })

  it('drops an unpublished article, and the links and references to it; brings them back when republished', async () => {
    const id = await idOf('articles', 'satser')
    await payload.update({ collection: 'articles', id, data: { _status: 'draft' }, overrideAccess: true })
    const both = await exportBoth()
    await expectSame(both)
    expect(articleDa(both.incremental, 'satser')).toBeUndefined()
    expect(both.incremental.snapshot.campaigns[0].relatedArticles).toEqual(['overenskomst'])
    expect(JSON.stringify(articleDa(both.incremental, 'overenskomst')?.body)).not.toContain('"key":"satser"')
    await payload.update({ collection: 'articles', id, data: { _status: 'published' }, overrideAccess: true })
    const again = await exportBoth()
    await expectSame(again)
    expect(again.incremental.snapshot.campaigns[0].relatedArticles).toEqual(['overenskomst', 'satser'])
    expect(JSON.stringify(articleDa(again.incremental, 'overenskomst')?.body)).toContain('"key":"satser"')
  })

  it('hides an article scheduled into the future, and shows it on its date', async () => {
    const id = await idOf('articles', 'loen-3')
    await payload.update({
      collection: 'articles',
      id,
      data: { publishedAt: '2026-06-10T08:00:00Z' },
      overrideAccess: true,
    })
    const hidden = await exportBoth()
    await expectSame(hidden)
    expect(articleDa(hidden.incremental, 'loen-3')).toBeUndefined()
    // Nothing edited: only the date passes (a campaign ends, a benefit expires on a later date still).
    const shown = await exportBoth(new Date('2026-06-20T12:00:00Z'))
    await expectSame(shown)
    expect(articleDa(shown.incremental, 'loen-3')?.title).toBe('Lønnyt nummer 3')
    expect(shown.incremental.snapshot.campaigns[0].ended).toBe(true)
    const expired = await exportBoth(new Date('2026-07-02T12:00:00Z'))
    await expectSame(expired)
    expect(expired.incremental.snapshot.benefits).toEqual([])
    // The article linking to the benefit was reused, and its link settled on the date: now text.
    expect(JSON.stringify(articleDa(shown.incremental, 'loen-0')?.body)).toContain('"key":"feriehus"')
    expect(JSON.stringify(articleDa(expired.incremental, 'loen-0')?.body)).not.toContain('"key":"feriehus"')
    expect(expired.incremental.warnings.map((w) => w.message)).toContain(
      'a link points at benefits/feriehus, which is not published; shown as text',
    )
    // Back on the first date: what the dates decided is decided again (the article, campaign, benefit),
    // and the article whose link became text is read again (it was not kept).
    const back = await exportBoth()
    expect(reread(back.incremental)).toBe(5)
    await expectSame(back)
  })

  it("follows a topic's new name into every article that has it", async () => {
    await payload.update({
      collection: 'topics',
      id: await idOf('topics', 'loen'),
      locale: 'da',
      data: { name: 'Løn og pension' },
      overrideAccess: true,
    })
    const both = await exportBoth()
    // The articles with the topic (`overenskomst` and the twelve), and the one linking to a draft.
    expect(reread(both.incremental)).toBe(TOPIC_ARTICLES + 2)
    await expectSame(both)
    expect(articleDa(both.incremental, 'loen-0')?.topics).toEqual([{ slug: 'loen', name: 'Løn og pension' }])
  })

  it("follows a picture's new alt text", async () => {
    await payload.update({
      collection: 'media',
      id: await idOf('media', 'fjord.jpg'),
      data: { alt: 'Fjorden i morgensol' },
      overrideAccess: true,
    })
    const both = await exportBoth()
    expect(reread(both.incremental)).toBe(2)
    await expectSame(both)
    expect(articleDa(both.incremental, 'overenskomst')?.hero?.alt).toBe('Fjorden i morgensol')
  })

  it("follows an article's new author", async () => {
    await payload.update({
      collection: 'articles',
      id: await idOf('articles', 'loen-1'),
      data: { authors: ['Maja Nordvik'] },
      overrideAccess: true,
    })
    const both = await exportBoth()
    expect(reread(both.incremental)).toBe(2)
    await expectSame(both)
    expect(articleDa(both.incremental, 'loen-1')?.authors).toEqual(['Maja Nordvik'])
  })

  it('follows a moved page into the links to it, and a new menu', async () => {
    await payload.update({
      collection: 'pages',
      id: await idOf('pages', 'kontingent'),
      locale: 'da',
      data: { parent: await idOf('pages', 'medlemskab'), title: 'Kontingent 2026' },
      overrideAccess: true,
    })
    await payload.updateGlobal({
      slug: 'navigation',
      data: { da: { header: [{ kind: 'topic', topic: await idOf('topics', 'loen') }], footer: [] } },
      overrideAccess: true,
    })
    const both = await exportBoth()
    // The article linking to the page, and the one linking to a draft.
    expect(reread(both.incremental)).toBe(2)
    await expectSame(both)
    expect(JSON.stringify(articleDa(both.incremental, 'overenskomst')?.body)).toContain(
      '/medlemskab/kontingent/',
    )
    expect(both.incremental.snapshot.navigation.header.da?.length).toBe(1)
  })

  it("follows the Organisation's new name", async () => {
    await payload.updateGlobal({
      slug: 'organisation',
      data: { name: 'Fjord- og Fjeldforbundet' },
      overrideAccess: true,
    })
    const both = await exportBoth()
    expect(reread(both.incremental)).toBe(1)
    await expectSame(both)
    expect(both.incremental.snapshot.organisation.name).toBe('Fjord- og Fjeldforbundet')
  })

  it('exports in full from a corrupt cache, says so in one line, and writes a good one', async () => {
    const good = await readFile(cacheFile, 'utf8')
    const reasons = []
    // Cut short (a crash, a full disk), and one title changed by hand in a cache that still parses.
    for (const damaged of [good.slice(0, good.length / 2), good.replace('Lønnyt nummer 5', 'Forfalsket')]) {
      expect(damaged).not.toBe(good)
      await writeFile(cacheFile, damaged)
      const both = await exportBoth()
      expect(both.incremental.cache).toMatchObject({ incremental: false })
      const reason = both.incremental.cache?.incremental === false ? both.incremental.cache.reason : ''
      expect(reason).toContain(cacheFile)
      expect(reason).not.toContain('\n')
      reasons.push(reason)
      await expectSame(both)
      expect(articleDa(both.incremental, 'loen-5')?.title).toBe('Lønnyt nummer 5')
    }
    expect(reasons).toEqual([expect.stringContaining('damaged'), expect.stringContaining('damaged')])
    await writeFile(cacheFile, '{"key": "abc", "documents": {"articles": ')
    const unreadable = await exportBoth()
    expect(unreadable.incremental.cache).toMatchObject({ incremental: false })
    await expectSame(unreadable)
    // Nothing lost: the cache is whole again.
    const next = await exportBoth()
    expect(reread(next.incremental)).toBe(1)
    await expectSame(next)
  })

  it('starts clean from a cache made by another version', async () => {
    const text = await readFile(cacheFile, 'utf8')
    const cache = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { key: string }
    const body = JSON.stringify({ ...cache, key: 'an older Budstikke' })
    await writeFile(cacheFile, `${createHash('sha256').update(body).digest('hex')}\n${body}`)
    const both = await exportBoth()
    expect(both.incremental.cache).toEqual({
      incremental: false,
      reason: 'the export cache was made by another version or configuration',
    })
    await expectSame(both)
    await rm(path.join(cms.dir, 'inc-1'), { recursive: true, force: true })
  })

  it('notices a picture file gone from the disk', async () => {
    await rm(path.join(cms.dir, 'media', 'fjord.jpg'))
    const both = await exportBoth()
    expect(reread(both.incremental)).toBe(2)
    await expectSame(both)
    expect(articleDa(both.incremental, 'overenskomst')?.hero).toBeNull()
  })

  it('exports in full when asked (publish --full) and writes the cache anew', async () => {
    const fresh = await exportSnapshot(payload, {
      dir: path.join(cms.dir, 'fresh'),
      now: NOW,
      cache: cacheFile,
      fresh: true,
    })
    expect(fresh.cache).toEqual({ incremental: false, reason: 'a full export was asked for' })
    const next = await exportBoth()
    expect(reread(next.incremental)).toBe(1)
    expect(text(fresh)).toBe(text(next.full))
  })

  it('keeps the export when the cache cannot be written: one line naming the path, and the next export is full', async () => {
    const blocked = path.join(cms.dir, 'a-file')
    await writeFile(blocked, 'not a folder')
    const file = path.join(blocked, 'export.json')
    const first = await exportSnapshot(payload, { dir: path.join(cms.dir, 'blocked'), now: NOW, cache: file })
    expect(first.cacheNote).toMatch(new RegExp(`^export cache not written: ${file}: .*(EEXIST|ENOTDIR)`))
    expect(first.cacheNote).not.toContain('\n')
    const full = await exportSnapshot(payload, { dir: path.join(cms.dir, 'blocked-full'), now: NOW })
    expect(text(first)).toBe(text(full))
    const second = await exportSnapshot(payload, {
      dir: path.join(cms.dir, 'blocked'),
      now: NOW,
      cache: file,
    })
    expect(second.cache).toEqual({ incremental: false, reason: 'no export cache yet' })
  })

  it('from the command line: a damaged cache gives a full export and one line saying so; then it is incremental', async () => {
    const cliCache = path.join(cms.dir, 'cache', 'export.json')
    await writeFile(cliCache, 'damaged')
    const out = path.join(cms.dir, 'cli', 'snapshot.json')
    const args = ['export', '--out', out, '--now', NOW.toISOString(), '--quiet']
    const env = userEnv({ BUDSTIKKE_DATA_DIR: cms.dir })
    const first = await runCli(args, { env })
    expect(first.code, first.stderr).toBe(0)
    const lines = first.stderr.split('\n').filter((line) => line.startsWith('export: full export'))
    expect(lines).toEqual([`export: full export: ${cliCache} is damaged (its checksum does not match)`])
    const full = await readFile(out, 'utf8')
    const second = await runCli(args, { env })
    expect(second.code, second.stderr).toBe(0)
    expect(second.stderr).not.toContain('full export')
    expect(await readFile(out, 'utf8')).toBe(full)
  }, 180_000)
})
