/**
 * WordPress's old query addresses (`/?p=123`, `/?page_id=45`) in the redirect plan, from the snapshot
 * alone: an editor's redirect that leads onto one of them, when it is itself redirected (an imported old
 * permalink or another redirect), is a chain and is left out, as is one from such an address into another
 * redirect, and a loop through them; the visitor is never sent on twice.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { planRedirects } from '../../channels/site/redirect-plan.ts'
import { buildSiteModel } from '../../channels/site/site-model.ts'
import { parseSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { Redirect } from '../../channels/snapshot/schema.ts'
import { BUILD_DATE, fixtureFile } from './fixtures/bad-snapshot.ts'
import { withOldAddresses } from './fixtures/redirect-snapshot.ts'

const base = withOldAddresses(parseSnapshot(JSON.parse(readFileSync(fixtureFile, 'utf8'))))

/** The plan with these editors' redirects (each leading to a URL) instead of the fixture's. */
function plan(urls: Array<[from: string, url: string]>) {
  const snapshot = structuredClone(base)
  snapshot.redirects = urls.map(([from, url], index): Redirect => ({
    id: String(index + 1),
    from,
    locale: null,
    to: { url },
  }))
  const model = buildSiteModel(snapshot, { buildDate: BUILD_DATE, mediaExists: () => true })
  const { redirects, warnings } = planRedirects(snapshot, model, (path) =>
    model.pages.some((page) => page.path === path),
  )
  return { written: Object.fromEntries(redirects.map((r) => [r.from, r.to])), warnings }
}

describe('an editor’s redirect and old query addresses', () => {
  it('leaves out a redirect onto an imported /?p= address: it would send the visitor on twice', () => {
    const { written, warnings } = plan([
      ['/gammel-nyhed/', '/?p=123'],
      ['/gammel-side/', 'https://faf.example.org/?page_id=45'],
    ])
    expect(written['/gammel-nyhed/']).toBeUndefined()
    expect(written['/gammel-side/']).toBeUndefined()
    // The old query addresses themselves still lead to their documents.
    expect(written['/?p=123']).toBe('/artikler/ok26-afstemning/')
    expect(written['/?page_id=45']).toBe('/fordele/indboforsikring/')
    expect(warnings).toContainEqual({
      document: 'redirects/1',
      field: 'to',
      message:
        '/gammel-nyhed/: it leads to /?p=123, which articles/ok26-afstemning (da) redirects on to /artikler/ok26-afstemning/ (a chain): let it lead to the final address instead; left out',
    })
    expect(warnings).toContainEqual({
      document: 'redirects/2',
      field: 'to',
      message: expect.stringMatching(
        /^\/gammel-side\/: it leads to \/\?page_id=45, which benefits\/indboforsikring \(da\) redirects on/,
      ),
    })
  })

  it('leaves out a redirect onto another editor’s /?p= redirect, and one from /?p= into another redirect', () => {
    const { written, warnings } = plan([
      ['/?p=500', '/artikler/ok26-afstemning/'],
      ['/kaede/', '/?p=500'],
      ['/?p=501', '/medlemsfordele/indbo/'],
    ])
    expect(written).toMatchObject({ '/?p=500': '/artikler/ok26-afstemning/' })
    expect(written['/kaede/']).toBeUndefined()
    expect(written['/?p=501']).toBeUndefined()
    expect(warnings).toContainEqual({
      document: 'redirects/2',
      field: 'to',
      message: expect.stringMatching(/^\/kaede\/: it leads to \/\?p=500, which redirects\/1 redirects on/),
    })
    expect(warnings).toContainEqual({
      document: 'redirects/3',
      field: 'to',
      message: expect.stringMatching(
        /^\/\?p=501: it leads to \/medlemsfordele\/indbo\/, which benefits\/indboforsikring \(da\) redirects on/,
      ),
    })
  })

  it('leaves out a loop through query addresses', () => {
    const { written, warnings } = plan([
      ['/?p=601', '/?p=602'],
      ['/?p=602', 'https://faf.example.org/?p=601'],
    ])
    expect(written['/?p=601']).toBeUndefined()
    expect(written['/?p=602']).toBeUndefined()
    expect(warnings.filter((w) => w.document.startsWith('redirects/'))).toEqual([
      {
        document: 'redirects/1',
        field: 'to',
        message: expect.stringMatching(/^\/\?p=601: it makes a loop: \/\?p=601 → \/\?p=602 → \/\?p=601 /),
      },
      {
        document: 'redirects/2',
        field: 'to',
        message: expect.stringMatching(/^\/\?p=602: it makes a loop: \/\?p=602 → \/\?p=601 → \/\?p=602 /),
      },
    ])
  })

  it('keeps a redirect onto a query address that nothing redirects', () => {
    const { written, warnings } = plan([['/gammel-soegning/', '/soeg/?q=l%C3%B8n']])
    expect(written['/gammel-soegning/']).toBe('/soeg/?q=l%C3%B8n')
    expect(warnings.filter((w) => w.document.startsWith('redirects/'))).toEqual([])
  })
})
