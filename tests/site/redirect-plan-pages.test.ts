/**
 * Site pages (collection `pages`) in the redirect plan and files, from the snapshot alone: a page's old path
 * redirects to its path below its parent, an editor's redirect may lead to a page, and one leading to
 * an unpublished page is left out naming it.
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeRedirectFiles } from '../../channels/site/redirect-files.ts'
import { planRedirects } from '../../channels/site/redirect-plan.ts'
import { buildSiteModel } from '../../channels/site/site-model.ts'
import { parseSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { Page, Snapshot } from '../../channels/snapshot/schema.ts'
import { BUILD_DATE, fixtureFile } from './fixtures/bad-snapshot.ts'

const dates = { publishedAt: '2026-01-10T08:00:00.000Z', updatedAt: '2026-01-10T08:00:00.000Z' }

function page(fields: Partial<Page> & Pick<Page, 'id' | 'key' | 'slug' | 'title'>): Page {
  return {
    locale: 'da',
    fallbackFields: [],
    translations: { da: fields.slug },
    summary: '',
    body: [],
    parent: null,
    parentSlugs: [],
    order: 0,
    oldPaths: [],
    ...dates,
    ...fields,
  }
}

function withPages(edit: (snapshot: Snapshot) => void): Snapshot {
  const snapshot = parseSnapshot(JSON.parse(readFileSync(fixtureFile, 'utf8')))
  snapshot.pages = [
    page({ id: 'p1', key: 'om-forbundet', slug: 'om-forbundet', title: 'Om forbundet' }),
    page({
      id: 'p2',
      key: 'kontakt',
      slug: 'kontakt',
      title: 'Kontakt',
      parent: 'om-forbundet',
      parentSlugs: ['om-forbundet'],
      oldPaths: ['/kontakt-os/', '/2017/kontakt.html'],
    }),
    page({
      id: 'p2',
      key: 'kontakt',
      slug: 'kontakt-sv',
      locale: 'sv',
      title: 'Kontakta oss',
      parent: 'om-forbundet',
      parentSlugs: ['om-forbundet'],
      oldPaths: ['/sv/kontakta-oss/'],
    }),
  ]
  snapshot.redirects = []
  edit(snapshot)
  return snapshot
}

const modelOf = (snapshot: Snapshot) =>
  buildSiteModel(snapshot, { buildDate: BUILD_DATE, mediaExists: () => true })

function plan(edit: (snapshot: Snapshot) => void) {
  const snapshot = withPages(edit)
  const model = modelOf(snapshot)
  return planRedirects(snapshot, model, (path) => model.pages.some((p) => p.path === path))
}

describe('redirects to site pages', () => {
  it('leads each old path of a page to its path below its parent, in the old path’s locale', () => {
    const { redirects } = plan(() => {})
    const pageRedirects = redirects.filter((r) => r.source.startsWith('pages/'))
    expect(pageRedirects.map(({ from, to, title, locale }) => ({ from, to, title, locale }))).toEqual([
      { from: '/2017/kontakt.html', to: '/om-forbundet/kontakt/', title: 'Kontakt', locale: 'da' },
      { from: '/kontakt-os/', to: '/om-forbundet/kontakt/', title: 'Kontakt', locale: 'da' },
      { from: '/sv/kontakta-oss/', to: '/sv/om-forbundet/kontakt-sv/', title: 'Kontakta oss', locale: 'sv' },
    ])
  })

  it('leads an editor’s redirect to a page, in the locale asked for', () => {
    const { redirects, warnings } = plan((snapshot) => {
      snapshot.redirects = [
        { id: '1', from: '/gammel-kontakt/', locale: null, to: { collection: 'pages', key: 'kontakt' } },
        { id: '2', from: '/sv/gammal/', locale: 'sv', to: { collection: 'pages', key: 'kontakt' } },
        { id: '3', from: '/borte/', locale: null, to: { collection: 'pages', key: 'findes-ikke' } },
      ]
    })
    const byFrom = Object.fromEntries(redirects.map((r) => [r.from, r.to]))
    expect(byFrom['/gammel-kontakt/']).toBe('/om-forbundet/kontakt/')
    expect(byFrom['/sv/gammal/']).toBe('/sv/om-forbundet/kontakt-sv/')
    expect(byFrom['/borte/']).toBeUndefined()
    expect(warnings).toContainEqual({
      document: 'redirects/3',
      field: 'to',
      message: expect.stringMatching(/^\/borte\/: pages\/findes-ikke is not published.*; left out$/),
    })
  })

  it('never lets a page’s old path hide another page', () => {
    const { redirects, warnings } = plan((snapshot) => {
      snapshot.pages[1].oldPaths = ['/om-forbundet/']
    })
    expect(redirects.some((r) => r.from === '/om-forbundet/')).toBe(false)
    expect(warnings).toContainEqual({
      document: 'pages/kontakt (da)',
      field: 'oldPaths',
      message: '/om-forbundet/ is a page of the site; a redirect would hide it; left out',
    })
  })

  it('writes the redirect files: a rule and a redirect page at each old path of a page', async () => {
    const snapshot = withPages(() => {})
    const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-page-redirects-'))
    try {
      await writeRedirectFiles(dir, snapshot, modelOf(snapshot))
      const rules = await readFile(path.join(dir, '_redirects'), 'utf8')
      expect(rules).toContain('/kontakt-os/ /om-forbundet/kontakt/ 301')
      expect(rules).toContain('/sv/kontakta-oss/ /sv/om-forbundet/kontakt-sv/ 301')
      expect(await readFile(path.join(dir, 'kontakt-os/index.html'), 'utf8')).toContain(
        '<meta http-equiv="refresh" content="0; url=/om-forbundet/kontakt/">',
      )
      expect(await readFile(path.join(dir, '2017/kontakt.html'), 'utf8')).toContain(
        'url=/om-forbundet/kontakt/',
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
