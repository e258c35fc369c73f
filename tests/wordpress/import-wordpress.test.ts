/**
 * `import-wordpress` on a real SQLite database: the made-up export goes in through the import path,
 * with every status, shortcode, picture and permalink form of the fixture; the counts add up; a second
 * run changes nothing; the snapshot holds only what WordPress showed the public.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportSnapshot } from '../../cms/export/export-snapshot.ts'
import { importWordPress, type WordPressReport } from '../../cms/import/wordpress/import-wordpress.ts'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'
import { FIXTURE, HIDDEN_WORDS, makeUploads } from './helpers.ts'

let cms: TempCms
let payload: Payload
let uploads: string
let first: WordPressReport
let second: WordPressReport
let snapshot: Snapshot

type Article = { id: number; slug: string; title: string; _status: string; body: unknown; hero?: unknown }

async function article(slug: string): Promise<Article> {
  const found = await payload.find({
    collection: 'articles',
    where: { slug: { equals: slug } },
    draft: true,
    depth: 0,
    locale: 'da',
    overrideAccess: true,
  })
  expect(found.docs, `article ${slug}`).toHaveLength(1)
  return found.docs[0] as unknown as Article
}

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  uploads = await makeUploads()
  first = await importWordPress(payload, FIXTURE, { uploadsDir: uploads, locale: 'da' })
  second = await importWordPress(payload, FIXTURE, { uploadsDir: uploads, locale: 'da' })
  snapshot = (
    await exportSnapshot(payload, { dir: path.join(cms.dir, 'out'), now: new Date('2026-11-27T12:00:00Z') })
  ).snapshot
}, 180_000)

afterAll(async () => cms?.close())

describe('import-wordpress', () => {
  it('counts every item of the export: read = imported + skipped + rejected', () => {
    const imported = first.created + first.updated + first.unchanged
    expect(first.read).toBe(21)
    expect(imported + first.skipped + first.rejectedItems).toBe(first.read)
    expect(first.rejected).toEqual([])
    expect(first.skippedBy).toMatchObject({
      attachment: 3,
      'auto-draft': 1,
      'post type revision': 1,
      'post type nav_menu_item': 1,
      // Trash that was never imported is only counted.
      trash: 1,
    })
    expect(first.skipped).toBe(7)
    // 11 posts and 3 pages.
    expect(imported).toBe(14)
    expect(first.topics.created).toBe(5)
  })

  it('--dry-run converts and counts everything and writes nothing', async () => {
    const before = await payload.count({ collection: 'articles', overrideAccess: true })
    const dry = await importWordPress(null, FIXTURE, { uploadsDir: uploads, locale: 'da', dryRun: true })
    expect(dry.wouldImport + dry.skipped + dry.rejectedItems).toBe(dry.read)
    expect(dry.wouldImport).toBe(14)
    expect(dry.warnings.map((w) => w.message)).toContain('shortcode [contact-form-7] removed')
    expect((await payload.count({ collection: 'articles', overrideAccess: true })).totalDocs).toBe(
      before.totalDocs,
    )
  })

  it('names the file when it is missing and the folder when --uploads is not one', async () => {
    await expect(
      importWordPress(null, '/nowhere/export.xml', { locale: 'da', dryRun: true }),
    ).rejects.toThrow('/nowhere/export.xml: no such file')
    await expect(
      importWordPress(null, FIXTURE, { locale: 'da', dryRun: true, uploadsDir: FIXTURE }),
    ).rejects.toThrow(`${FIXTURE}: --uploads must name a folder (a copy of wp-content/uploads)`)
  })

  it('a second run of the same export changes nothing', () => {
    expect(second.created).toBe(0)
    expect(second.updated).toBe(0)
    expect(second.unchanged).toBe(first.created)
    expect(second.topics).toMatchObject({ created: 0, updated: 0 })
  })

  it('publishes only published and due posts; drafts, pending, private and password-protected stay drafts', async () => {
    expect((await article('ny-overenskomst'))._status).toBe('published')
    for (const slug of [
      'udkast-hemmeligtudkast',
      'afventer-afventertitel',
      'privat-indlaeg',
      'kodeord-indlaeg',
    ])
      expect((await article(slug))._status, slug).toBe('draft')
    const titles = snapshot.articles.map((a) => a.title)
    expect(titles).toContain('Ny overenskomst for lagerarbejdere')
    // `future`: published with its date, so out of every channel until then.
    expect((await article('fremtidig-nyhed'))._status).toBe('published')
    const json = JSON.stringify(snapshot)
    for (const word of HIDDEN_WORDS) expect(json, word).not.toContain(word)
  })

  it('keeps authors, topics (category hierarchy in the name), summary and the featured image', () => {
    const post = snapshot.articles.find((a) => a.key === 'ny-overenskomst')!
    expect(post.authors).toEqual(['Karin Østergård'])
    expect(post.topics.map((t) => t.slug).sort()).toEqual(['loen', 'strejke'])
    expect(post.topics.find((t) => t.slug === 'loen')?.name).toBe('Overenskomst › Løn')
    // No excerpt: the text before <!--more-->.
    expect(post.summary).toBe(
      'Efter lange forhandlinger er der enighed om en ny overenskomst. Lønnen stiger med 2,5 procent. Læs også om arbejdsmiljøet og sikkerheden.',
    )
    expect(post.hero?.alt).toBe('Medlemmer med bannere')
    const other = snapshot.articles.find((a) => a.key === 'sikkerhed-paa-lageret')!
    expect(other.summary).toBe('Tillidsrepræsentanterne kræver bedre forhold.')
    expect(other.hero).toBeNull()
  })

  it('turns links to other posts (every permalink form) into internal links, categories into topic links', () => {
    const body = JSON.stringify(snapshot.articles.find((a) => a.key === 'ny-overenskomst')!.body)
    // `/?p=102` and `/2019/02/14/sikkerhed-paa-lageret/`: both point forward in the file.
    expect(body.match(/"internal":\{"collection":"articles","key":"sikkerhed-paa-lageret",/g)).toHaveLength(2)
    expect(body).toContain('"href":"/emner/loen/"')
    expect(body).toContain('"href":"https://andet-sted.example/artikel/"')
    expect(body).not.toContain('fagforening-nord.example')
    // `/ny-overenskomst/` (the post-name form) from the block-editor post.
    const back = JSON.stringify(snapshot.articles.find((a) => a.key === 'sikkerhed-paa-lageret')!.body)
    // Snapshot version 3: the target's key, then where it leads (locale, path, URL).
    expect(back).toContain(
      '"internal":{"collection":"articles","key":"ny-overenskomst","locale":"da","path":"/artikler/ny-overenskomst/"',
    )
  })

  it('converts classic and block-editor content, shortcodes and pictures', () => {
    const blocks = (key: string) => snapshot.articles.find((a) => a.key === key)!.body
    const classic = blocks('ny-overenskomst')
    // wpautop: a blank line starts a paragraph, a single line break stays a line break.
    expect(classic[0]).toMatchObject({ type: 'paragraph' })
    expect(JSON.stringify(classic[0])).toContain('"type":"lineBreak"')
    const caption = classic.find((b) => b.type === 'image')
    expect(caption).toMatchObject({
      caption: 'Medlemmer samlet foran lageret i Aalborg',
      image: { alt: 'Medlemmer foran lageret' },
    })

    const block = blocks('sikkerhed-paa-lageret')
    expect(block.map((b) => b.type)).toEqual(
      expect.arrayContaining(['paragraph', 'heading', 'list', 'embed', 'table', 'gallery']),
    )
    expect(block.find((b) => b.type === 'embed')).toMatchObject({
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      title: 'Film om sikkerhed',
    })
    // The picture whose file is missing leaves its alt text.
    expect(JSON.stringify(block)).toContain('Truck på lageret')

    const summer = blocks('sommerens-aktiviteter')
    const text = JSON.stringify(summer)
    expect(summer.filter((b) => b.type === 'gallery')).toHaveLength(1)
    expect(summer.filter((b) => b.type === 'embed').map((b) => (b as { url: string }).url)).toEqual([
      'https://www.youtube.com/watch?v=aBcDeFgHiJk',
      'https://vimeo.com/123456789',
      'https://www.fagforening-nord.example/wp-content/uploads/2019/06/tale.mp3',
      'https://www.fagforening-nord.example/wp-content/uploads/2019/06/festen.mp4',
    ])
    expect(summer.some((b) => b.type === 'rule')).toBe(true)
    // A shortcode inside a paragraph leaves no empty paragraph behind.
    expect(summer.filter((b) => b.type === 'paragraph' && b.children.length === 0)).toEqual([])
    expect(text).toContain('Gaffeltruck')
    expect(text).toContain('Tilmeld dig hos din afdeling.')
    expect(text).toContain('Skriv [gallery] for at vise et galleri.')
    expect(text).not.toContain('contact-form-7')
    expect(text).not.toContain('vc_row')
  })

  it('warns about removed shortcodes and missing pictures, naming the post', () => {
    const warnings = first.warnings.map((w) => `${w.path}: ${w.message}`)
    expect(warnings).toContain('post 103 "Sommerens aktiviteter": shortcode [contact-form-7] removed')
    expect(warnings).toContain(
      'post 103 "Sommerens aktiviteter": shortcode [vc_row] removed (the text it enclosed is kept)',
    )
    expect(warnings).toContain(
      'post 102 "Sikkerhed på lageret": picture https://www.fagforening-nord.example/wp-content/uploads/2019/02/mangler.jpg not found under --uploads; its alt text is kept',
    )
    expect(warnings).toContain(
      'post 102 "Sikkerhed på lageret": featured image https://www.fagforening-nord.example/wp-content/uploads/2019/02/mangler.jpg not found under --uploads',
    )
    expect(warnings.some((w) => w.includes('no such document'))).toBe(false)
  })

  it('names an untitled post after its first words and gives a Greek title a transliterated slug', async () => {
    const untitled = await article('112')
    expect(untitled.title).toBe('Generalforsamlingen vedtog i aftes en udtalelse om')
    expect(first.warnings.map((w) => w.message)).toContain(
      'no title; named after its first words: "Generalforsamlingen vedtog i aftes en udtalelse om"',
    )
    expect((await article('allileggyi')).title).toBe('Αλληλεγγύη στους εργάτες')
  })

  it('keeps hostile text as text, never as markup', () => {
    const post = snapshot.articles.find((a) => a.key === 'fjendtlig')!
    expect(post.title).toBe('Løn & "vilkår" ]]>')
    const body = JSON.stringify(post.body)
    expect(body).not.toMatch(/<script|javascript:|onerror|<iframe/i)
  })

  it('imports pages with their hierarchy and order; links to pages lead to their new address', () => {
    const pages = snapshot.pages.filter((p) => p.locale === 'da')
    expect(pages.map((p) => p.key).sort()).toEqual(['kontakt', 'om-os'])
    const contact = pages.find((p) => p.key === 'kontakt')!
    expect(contact).toMatchObject({ title: 'Kontakt', parent: 'om-os', parentSlugs: ['om-os'], order: 2 })
    // A page's excerpt is its summary (the page's meta description on the site), as for a post.
    expect(contact.summary).toBe('Telefon, adresse og åbningstider for Fagforeningen Nord.')
    expect(pages.find((p) => p.key === 'om-os')!.summary).toBe('')
    expect(JSON.stringify(contact.body)).toContain('"href":"/om-os/"')
  })

  it('remembers the old permalinks of every imported post and page, WordPress’s default ?p= form too', () => {
    const post = snapshot.articles.find((a) => a.key === 'ny-overenskomst')!
    expect(post.oldPaths).toEqual(['/2018/11/03/ny-overenskomst/', '/?p=101'])
    const greek = snapshot.articles.find((a) => a.key === 'allileggyi')!
    expect(greek.oldPaths).toEqual([
      '/2020/04/01/%CE%B1%CE%BB%CE%BB%CE%B7%CE%BB%CE%B5%CE%B3%CE%B3%CF%8D%CE%B7/',
      '/?p=113',
    ])
    const contact = snapshot.pages.find((p) => p.key === 'kontakt')!
    expect(contact.oldPaths).toEqual(['/?page_id=302'])
    // Every published post and page answers at its default permalink.
    for (const doc of [...snapshot.articles, ...snapshot.pages])
      expect(doc.oldPaths.filter((oldPath) => /^\/\?(p|page_id)=\d+$/.test(oldPath))).toHaveLength(1)
  })

  it('updates what changed in a new export, and takes a post that became draft or trash off every channel', async () => {
    const changed = (await readFile(FIXTURE, 'utf8'))
      .replace('Hilsen fra vores græske kolleger.', 'Hilsen fra vores græske og cypriotiske kolleger.')
      // 101 became a draft, 102 was put in the trash, the page Kontakt became private.
      .replace(
        '<wp:post_name><![CDATA[ny-overenskomst]]></wp:post_name>\n\t\t<wp:status><![CDATA[publish]]>',
        '<wp:post_name><![CDATA[ny-overenskomst]]></wp:post_name>\n\t\t<wp:status><![CDATA[draft]]>',
      )
      .replace(
        '<wp:post_name><![CDATA[sikkerhed-paa-lageret]]></wp:post_name>\n\t\t<wp:status><![CDATA[publish]]>',
        '<wp:post_name><![CDATA[sikkerhed-paa-lageret__trashed]]></wp:post_name>\n\t\t<wp:status><![CDATA[trash]]>',
      )
      .replace(
        '<wp:post_name><![CDATA[kontakt]]></wp:post_name>\n\t\t<wp:status><![CDATA[publish]]>',
        '<wp:post_name><![CDATA[kontakt]]></wp:post_name>\n\t\t<wp:status><![CDATA[private]]>',
      )
    const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-wp-changed-'))
    const file = path.join(dir, 'export.xml')
    await writeFile(file, changed)
    const report = await importWordPress(payload, file, { uploadsDir: uploads, locale: 'da' })
    expect(report.rejected).toEqual([])
    expect(report.created).toBe(0)
    expect(report.updated).toBe(4)
    expect(JSON.stringify((await article('allileggyi')).body)).toContain('cypriotiske')
    const after = (
      await exportSnapshot(payload, {
        dir: path.join(cms.dir, 'out2'),
        now: new Date('2026-11-27T12:00:00Z'),
      })
    ).snapshot
    const keys = after.articles.map((a) => a.key)
    expect(keys).toContain('allileggyi')
    expect(keys).not.toContain('ny-overenskomst')
    expect(keys).not.toContain('sikkerhed-paa-lageret')
    expect(after.pages.map((p) => p.key)).toEqual(['om-os'])
  })
})

describe('a page whose permalink is not its new address', () => {
  // The permalink holds a letter the new slug spells in ASCII, so the page and its child page move.
  const page = (id: number, name: string, title: string, link: string, parent = 0) => `
	<item>
		<title><![CDATA[${title}]]></title>
		<link>https://www.fagforening-nord.example${link}</link>
		<dc:creator><![CDATA[redaktion]]></dc:creator>
		<guid isPermaLink="false">https://www.fagforening-nord.example/?page_id=${id}</guid>
		<content:encoded><![CDATA[Om ${title}.]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>${id}</wp:post_id>
		<wp:post_date><![CDATA[2017-01-01 10:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2017-01-01 09:00:00]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[${name}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>${parent}</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[page]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
	</item>`
  let moved: TempCms

  afterAll(async () => moved?.close())

  it('keeps its old permalink, and its child page’s, as old paths in the snapshot', async () => {
    const fixture = await readFile(FIXTURE, 'utf8')
    const header = fixture.slice(0, fixture.indexOf('<item>'))
    const wxr = `${header}${page(401, '%c3%b8konomi', 'Økonomi', '/%c3%b8konomi/')}${page(402, 'vedtaegter', 'Vedtægter', '/%c3%b8konomi/vedtaegter/', 401)}\n</channel>\n</rss>\n`
    const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-wp-pages-'))
    await writeFile(path.join(dir, 'export.xml'), wxr)
    moved = await startTempCms()
    const report = await importWordPress(moved.payload, path.join(dir, 'export.xml'), {
      uploadsDir: dir,
      locale: 'da',
    })
    expect(report.rejected).toEqual([])
    const { pages } = (
      await exportSnapshot(moved.payload, {
        dir: path.join(moved.dir, 'out'),
        now: new Date('2026-11-27T12:00:00Z'),
      })
    ).snapshot
    const economy = pages.find((p) => p.title === 'Økonomi')!
    const statutes = pages.find((p) => p.title === 'Vedtægter')!
    expect(economy.slug).not.toBe('%c3%b8konomi')
    expect(economy.oldPaths).toEqual(['/%C3%B8konomi/', '/?page_id=401'])
    expect(statutes).toMatchObject({
      parentSlugs: [economy.slug],
      oldPaths: ['/%C3%B8konomi/vedtaegter/', '/?page_id=402'],
    })
  }, 120_000)
})
