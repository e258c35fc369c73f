/**
 * Pages on a real SQLite database: imported with their hierarchy (parents by slug, in any order of the
 * file), exported with their ancestors' slugs per locale; a cycle and a top-level slug the site uses are
 * refused by name; `"status": "unpublished"` takes a published document off every channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { exportSnapshot } from '../../cms/export/export-snapshot.ts'
import { importContent, type ImportReport } from '../../cms/import/import-content.ts'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

const NOW = new Date('2026-06-01T12:00:00Z')
const P = '2026-05-01T00:00:00Z'
let cms: TempCms
let payload: Payload
let first: ImportReport

const importItems = (input: unknown) => importContent(payload, input, { baseDir: cms.dir })

async function exported(): Promise<{
  snapshot: Snapshot
  warnings: { document: string; field?: string; message: string }[]
}> {
  return exportSnapshot(payload, { dir: cms.dir, now: NOW })
}

const page = (snapshot: Snapshot, key: string, locale = 'da') =>
  snapshot.pages.find((p) => p.key === key && p.locale === locale)

async function findPage(slug: string) {
  const found = await payload.find({
    collection: 'pages',
    where: { slug: { equals: slug } },
    locale: 'da',
    draft: true,
    depth: 0,
    overrideAccess: true,
  })
  return found.docs[0] as unknown as { id: number; _status: string; parent?: number | null } | undefined
}

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  first = await importItems({
    pages: [
      // Children first: the import places parents before them.
      { slug: 'styrelsen', title: 'Styrelsen', parent: 'om-forbundet', order: 2, publishedAt: P },
      { slug: 'formand', title: 'Formanden', parent: 'styrelsen', publishedAt: P },
      {
        slug: 'om-forbundet',
        title: 'Om forbundet',
        summary: 'Hvem vi er, og hvad vi arbejder for.',
        body: { markdown: 'Vi er **Fjordforbundet** for lagerfolk og chauffører.' },
        publishedAt: P,
      },
      { slug: 'vedtaegter', title: 'Vedtægter', parent: 'om-forbundet', order: 1, publishedAt: P },
      {
        slug: 'om-forbundet-sv',
        locale: 'sv',
        translationOf: 'om-forbundet',
        title: 'Om förbundet',
        summary: 'Vilka vi är.',
      },
      { slug: 'styrelsen-sv', locale: 'sv', translationOf: 'styrelsen', title: 'Styrelsen på svenska' },
      { slug: 'emner', title: 'Emner på øverste niveau', publishedAt: P },
      { slug: 'arkiv', title: 'Arkiv under en side', parent: 'om-forbundet', publishedAt: P },
      { slug: 'kladde-side', title: 'Hemmelig kladde', status: 'draft' },
      { slug: 'under-kladde', title: 'Under en kladde', parent: 'kladde-side', publishedAt: P },
      { slug: 'forkert-orden', title: 'Orden', order: 'først' },
    ],
    articles: [{ slug: 'nyhed', title: 'En nyhed', publishedAt: P }],
  })
})

afterAll(async () => {
  await cms?.close()
})

describe('importing pages', () => {
  it('creates every good page, parents before children, and names the refused ones', () => {
    expect(first.rejected).toEqual([
      {
        path: 'pages[6]',
        message: expect.stringMatching(
          /slug: "emner" is taken by the site's topics section.*needs another slug, or a parent page/,
        ),
      },
      { path: 'pages[10].order', message: 'not a number' },
    ])
    expect(first.created).toBe(7 + 1)
    expect(first.updated).toBe(2) // the two translations
  })

  it('keeps the hierarchy: a parent found by slug, several levels deep', async () => {
    const parent = await findPage('om-forbundet')
    const child = await findPage('styrelsen')
    const grandchild = await findPage('formand')
    expect(child?.parent).toBe(parent?.id)
    expect(grandchild?.parent).toBe(child?.id)
  })

  it('exports each page per locale with its ancestors, order and body', async () => {
    const { snapshot } = await exported()
    expect(page(snapshot, 'om-forbundet')).toMatchObject({
      parent: null,
      parentSlugs: [],
      title: 'Om forbundet',
    })
    expect(JSON.stringify(page(snapshot, 'om-forbundet')?.body)).toContain('Fjordforbundet')
    expect(page(snapshot, 'styrelsen')).toMatchObject({
      parent: 'om-forbundet',
      parentSlugs: ['om-forbundet'],
      order: 2,
    })
    expect(page(snapshot, 'formand')).toMatchObject({ parentSlugs: ['om-forbundet', 'styrelsen'], order: 0 })
    // In Swedish the ancestors' Swedish slugs make the path.
    expect(page(snapshot, 'styrelsen', 'sv')).toMatchObject({
      slug: 'styrelsen-sv',
      parentSlugs: ['om-forbundet-sv'],
      title: 'Styrelsen på svenska',
    })
    // The summary per locale (the page's meta description); a page without one has it empty.
    expect(page(snapshot, 'om-forbundet')?.summary).toBe('Hvem vi er, og hvad vi arbejder for.')
    expect(page(snapshot, 'om-forbundet', 'sv')?.summary).toBe('Vilka vi är.')
    expect(page(snapshot, 'vedtaegter')?.summary).toBe('')
    // A reserved word is fine below a parent: its path is /om-forbundet/arkiv/.
    expect(page(snapshot, 'arkiv')).toMatchObject({ parentSlugs: ['om-forbundet'] })
  })

  it('leaves out a page under an unpublished parent, with a warning naming both', async () => {
    const { snapshot, warnings } = await exported()
    expect(snapshot.pages.map((p) => p.key)).not.toContain('under-kladde')
    expect(snapshot.pages.map((p) => p.key)).not.toContain('kladde-side')
    expect(JSON.stringify(snapshot)).not.toContain('Hemmelig kladde')
    expect(warnings).toContainEqual({
      document: 'pages/under-kladde',
      field: 'parent',
      message: expect.stringMatching(/parent page "kladde-side" is not published.*left out/),
    })
  })

  it('changes nothing on a second identical import', async () => {
    const again = await importItems({
      pages: [
        {
          slug: 'om-forbundet',
          title: 'Om forbundet',
          summary: 'Hvem vi er, og hvad vi arbejder for.',
          body: { markdown: 'Vi er **Fjordforbundet** for lagerfolk og chauffører.' },
          publishedAt: P,
        },
      ],
    })
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1, rejected: [] })
  })
})

describe('access', () => {
  it('gives anonymous readers only published, due pages, as for articles', async () => {
    const anonymous = await payload.find({
      collection: 'pages',
      overrideAccess: false,
      locale: 'da',
      depth: 0,
      limit: 100,
    })
    const slugs = anonymous.docs.map((doc) => (doc as unknown as { slug: string }).slug)
    expect(slugs).toContain('om-forbundet')
    expect(slugs).not.toContain('kladde-side')
    await expect(
      payload.create({ collection: 'pages', data: { title: 'Anonym' }, overrideAccess: false }),
    ).rejects.toThrow(/not allowed/i)
  })
})

describe('the hierarchy', () => {
  it('refuses a cycle through the import with a message naming the pages', async () => {
    const report = await importItems({
      pages: [{ slug: 'om-forbundet', title: 'Om forbundet', parent: 'formand', publishedAt: P }],
    })
    expect(report.rejected).toEqual([
      {
        path: 'pages[0]',
        message:
          'parent: "om-forbundet" cannot be placed under "formand": "om-forbundet" → "formand" → "styrelsen" → "om-forbundet" would make the page its own ancestor; choose another parent',
      },
    ])
    expect((await findPage('om-forbundet'))?.parent ?? null).toBeNull()
  })

  it('refuses a page as its own parent through the Local API', async () => {
    const own = (await findPage('vedtaegter'))!
    await expect(
      payload.update({
        collection: 'pages',
        id: own.id,
        data: { parent: own.id },
        locale: 'da',
        overrideAccess: true,
      }),
    ).rejects.toThrow(
      /^parent: "vedtaegter" cannot be placed under "vedtaegter": .* would make the page its own ancestor/,
    )
  })

  it('refuses making a page top-level when its slug in another locale is a locale prefix', async () => {
    await importItems({
      pages: [{ slug: 'sv', title: 'Sverige-siden', parent: 'om-forbundet', publishedAt: P }],
    })
    const report = await importItems({
      pages: [{ slug: 'sv', title: 'Sverige-siden', parent: null, publishedAt: P }],
    })
    expect(report.rejected).toEqual([
      {
        path: 'pages[0]',
        message: expect.stringContaining('slug: "sv" is taken by the sv locale prefix (/sv/)'),
      },
    ])
  })
})

describe('links to pages in bodies', () => {
  const text = (t: string) => ({
    type: 'text',
    text: t,
    version: 1,
    format: 0,
    detail: 0,
    mode: 'normal',
    style: '',
  })
  const linkTo = (id: number, label: string) => ({
    type: 'link',
    version: 3,
    format: '',
    indent: 0,
    direction: 'ltr',
    fields: { linkType: 'internal', newTab: false, doc: { relationTo: 'pages', value: id } },
    children: [text(label)],
  })

  it('become the page’s path per locale; a link to an unpublished page is text with a warning', async () => {
    const board = (await findPage('styrelsen'))!
    const draft = (await findPage('kladde-side'))!
    const body = {
      root: {
        type: 'root',
        version: 1,
        format: '',
        indent: 0,
        direction: 'ltr',
        children: [
          {
            type: 'paragraph',
            version: 1,
            format: '',
            indent: 0,
            direction: 'ltr',
            children: [linkTo(board.id, 'styrelsen'), text(' og '), linkTo(draft.id, 'kladden')],
          },
        ],
      },
    }
    await payload.create({
      collection: 'articles',
      data: { title: 'Ny styrelse', slug: 'ny-styrelse', body, publishedAt: P, _status: 'published' },
      locale: 'da',
      overrideAccess: true,
    })
    const { snapshot, warnings } = await exported()
    const article = snapshot.articles.find((a) => a.key === 'ny-styrelse')!
    expect(article.body[0]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'link', href: '/om-forbundet/styrelsen/', children: [{ type: 'text', text: 'styrelsen' }] },
        { type: 'text', text: ' og ' },
        { type: 'text', text: 'kladden' },
      ],
    })
    expect(warnings).toContainEqual({
      document: 'articles/ny-styrelse (da)',
      field: 'body',
      message: 'a link points at page "kladde-side", which is not published; kept as text',
    })
  })
})

describe('"status": "unpublished"', () => {
  it('takes a published article and page off every channel, and leaves out the page below it', async () => {
    const before = await exported()
    expect(before.snapshot.articles.map((a) => a.key)).toContain('nyhed')
    const report = await importItems({
      articles: [{ slug: 'nyhed', title: 'En nyhed', publishedAt: P, status: 'unpublished' }],
      pages: [
        { slug: 'styrelsen', title: 'Styrelsen', parent: 'om-forbundet', order: 2, status: 'unpublished' },
      ],
    })
    expect(report).toMatchObject({ updated: 2, rejected: [] })
    const { snapshot, warnings } = await exported()
    expect(snapshot.articles.map((a) => a.key)).not.toContain('nyhed')
    expect(snapshot.pages.filter((p) => p.key === 'styrelsen')).toEqual([])
    expect(snapshot.pages.filter((p) => p.key === 'formand')).toEqual([])
    expect(warnings).toContainEqual({
      document: 'pages/formand',
      field: 'parent',
      message: expect.stringMatching(/parent page "styrelsen" is not published/),
    })
    // Unpublished in the CMS (the document itself is a draft now), not deleted.
    expect((await findPage('styrelsen'))?._status).toBe('draft')
    const article = await payload.find({
      collection: 'articles',
      where: { slug: { equals: 'nyhed' } },
      draft: true,
      overrideAccess: true,
    })
    expect(article.docs[0]?._status).toBe('draft')
  })

  it('is a no-op when repeated, and creates a never-public draft for a new key', async () => {
    const again = await importItems({
      articles: [
        { slug: 'nyhed', title: 'En nyhed', publishedAt: P, status: 'unpublished' },
        { slug: 'aldrig-offentlig', title: 'Aldrig offentlig', publishedAt: P, status: 'unpublished' },
      ],
    })
    expect(again).toMatchObject({ created: 1, unchanged: 1, rejected: [] })
    const { snapshot } = await exported()
    expect(JSON.stringify(snapshot)).not.toContain('Aldrig offentlig')
  })

  it('rejects an unknown status by name', async () => {
    const report = await importItems({ pages: [{ slug: 'x', title: 'X', status: 'trash' }] })
    expect(report.rejected).toEqual([
      { path: 'pages[0].status', message: expect.stringContaining('unpublished') },
    ])
  })
})
