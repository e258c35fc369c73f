/**
 * Items share a transaction on SQLite (a batch, each item in a savepoint: cms/import/item-transaction.ts).
 * A bad item in the middle of a batch, failing after it had already written (a topic, a picture), is
 * rolled back alone and reported by name; the items before and after it in the same batch land. Both
 * import paths: the JSON import and the WordPress import. A second run changes nothing. And when the
 * batch's COMMIT itself fails, its items are imported once more, one transaction each, counted once.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  importContent,
  openItemImporter,
  type ImportReport,
  type Outcome,
} from '../../cms/import/import-content.ts'
import { importWordPress, type WordPressReport } from '../../cms/import/wordpress/import-wordpress.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

let cms: TempCms
let payload: Payload

const ARTICLES = 30
const BAD = 12
const POSTS = 24
const BAD_POST = 9
const SITE = 'https://www.fagforening-batch.example'

function jsonArticles() {
  return Array.from({ length: ARTICLES }, (_, i) => ({
    slug: `batch-artikel-${i}`,
    title: `Batch-artikel ${i}`,
    body:
      i === BAD
        ? // Written before the item fails: a picture of its own (inline) and a topic of its own.
          { html: '<p>Tekst</p><p><img src="img/kun-i-fejlen.jpg" alt="Kun i fejlen"></p>' }
        : { markdown: `Tekst til artikel ${i}.` },
    topics: i === BAD ? ['loen', 'kun-i-fejlen'] : ['loen'],
    ...(i === BAD ? { image: { file: 'img/ikke-et-billede.jpg', alt: 'Ødelagt' } } : {}),
    publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  }))
}

function cdata(text: string): string {
  return `<![CDATA[${text}]]>`
}

/** A made-up export: POSTS posts, each with a featured picture; the bad one's featured file is no image. */
function wordpressExport(): string {
  const posts = Array.from({ length: POSTS }, (_, i) => {
    const inline =
      i === BAD_POST
        ? `\n\n<img src="${SITE}/wp-content/uploads/2020/01/kun-i-fejlindlaegget.jpg" alt="Kun i fejlindlægget" />`
        : ''
    return `<item><title>${cdata(`Batch-indlæg ${i}`)}</title><link>${SITE}/batch-indlaeg-${i}/</link>
<dc:creator>${cdata('redaktion')}</dc:creator><guid isPermaLink="false">${SITE}/?p=${500 + i}</guid>
<content:encoded>${cdata(`Tekst til indlæg ${i}.${inline}`)}</content:encoded><excerpt:encoded>${cdata('')}</excerpt:encoded>
<wp:post_id>${500 + i}</wp:post_id><wp:post_date>${cdata('2020-01-02 10:00:00')}</wp:post_date><wp:post_date_gmt>${cdata('2020-01-02 09:00:00')}</wp:post_date_gmt>
<wp:post_name>${cdata(`batch-indlaeg-${i}`)}</wp:post_name><wp:status>${cdata('publish')}</wp:status><wp:post_parent>0</wp:post_parent>
<wp:menu_order>0</wp:menu_order><wp:post_type>${cdata('post')}</wp:post_type><wp:post_password>${cdata('')}</wp:post_password>
<category domain="category" nicename="nyheder">${cdata('Nyheder')}</category>
<wp:postmeta><wp:meta_key>${cdata('_thumbnail_id')}</wp:meta_key><wp:meta_value>${cdata(i === BAD_POST ? '901' : '900')}</wp:meta_value></wp:postmeta>
</item>`
  })
  const attachment = (id: number, file: string) =>
    `<item><title>${cdata(`Billede ${id}`)}</title><wp:post_id>${id}</wp:post_id><wp:status>${cdata('inherit')}</wp:status>
<wp:post_type>${cdata('attachment')}</wp:post_type><wp:post_parent>0</wp:post_parent>
<wp:attachment_url>${cdata(`${SITE}/wp-content/uploads/${file}`)}</wp:attachment_url></item>`
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Batch-forbundet</title><link>${SITE}</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>${SITE}</wp:base_site_url><wp:base_blog_url>${SITE}</wp:base_blog_url>
<wp:author><wp:author_login>${cdata('redaktion')}</wp:author_login><wp:author_display_name>${cdata('Redaktionen')}</wp:author_display_name></wp:author>
<wp:category><wp:category_nicename>nyheder</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${cdata('Nyheder')}</wp:cat_name></wp:category>
${posts.join('\n')}
${attachment(900, '2020/01/faelles.jpg')}
${attachment(901, '2020/01/ikke-et-billede.jpg')}
</channel></rss>
`
}

async function picture(file: string, colour: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .toFile(file)
}

async function mediaAlts(): Promise<string[]> {
  const media = await payload.find({ collection: 'media', pagination: false, overrideAccess: true, depth: 0 })
  return media.docs.map((m) => m.alt)
}

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
}, 120_000)

afterAll(async () => cms?.close())

describe('a bad item in a batch of the JSON import', () => {
  let baseDir: string
  let first: ImportReport

  beforeAll(async () => {
    baseDir = path.join(cms.dir, 'json')
    await picture(path.join(baseDir, 'img/kun-i-fejlen.jpg'), '#7d3c98')
    await writeFile(path.join(baseDir, 'img/ikke-et-billede.jpg'), 'ikke et billede')
    first = await importContent(payload, { articles: jsonArticles() }, { baseDir })
  }, 120_000)

  it('is rejected alone, by name; the items before and after it land', async () => {
    expect(first.rejected).toEqual([
      { path: `articles[${BAD}].image.file`, message: 'not a readable image: img/ikke-et-billede.jpg' },
    ])
    expect(first.created).toBe(ARTICLES - 1)
    const stored = await payload.find({
      collection: 'articles',
      where: { slug: { like: 'batch-artikel-' } },
      pagination: false,
      overrideAccess: true,
      depth: 0,
    })
    const slugs = stored.docs.map((doc) => doc.slug).sort()
    expect(slugs).toHaveLength(ARTICLES - 1)
    expect(slugs).not.toContain(`batch-artikel-${BAD}`)
    for (const neighbour of [BAD - 1, BAD + 1]) expect(slugs).toContain(`batch-artikel-${neighbour}`)
  })

  it('leaves nothing of what it wrote before it failed: neither its topic nor its picture', async () => {
    const topics = await payload.find({ collection: 'topics', pagination: false, overrideAccess: true })
    expect(topics.docs.map((t) => t.slug)).toEqual(['loen'])
    expect(await mediaAlts()).not.toContain('Kun i fejlen')
  })

  it('a second run changes nothing and names the bad item again', async () => {
    const again = await importContent(payload, { articles: jsonArticles() }, { baseDir })
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: ARTICLES - 1 })
    expect(again.rejected).toEqual(first.rejected)
  })
})

describe('a bad post in a batch of the WordPress import', () => {
  let file: string
  let uploads: string
  let first: WordPressReport

  beforeAll(async () => {
    uploads = path.join(cms.dir, 'wp-uploads')
    await picture(path.join(uploads, '2020/01/faelles.jpg'), '#1f618d')
    await picture(path.join(uploads, '2020/01/kun-i-fejlindlaegget.jpg'), '#b9770e')
    await writeFile(path.join(uploads, '2020/01/ikke-et-billede.jpg'), 'ikke et billede')
    file = path.join(cms.dir, 'batch-export.xml')
    await writeFile(file, wordpressExport())
    first = await importWordPress(payload, file, { uploadsDir: uploads, locale: 'da' })
  }, 120_000)

  it('is rejected alone, naming the post; the others land and every item is counted', async () => {
    expect(first.rejected).toEqual([
      {
        path: `post ${500 + BAD_POST} "Batch-indlæg ${BAD_POST}".image.file`,
        message: 'not a readable image: 2020/01/ikke-et-billede.jpg',
      },
    ])
    expect(first.rejectedItems).toBe(1)
    expect(first.created).toBe(POSTS - 1)
    expect(first.created + first.updated + first.unchanged + first.skipped + first.rejectedItems).toBe(
      first.read,
    )
    const stored = await payload.count({
      collection: 'articles',
      where: { slug: { like: 'batch-indlaeg-' } },
      overrideAccess: true,
    })
    expect(stored.totalDocs).toBe(POSTS - 1)
    // Its inline picture was uploaded before the featured one failed, and went with it.
    expect(await mediaAlts()).not.toContain('Kun i fejlindlægget')
  })

  it('a second run changes nothing and names the bad post again', async () => {
    const again = await importWordPress(payload, file, { uploadsDir: uploads, locale: 'da' })
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: POSTS - 1, rejectedItems: 1 })
    expect(again.rejected).toEqual(first.rejected)
  })
})

describe('a batch whose COMMIT fails', () => {
  it('is imported once more, item by item: each item lands, counted and warned about once', async () => {
    const baseDir = path.join(cms.dir, 'commit')
    // One batch for the whole test, however slow the machine.
    const importer = openItemImporter(payload, { baseDir, batchLimits: { items: 1000, ms: 600_000 } })
    const tally: Record<Outcome | 'rejected', number> = { created: 0, updated: 0, unchanged: 0, rejected: 0 }
    const count = (outcome: Outcome | 'rejected', change: 1 | -1) => (tally[outcome] += change)
    for (let i = 0; i < 5; i++)
      await importer.importItem(
        'articles',
        {
          slug: `commit-artikel-${i}`,
          title: `Commit-artikel ${i}`,
          // A link to an article that does not exist: one warning per import of the item.
          body: { html: `<p>Se <a href="/artikler/findes-aldrig-${i}/">den</a>.</p>` },
        },
        `articles[${i}]`,
        count,
      )
    // What makes the COMMIT fail, made on the batch's own connection: a row whose foreign key
    // breaks, checked only at COMMIT (deferred), as a full disk fails a commit without warning.
    const client = (payload.db as unknown as { client: { execute(sql: string): Promise<unknown> } }).client
    await client.execute('PRAGMA defer_foreign_keys = ON')
    await client.execute(
      `INSERT INTO "articles_rels" ("order", "parent_id", "path") VALUES (1, 999999, 'topics')`,
    )
    await importer.flush()

    expect(tally).toEqual({ created: 5, updated: 0, unchanged: 0, rejected: 0 })
    expect(importer.report).toMatchObject({ created: 5, updated: 0, unchanged: 0, rejected: [] })
    expect(importer.report.warnings.map((w) => w.path)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `articles/commit-artikel-${i} (da) body`),
    )
    const stored = await payload.count({
      collection: 'articles',
      where: { slug: { like: 'commit-artikel-' } },
      overrideAccess: true,
    })
    expect(stored.totalDocs).toBe(5)
  })
})
