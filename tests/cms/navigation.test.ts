/**
 * The Navigation global on a real SQLite database: imported per locale, exported with each entry resolved
 * to a site path; an entry whose target is not published is left out with a warning naming the entry;
 * bad entries are refused by path; editors may edit it, anonymous visitors may not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { exportSnapshot } from '../../cms/export/export-snapshot.ts'
import { importContent, type ImportReport } from '../../cms/import/import-content.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

const NOW = new Date('2026-06-01T12:00:00Z')
const P = '2026-05-01T00:00:00Z'
let cms: TempCms
let payload: Payload
let first: ImportReport

const importItems = (input: unknown) => importContent(payload, input, { baseDir: cms.dir })

/** The menus imported, and imported again unchanged. */
const NAVIGATION = {
  header: {
    da: [
      { page: 'kontingent', label: 'Hvad koster det?' },
      { page: 'hemmelig' },
      { topic: 'loen' },
      { section: 'archive' },
      { campaign: 'ok26' },
      { page: 'senere' },
      { url: 'https://facebook.example/fjordforbundet', label: 'Facebook' },
    ],
    nb: [{ page: 'bliv-medlem' }, { page: 'kontingent' }],
  },
  footer: { da: [{ url: 'mailto:kontakt@fjord.example', label: 'Skriv til os' }] },
}

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  first = await importItems({
    topics: [{ slug: 'loen', name: { da: 'Løn', sv: 'Lön' } }],
    pages: [
      { slug: 'bliv-medlem', title: 'Bliv medlem', publishedAt: P },
      { slug: 'kontingent', title: 'Kontingent', parent: 'bliv-medlem', publishedAt: P },
      { slug: 'bli-medlem', locale: 'nb', translationOf: 'bliv-medlem', title: 'Bli medlem' },
      { slug: 'hemmelig', title: 'Hemmelig kladde', status: 'draft' },
      { slug: 'senere', title: 'Kommer senere', publishedAt: '2026-12-24T08:00:00Z' },
    ],
    campaigns: [{ slug: 'ok26', title: 'OK26', publishedAt: P }],
    navigation: NAVIGATION,
  })
})

afterAll(async () => {
  await cms?.close()
})

describe('navigation', () => {
  it('is imported whole', () => {
    expect(first.rejected).toEqual([])
    expect(first.created + first.updated).toBe(1 + 4 + 1 + 1 + 1)
  })

  it('is exported per locale with every entry resolved to a site path', async () => {
    const { snapshot } = await exportSnapshot(payload, { dir: cms.dir, now: NOW })
    expect(snapshot.navigation.header.da).toEqual([
      { label: 'Hvad koster det?', href: '/bliv-medlem/kontingent/', kind: 'page', target: 'kontingent' },
      { label: 'Løn', href: '/emner/loen/', kind: 'topic', target: 'loen' },
      { label: '', href: '/arkiv/', kind: 'section', target: 'archive' },
      { label: 'OK26', href: '/kampagner/ok26/', kind: 'campaign', target: 'ok26' },
      { label: 'Facebook', href: 'https://facebook.example/fjordforbundet', kind: 'url' },
    ])
    // Norwegian: the translated parent's slug; a page with no Norwegian text links to the Danish one.
    expect(snapshot.navigation.header.nb).toEqual([
      { label: 'Bli medlem', href: '/nb/bli-medlem/', kind: 'page', target: 'bliv-medlem' },
      {
        label: 'Kontingent',
        href: '/bliv-medlem/kontingent/',
        kind: 'page',
        target: 'kontingent',
        hreflang: 'da',
      },
    ])
    expect(snapshot.navigation.header.sv).toBeUndefined()
    expect(snapshot.navigation.footer.da).toEqual([
      { label: 'Skriv til os', href: 'mailto:kontakt@fjord.example', kind: 'url' },
    ])
  })

  it('leaves out an entry whose target is not published, with a warning naming the entry', async () => {
    const { snapshot, warnings } = await exportSnapshot(payload, { dir: cms.dir, now: NOW })
    expect(warnings).toContainEqual({
      document: 'navigation (da)',
      field: 'header[1]',
      message: 'links to page "hemmelig", which is not published; left out',
    })
    expect(warnings).toContainEqual({
      document: 'navigation (da)',
      field: 'header[5]',
      message: 'links to page "senere", which is not published; left out',
    })
    expect(JSON.stringify(snapshot)).not.toContain('Hemmelig kladde')
  })

  it('changes nothing on a second identical import', async () => {
    const again = await importItems({ navigation: NAVIGATION })
    expect(again).toMatchObject({ unchanged: 1, updated: 0, rejected: [] })
  })

  it('refuses bad entries by path and changes nothing', async () => {
    const report = await importItems({
      navigation: {
        header: {
          da: [
            { page: 'bliv-medlem', url: 'https://example.org' },
            { url: 'javascript:alert(1)', label: 'Klik' },
            { section: 'forside' },
          ],
        },
      },
    })
    expect(report.rejected).toEqual([
      {
        path: 'navigation.header.da[0]',
        message: 'needs exactly one of page, topic, campaign, section, url',
      },
      { path: 'navigation.header.da[1].url', message: expect.stringContaining('not a web (https://…)') },
      { path: 'navigation.header.da[2].section', message: expect.stringContaining('not a list of the site') },
    ])
    const unknown = await importItems({ navigation: { footer: { sv: [{ page: 'findes-ikke' }] } } })
    expect(unknown.rejected).toEqual([
      { path: 'navigation.footer.sv[0].page', message: 'no pages document with slug "findes-ikke"' },
    ])
    const { snapshot } = await exportSnapshot(payload, { dir: cms.dir, now: NOW })
    expect(snapshot.navigation.header.da).toHaveLength(5)
    expect(snapshot.navigation.footer.sv).toBeUndefined()
  })

  it('may be edited by editors, and not by anonymous visitors', async () => {
    const editor = await payload.create({
      collection: 'users',
      data: { email: 'redaktoer@fjord.example', password: 'hemmeligt-kodeord-42', role: 'editor' },
      overrideAccess: true,
    })
    await payload.updateGlobal({
      slug: 'navigation',
      data: { sv: { footer: [{ kind: 'section', section: 'about' }] } },
      user: editor,
      overrideAccess: false,
    })
    await expect(
      payload.updateGlobal({
        slug: 'navigation',
        data: { sv: { footer: [] } },
        overrideAccess: false,
      }),
    ).rejects.toThrow(/not allowed/i)
    const { snapshot } = await exportSnapshot(payload, { dir: cms.dir, now: NOW })
    expect(snapshot.navigation.footer.sv).toEqual([
      { label: '', href: '/sv/om/', kind: 'section', target: 'about' },
    ])
  })
})
