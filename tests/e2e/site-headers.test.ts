/**
 * The built site's security headers: the build writes `_headers` and the nginx snippet with the same
 * headers, and the site served with them runs in Chromium without a single CSP violation, Pagefind's
 * search (a script file and WebAssembly) included.
 */
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { buildSite, projectRoot } from '../../channels/site/build-site.ts'
import { BUILD_DATE, fixtureFile } from '../site/fixtures/bad-snapshot.ts'
import { headersForAllPaths, serveStatic } from '../site/static-server.ts'
import { CHROMIUM_ARGS } from './helpers/browser.ts'

const siteDir = path.join(projectRoot, '.tmp/site/headers-e2e/site')
let server: { url: string; close: () => Promise<void> }
let browser: Browser
let headers: Record<string, string>
let nginx: string

beforeAll(async () => {
  await rm(path.dirname(siteDir), { recursive: true, force: true })
  await buildSite({
    loaded: await readSnapshot(fixtureFile),
    snapshotFile: fixtureFile,
    siteDir,
    buildDate: BUILD_DATE,
  })
  headers = headersForAllPaths(await readFile(path.join(siteDir, '_headers'), 'utf8'))
  nginx = await readFile(path.join(siteDir, 'nginx-security-headers.conf'), 'utf8')
  server = await serveStatic(siteDir, headers)
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await rm(path.dirname(siteDir), { recursive: true, force: true })
})

/** Opens a page and collects every CSP violation (the event and Chromium's console line) and page error. */
async function open(pathname: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const problems: string[] = []
  await page.exposeFunction('reportCspViolation', (line: string) => problems.push(line))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      ;(window as unknown as { reportCspViolation: (line: string) => void }).reportCspViolation(
        `CSP ${event.violatedDirective}: ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      )
    })
  })
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`))
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
  const response = await page.goto(`${server.url}${pathname}`, { waitUntil: 'load' })
  expect(response?.status(), pathname).toBe(200)
  expect(response?.headers()['content-security-policy'], pathname).toBe(headers['Content-Security-Policy'])
  return { page, problems }
}

describe('site security headers', () => {
  it('_headers and the nginx snippet carry the same headers: CSP, nosniff, referrer and permissions policies', () => {
    expect(Object.keys(headers)).toEqual(
      expect.arrayContaining([
        'Content-Security-Policy',
        'X-Content-Type-Options',
        'Referrer-Policy',
        'Permissions-Policy',
      ]),
    )
    const csp = headers['Content-Security-Policy']
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/)
    expect(headers['X-Content-Type-Options']).toBe('nosniff')
    for (const [name, value] of Object.entries(headers))
      expect(nginx).toContain(`add_header ${name} "${value}" always;`)
  })

  for (const pathname of [
    '/',
    '/artikler/ok26-afstemning/',
    '/fordele/indboforsikring/',
    '/kampagner/stem-ok26/',
    '/sv/artikler/ok26-omrostning/',
    '/artikler/hostile/',
  ]) {
    it(`${pathname} loads under the CSP without a violation`, async () => {
      const { page, problems } = await open(pathname)
      expect(await page.locator('h1').first().textContent()).toBeTruthy()
      expect(problems).toEqual([])
      await page.context().close()
    })
  }

  it('search works under the CSP (Pagefind script and WebAssembly), without a violation', async () => {
    const { page, problems } = await open('/soeg/')
    await page.locator('.pagefind-ui__search-input').fill('minimallønnen')
    const result = page.locator('.pagefind-ui__result-link').first()
    await result.waitFor({ timeout: 20_000 })
    expect(await result.textContent()).toContain('Lønnen stiger 4,5 % over to år')
    expect(await page.locator('.pagefind-ui__search-input').getAttribute('aria-label')).toBeTruthy()
    expect(problems).toEqual([])
    await page.context().close()
  })
})
