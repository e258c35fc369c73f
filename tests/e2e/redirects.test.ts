/**
 * Old addresses in a real build: the site built by Astro from a snapshot with old paths and editors'
 * redirects gets `_redirects`, the nginx map and a redirect page at each old path; served by a plain
 * static server (a host that reads neither file) with the site's security headers, Chromium opens each
 * old path and lands on the new page, without a CSP violation.
 */
import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSite, projectRoot, type BuildSiteResult } from '../../channels/site/build-site.ts'
import { readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { BUILD_DATE } from '../site/fixtures/bad-snapshot.ts'
import { EXPECTED, EXPECTED_QUERY, makeRedirectSnapshot } from '../site/fixtures/redirect-snapshot.ts'
import { headersForAllPaths, serveStatic } from '../site/static-server.ts'
import { CHROMIUM_ARGS } from './helpers/browser.ts'

const workDir = path.join(projectRoot, '.tmp/site/redirects-e2e')
const siteDir = path.join(workDir, 'site')
let server: { url: string; close: () => Promise<void> }
let browser: Browser
let result: BuildSiteResult

beforeAll(async () => {
  const snapshotFile = await makeRedirectSnapshot(path.join(workDir, 'snapshot'))
  result = await buildSite({
    loaded: await readSnapshot(snapshotFile),
    snapshotFile,
    siteDir,
    buildDate: BUILD_DATE,
  })
  const headers = headersForAllPaths(await readFile(path.join(siteDir, '_headers'), 'utf8'))
  server = await serveStatic(siteDir, headers)
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await rm(workDir, { recursive: true, force: true })
})

describe('redirects in the built site', () => {
  it('writes _redirects and the nginx map beside the site, and reports what it left out', async () => {
    const rules = await readFile(path.join(siteDir, '_redirects'), 'utf8')
    for (const [from, to] of Object.entries(EXPECTED)) expect(rules).toContain(`${from} ${to} 301\n`)
    expect(existsSync(path.join(siteDir, 'redirects.nginx.conf'))).toBe(true)
    expect(
      result.warnings
        .filter((w) => w.document.startsWith('redirects/'))
        .map((w) => w.document)
        .sort(),
    ).toEqual(['redirects/3', 'redirects/4', 'redirects/5', 'redirects/6', 'redirects/7', 'redirects/9'])
  })

  it('keeps the redirect pages out of the search index and the sitemap', async () => {
    const sitemap = await readFile(path.join(siteDir, 'sitemap-0.xml'), 'utf8')
    expect(sitemap).not.toContain('2018/11/03')
    expect(sitemap).toContain('/artikler/ok26-afstemning/')
  })

  // Every old path with a redirect page and a destination on the site, and one asked for without its slash.
  const internal: Array<[string, string]> = [
    ...Object.entries(EXPECTED).filter(([from, to]) => to.startsWith('/') && !from.endsWith('.php')),
    ['/2018/11/03/ok26-afstemning', '/artikler/ok26-afstemning/'],
  ]
  for (const [from, to] of internal) {
    it(`${from} leads to ${to} in Chromium`, async () => {
      const context = await browser.newContext()
      const page = await context.newPage()
      const problems: string[] = []
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
      page.on(
        'response',
        (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`),
      )
      // 'commit': the redirect page moves on at once, which may interrupt waiting for its own 'load'.
      await page.goto(`${server.url}${from}`, { waitUntil: 'commit' })
      await page.waitForURL(`${server.url}${to}`, { timeout: 20_000 })
      await page.waitForLoadState('load')
      expect(await page.locator('h1').first().textContent()).toBeTruthy()
      expect(problems).toEqual([])
      await context.close()
    })
  }

  // No page can live at `/?p=123`: the home page (or, for `/gammel.php?p=124`, the 404 page) loads the
  // site's query-redirects.js, which sends the visitor on; under the CSP (no inline script).
  for (const [from, to] of Object.entries(EXPECTED_QUERY)) {
    it(`${from} leads to ${to} in Chromium, through the home or 404 page's script`, async () => {
      const context = await browser.newContext()
      const page = await context.newPage()
      const problems: string[] = []
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
      page.on('pageerror', (error) => problems.push(error.message))
      await page.goto(`${server.url}${from}`, { waitUntil: 'commit' })
      await page.waitForURL(`${server.url}${to}`, { timeout: 20_000 })
      await page.waitForLoadState('load')
      expect(await page.locator('h1').first().textContent()).toBeTruthy()
      // The 404 page answers /gammel.php with its status; anything else would be a CSP or script error.
      expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([])
      await context.close()
    })
  }

  it('the home page stays the home page without a known query, and only it and the 404 page load the script', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
    for (const address of ['/', '/?p=999', '/?utm_source=nyhedsbrev']) {
      await page.goto(`${server.url}${address}`, { waitUntil: 'load' })
      await page.waitForTimeout(300)
      expect(page.url()).toBe(`${server.url}${address}`)
    }
    expect(problems).toEqual([])
    await context.close()
    const script = '<script src="/query-redirects.js"></script>'
    expect(await readFile(path.join(siteDir, 'index.html'), 'utf8')).toContain(script)
    expect(await readFile(path.join(siteDir, 'sv/index.html'), 'utf8')).toContain(script)
    expect(await readFile(path.join(siteDir, '404.html'), 'utf8')).toContain(script)
    expect(await readFile(path.join(siteDir, 'artikler/ok26-afstemning/index.html'), 'utf8')).not.toContain(
      'query-redirects',
    )
  })

  it('a redirect page to another site leads there', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    // No network here: the other site is answered in the browser.
    await context.route('https://example.org/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<h1>Den nye side</h1>' }),
    )
    await page.goto(`${server.url}/ekstern/`, { waitUntil: 'commit' })
    await page.waitForURL('https://example.org/ny-side/', { timeout: 20_000 })
    expect(await page.locator('h1').textContent()).toBe('Den nye side')
    await context.close()
  })
})
