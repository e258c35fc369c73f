/**
 * The built fixture site in headless Chromium: key pages render without console errors, axe-core finds
 * no serious or critical accessibility problem, the language switch and Pagefind search work.
 */
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { createRequire } from 'node:module'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { buildSite, projectRoot } from '../../channels/site/build-site.ts'
import { BUILD_DATE, fixtureFile } from '../site/fixtures/bad-snapshot.ts'
import { serveStatic } from '../site/static-server.ts'
import { CHROMIUM_ARGS } from './helpers/browser.ts'

const siteDir = path.join(projectRoot, '.tmp/site/e2e/site')
let server: { url: string; close: () => Promise<void> }
let browser: Browser
let axeSource: string

beforeAll(async () => {
  await rm(path.dirname(siteDir), { recursive: true, force: true })
  await buildSite({
    loaded: await readSnapshot(fixtureFile),
    snapshotFile: fixtureFile,
    siteDir,
    buildDate: BUILD_DATE,
  })
  server = await serveStatic(siteDir)
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** Opens a page and collects console errors and uncaught exceptions while it loads. */
async function open(pathname: string, javaScript = true): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
  page.on('pageerror', (error) => errors.push(error.message))
  const response = await page.goto(`${server.url}${pathname}`, { waitUntil: 'load' })
  expect(response?.status(), pathname).toBe(200)
  return { page, errors }
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource })
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
    violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>
  }
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

describe('site in Chromium', () => {
  const keyPages = [
    '/',
    '/artikler/ok26-afstemning/',
    '/fordele/indboforsikring/',
    '/kampagner/stem-ok26/',
    '/sv/artikler/ok26-omrostning/',
    '/emner/overenskomst/',
    '/fordele/',
    '/kampagner/',
    '/om/',
    '/soeg/',
    '/artikler/hostile/',
  ]

  for (const pathname of keyPages) {
    it(`${pathname} has no console errors and no serious accessibility violations`, async () => {
      const { page, errors } = await open(pathname)
      expect(await page.locator('h1').first().textContent()).toBeTruthy()
      expect(await seriousViolations(page)).toEqual([])
      expect(errors).toEqual([])
      await page.context().close()
    })
  }

  it('shows the article with its hero image loaded, and the campaign with its call to action', async () => {
    const { page } = await open('/artikler/ok26-afstemning/')
    const loaded = await page.waitForFunction(
      () => {
        const img = document.querySelector('article img') as HTMLImageElement | null
        return img !== null && img.complete && img.naturalWidth > 0
      },
      undefined,
      { timeout: 10_000 },
    )
    expect(await loaded.jsonValue()).toBe(true)
    expect(await page.locator('h1').textContent()).toBe('Stem om OK26: sådan gør du')
    await page.context().close()
    const campaign = await open('/kampagner/stem-ok26/')
    expect(await campaign.page.getByRole('link', { name: 'Stem nu' }).first().getAttribute('href')).toBe(
      'https://example.org/stem',
    )
    await campaign.page.context().close()
  })

  it('switches language to the same article', async () => {
    const { page } = await open('/artikler/ok26-afstemning/')
    await page.getByRole('navigation', { name: 'Sprog' }).getByRole('link', { name: 'Svenska' }).click()
    await page.waitForURL(/\/sv\/artikler\/ok26-omrostning\/$/)
    expect(await page.locator('html').getAttribute('lang')).toBe('sv')
    expect(await page.locator('h1').textContent()).toBe('Rösta om OK26: så gör du')
    await page.context().close()
  })

  it('finds an article through the search page', async () => {
    const { page, errors } = await open('/soeg/')
    await page.locator('.pagefind-ui__search-input').fill('minimallønnen')
    const result = page.locator('.pagefind-ui__result-link').first()
    await result.waitFor({ timeout: 15_000 })
    expect(await result.textContent()).toContain('Lønnen stiger 4,5 % over to år')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('works with JavaScript off: pages read and navigate, search explains itself', async () => {
    const { page } = await open('/', false)
    await page.getByRole('link', { name: 'Medlemsfordele' }).first().click()
    await page.waitForURL(/\/fordele\/$/)
    expect(await page.locator('h1').textContent()).toBe('Medlemsfordele')
    await page.goto(`${server.url}/soeg/`)
    expect(await page.locator('noscript').count()).toBe(1)
    await page.context().close()
  })
})
