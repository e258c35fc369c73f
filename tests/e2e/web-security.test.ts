/**
 * The admin server (`next dev cms` on a free port, temporary data folder) as another site and an
 * anonymous reader meet it over HTTP:
 * - a state-changing request with an editor's session cookie from a foreign Origin is refused (CSRF),
 *   from the admin's own origin and from the Organisation's site it works;
 * - admin pages cannot be framed by other sites and carry a CSP under which the admin runs in Chromium
 *   without a violation;
 * - an embargoed article (future publishedAt) is not given to anonymous REST or GraphQL readers;
 * - a draft over the text limit is refused.
 */
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, closeAdminSession } from './helpers/browser.ts'
import {
  freePort,
  runBudstikke,
  startAdminServer,
  waitForHttp,
  type AdminServer,
} from './helpers/admin-server.ts'

/** Next compiles each route on its first request: minutes when other jobs share the two cores. */
const FIRST_COMPILE_TIMEOUT = 6 * 60_000
const FOREIGN = 'http://evil.example'
const SITE = 'https://www.metalarbejderne.example'
const account = { email: 'sikkerhed@example.org', password: 'Nordlys-over-Tromsø-26', name: 'Sigrun Aasen' }

let dataDir: string
let server: AdminServer | undefined
let browser: Browser | undefined
let cookie: string
let url: string

beforeAll(
  async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'web-security-e2e-'))
    const migrate = await runBudstikke(['migrate'], dataDir)
    expect(migrate.code, `budstikke migrate failed:\n${migrate.output}`).toBe(0)
    server = startAdminServer(await freePort(), dataDir)
    url = server.url
    await waitForHttp(`${url}/api/users/me`, FIRST_COMPILE_TIMEOUT, server)
    await waitForHttp(`${url}/admin/login`, FIRST_COMPILE_TIMEOUT, server)

    const registered = await fetch(`${url}/api/users/first-register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ ...account, confirmPassword: account.password }),
    })
    expect(registered.status, await registered.clone().text()).toBe(200)
    const login = await fetch(`${url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify(account),
    })
    expect(login.status).toBe(200)
    cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('payload-token='))!
    expect(cookie).toBeTruthy()
  },
  FIRST_COMPILE_TIMEOUT * 3 + 300_000,
)

afterAll(() => closeAdminSession({ browser, server, dataDir }), 60_000)

/** A multipart form, as an HTML form on another site would post it. */
function articleForm(title: string): FormData {
  const form = new FormData()
  form.append('_payload', JSON.stringify({ title, _status: 'published' }))
  return form
}

async function articleTitles(headers: Record<string, string>): Promise<string[]> {
  const response = await fetch(`${url}/api/articles?draft=true&limit=100`, { headers })
  expect(response.status).toBe(200)
  return ((await response.json()) as { docs: { title: string }[] }).docs.map((d) => d.title)
}

/** What the admin's own pages send along with the cookie. */
const asAdminPage = () => ({ cookie, origin: url })

describe('cross-origin requests with the session cookie', () => {
  it('sign-in from a page of another site is refused (login CSRF); from the admin it works', async () => {
    for (const [endpoint, body] of [
      ['login', account],
      ['forgot-password', { email: account.email }],
    ] as const) {
      const foreign = await fetch(`${url}/api/users/${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: FOREIGN },
        body: JSON.stringify(body),
      })
      expect(foreign.status, `${endpoint}: ${await foreign.clone().text()}`).toBe(403)
      expect(foreign.headers.getSetCookie().join(' ')).not.toMatch(/payload-token=[^;]/)
    }
    const own = await fetch(`${url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify(account),
    })
    expect(own.status).toBe(200)
  })

  it('a multipart POST from a foreign origin creates nothing; from the admin it does', async () => {
    const foreign = await fetch(`${url}/api/articles`, {
      method: 'POST',
      headers: { cookie, origin: FOREIGN },
      body: articleForm('Falsk artikel fra en fremmed side'),
    })
    expect(foreign.status, await foreign.clone().text()).toBe(403)
    const foreignJson = await fetch(`${url}/api/articles`, {
      method: 'POST',
      headers: { cookie, origin: FOREIGN, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Falsk JSON-artikel', _status: 'published' }),
    })
    expect(foreignJson.status).toBe(403)
    // A cookie without Origin from a page on another site (Sec-Fetch-Site: cross-site) counts neither.
    const crossSite = await fetch(`${url}/api/articles`, {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
      body: articleForm('Falsk artikel uden Origin'),
    })
    expect(crossSite.status).toBe(403)

    const own = await fetch(`${url}/api/articles`, {
      method: 'POST',
      headers: asAdminPage(),
      body: articleForm('Ægte artikel fra admin'),
    })
    expect(own.status, await own.clone().text()).toBe(201)
    expect(await articleTitles(asAdminPage())).toEqual(['Ægte artikel fra admin'])
  })

  it("trusts the Organisation's site once it is saved, for the cookie and for CORS reads", async () => {
    const before = await fetch(`${url}/api/articles`, {
      method: 'POST',
      headers: { cookie, origin: SITE },
      body: articleForm('Fra sitet før'),
    })
    expect(before.status).toBe(403)
    const saved = await fetch(`${url}/api/globals/organisation`, {
      method: 'POST',
      headers: { ...asAdminPage(), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Metalarbejdernes Forbund', shortName: 'Metal', siteUrl: `${SITE}/` }),
    })
    expect(saved.status, await saved.clone().text()).toBe(200)
    const after = await fetch(`${url}/api/articles`, {
      method: 'POST',
      headers: { cookie, origin: SITE },
      body: articleForm('Fra sitet efter'),
    })
    expect(after.status, await after.clone().text()).toBe(201)

    const siteRead = await fetch(`${url}/api/articles`, { headers: { origin: SITE } })
    expect(siteRead.headers.get('access-control-allow-origin')).toBe(SITE)
    const foreignRead = await fetch(`${url}/api/articles`, { headers: { origin: FOREIGN } })
    expect(foreignRead.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('framing and CSP', () => {
  it(
    'admin pages and the API tell browsers not to be framed by other sites',
    async () => {
      for (const page of ['/admin', '/admin/login', '/api/articles']) {
        const response = await fetch(`${url}${page}`, { redirect: 'manual' })
        expect(response.headers.get('x-frame-options'), page).toBe('SAMEORIGIN')
        expect(response.headers.get('x-content-type-options'), page).toBe('nosniff')
      }
      const admin = await fetch(`${url}/admin/login`)
      const csp = admin.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("frame-ancestors 'self'")
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("object-src 'none'")
    },
    FIRST_COMPILE_TIMEOUT,
  )

  it(
    'the admin runs under its CSP in Chromium without a violation',
    async () => {
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
      const context = await browser.newContext()
      // English picked as the admin language (else the Organisation's Danish): the checks below name Payload's English.
      await context.addCookies([
        { name: 'payload-token', value: cookie.split('=')[1], url },
        { name: 'payload-lng', value: 'en', url },
      ])
      const page = await context.newPage()
      page.setDefaultTimeout(180_000)
      const violations: string[] = []
      await page.exposeFunction('reportCspViolation', (line: string) => violations.push(line))
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          ;(window as unknown as { reportCspViolation: (line: string) => void }).reportCspViolation(
            `${event.violatedDirective}: ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
          )
        })
      })
      page.on(
        'console',
        (message) =>
          /Content Security Policy/i.test(message.text()) && violations.push(`console: ${message.text()}`),
      )
      await page.goto(`${url}/admin/collections/articles/create`, { timeout: FIRST_COMPILE_TIMEOUT })
      // The form is interactive once React has hydrated: the title field gets enabled.
      await page
        .locator('#field-title:not([disabled])')
        .fill('Skrevet under CSP', { timeout: FIRST_COMPILE_TIMEOUT })
      await page.goto(`${url}/admin`)
      await expect
        .poll(() => page.locator('nav').getByText('Articles').count(), { timeout: 120_000 })
        .toBeGreaterThan(0)
      expect(violations).toEqual([])
    },
    FIRST_COMPILE_TIMEOUT * 2,
  )
})

describe('anonymous readers over HTTP', () => {
  it('get no embargoed article over REST (list, by id) or GraphQL; an editor does', async () => {
    const created = await fetch(`${url}/api/articles`, {
      method: 'POST',
      headers: { ...asAdminPage(), 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Lønaftale under embargo',
        _status: 'published',
        publishedAt: '2030-01-01T00:00:00.000Z',
      }),
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const { doc } = (await created.json()) as { doc: { id: number } }

    const list = (await (await fetch(`${url}/api/articles?limit=100`)).json()) as {
      docs: { title: string }[]
    }
    expect(list.docs.map((d) => d.title)).not.toContain('Lønaftale under embargo')
    expect(list.docs.length).toBeGreaterThan(0) // the published ones from the tests above are there
    expect((await fetch(`${url}/api/articles/${doc.id}`)).status).toBe(404)
    const graphql = await fetch(`${url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ Articles(limit: 100) { docs { title } } Article(id: ${doc.id}) { title } }`,
      }),
    })
    const body = JSON.stringify(await graphql.json())
    expect(body).not.toContain('Lønaftale under embargo')
    expect(body).toContain('Ægte artikel fra admin')

    expect(await articleTitles(asAdminPage())).toContain('Lønaftale under embargo')
  })

  it('a draft over the text limit is refused, naming the field', async () => {
    const response = await fetch(`${url}/api/articles?draft=true`, {
      method: 'POST',
      headers: { ...asAdminPage(), 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Ø'.repeat(1_000_000), _status: 'draft' }),
    })
    expect(response.status).toBe(400)
    const { errors } = (await response.json()) as {
      errors: { data?: { errors?: { path: string; message: string }[] } }[]
    }
    expect(errors[0].data?.errors).toEqual([
      { path: 'title', message: 'longer than 40,000 characters (1,000,000)' },
    ])
  })
})
