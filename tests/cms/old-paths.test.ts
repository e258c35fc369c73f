/**
 * Old paths through the CMS on a real SQLite database: the import format's `oldPaths` is stored per
 * locale in canonical form, a bad path rejects its item naming the row, an identical re-import writes
 * nothing, a save through the Local API (as the admin does) is normalised or refused the same way, and
 * the snapshot carries each published document's old paths in its locale.
 */
import { mkdtemp } from 'node:fs/promises'
import path from 'node:path'
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
let report: ImportReport

const content = () => ({
  organisation: { name: 'Testforbundet', siteUrl: 'https://test.example.org' },
  articles: [
    {
      slug: 'ny-overenskomst',
      title: 'Ny overenskomst',
      publishedAt: P,
      oldPaths: ['/2018/11/03/ny-overenskomst/', '/l%c3%b8n-2018', '/løn-2018/', '/arkiv/gammel.html'],
    },
    {
      slug: 'ny-overenskomst-sv',
      locale: 'sv',
      translationOf: 'ny-overenskomst',
      title: 'Nytt kollektivavtal',
      oldPaths: ['/sv/2018/11/03/nytt-avtal/'],
    },
    { slug: 'kladde', title: 'Kladde', status: 'draft', oldPaths: ['/2019/01/01/kladde/'] },
    {
      slug: 'forkert',
      title: 'Forkert sti',
      publishedAt: P,
      oldPaths: ['/ok/', 'https://gammel.example.org/x/'],
    },
  ],
  benefits: [
    {
      slug: 'rabat',
      name: 'Rabat',
      category: 'Forsikring',
      publishedAt: P,
      oldPaths: ['/medlemsfordele/rabat'],
    },
  ],
  campaigns: [{ slug: 'hverv', title: 'Hverv', publishedAt: P, oldPaths: ['/kampagne/hverv-2019/'] }],
  pages: [
    { slug: 'om-os', title: 'Om os', publishedAt: P },
    {
      slug: 'kontakt',
      title: 'Kontakt',
      parent: 'om-os',
      publishedAt: P,
      oldPaths: ['/kontakt-os', '/2017/kontakt.html'],
    },
    { slug: 'vedtaegter', title: 'Vedtægter', publishedAt: P, oldPaths: ['/om-os/vedtaegter-2019/'] },
  ],
})

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  report = await importContent(payload, content(), { baseDir: cms.dir })
}, 120_000)

afterAll(async () => {
  await cms?.close()
})

async function exported(): Promise<Snapshot> {
  const dir = await mkdtemp(path.join(cms.dir, 'snap-'))
  return (await exportSnapshot(payload, { dir, now: NOW })).snapshot
}

describe('oldPaths in the import format', () => {
  it('rejects an item with a path that is not one, naming the row and the reason', () => {
    expect(report.rejected).toEqual([
      {
        path: 'articles[3].oldPaths[1]',
        message: expect.stringMatching(/https:\/\/gammel\.example\.org\/x\/.*path only/),
      },
    ])
    // organisation, 3 articles (one a translation), benefit, campaign, 3 pages
    expect(report.created + report.updated).toBe(9)
  })

  it('stores the canonical form, once per path, in the item’s locale', async () => {
    const doc = (await payload.find({
      collection: 'articles',
      where: { slug: { equals: 'ny-overenskomst' } },
      locale: 'all',
      depth: 0,
    })) as unknown as { docs: Array<{ oldPaths: Record<string, Array<{ path: string }>> }> }
    const paths = doc.docs[0].oldPaths
    expect(paths.da.map((row) => row.path)).toEqual([
      '/2018/11/03/ny-overenskomst/',
      '/l%C3%B8n-2018/',
      '/arkiv/gammel.html',
    ])
    expect(paths.sv.map((row) => row.path)).toEqual(['/sv/2018/11/03/nytt-avtal/'])
  })

  it('writes nothing when the same file is imported again', async () => {
    const again = await importContent(payload, content(), { baseDir: cms.dir })
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 9 })
  })

  it('puts each published document’s old paths into the snapshot, per locale; a draft’s are not there', async () => {
    const snapshot = await exported()
    const article = (locale: string) =>
      snapshot.articles.find((a) => a.key === 'ny-overenskomst' && a.locale === locale)
    expect(article('da')?.oldPaths).toEqual([
      '/2018/11/03/ny-overenskomst/',
      '/l%C3%B8n-2018/',
      '/arkiv/gammel.html',
    ])
    expect(article('sv')?.oldPaths).toEqual(['/sv/2018/11/03/nytt-avtal/'])
    expect(snapshot.benefits.find((b) => b.key === 'rabat')?.oldPaths).toEqual(['/medlemsfordele/rabat/'])
    expect(snapshot.campaigns.find((c) => c.key === 'hverv')?.oldPaths).toEqual(['/kampagne/hverv-2019/'])
    const page = (key: string) => snapshot.pages.find((p) => p.key === key)
    expect(page('kontakt')?.oldPaths).toEqual(['/kontakt-os/', '/2017/kontakt.html'])
    expect(page('vedtaegter')?.oldPaths).toEqual(['/om-os/vedtaegter-2019/'])
    expect(page('om-os')?.oldPaths).toEqual([])
    expect(JSON.stringify(snapshot)).not.toContain('/2019/01/01/kladde/')
    expect(snapshot.redirects).toEqual([])
  })
})

describe('oldPaths saved as the admin saves them', () => {
  it('normalises a draft’s rows too (Payload validates only on publish)', async () => {
    const doc = (await payload.create({
      collection: 'campaigns',
      data: { title: 'Kladde-kampagne', oldPaths: [{ path: '/Gammel/Kampagne' }] },
      draft: true,
      depth: 0,
    })) as unknown as { oldPaths: Array<{ path: string }> }
    expect(doc.oldPaths.map((row) => row.path)).toEqual(['/Gammel/Kampagne/'])
  })

  it('refuses a query that is not one key=value pair, naming the row', async () => {
    await expect(
      payload.create({
        collection: 'articles',
        data: { title: 'Med query', oldPaths: [{ path: '/ok/' }, { path: '/?p=123&utm_source=x' }] },
        draft: true,
      }),
    ).rejects.toMatchObject({
      data: {
        errors: [
          {
            path: 'oldPaths.1.path',
            message:
              'old path "/?p=123&utm_source=x": a query must be one key=value pair, such as /?p=123 or /?page_id=45',
          },
        ],
      },
    })
  })

  it('keeps WordPress’s default permalink (/?p=123) as an old path, in its canonical form', async () => {
    const doc = (await payload.create({
      collection: 'articles',
      data: { title: 'Med p', oldPaths: [{ path: '/?p=123' }, { path: '/index.php?page_id=4%35' }] },
      draft: true,
      depth: 0,
    })) as unknown as { oldPaths: Array<{ path: string }> }
    expect(doc.oldPaths.map((row) => row.path)).toEqual(['/?p=123', '/index.php?page_id=45'])
  })
})
