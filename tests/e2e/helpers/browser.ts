/**
 * What the browser tests share: Chromium's flags on this offline machine and, for the admin tests,
 * tidying up after the file and what a failed test leaves to look at.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { expect, onTestFailed } from 'vitest'
import { freePort, runBudstikke, startAdminServer, waitForHttp, type AdminServer } from './admin-server.ts'

/** Debian's Chromium, headless, with nothing that reaches for the network on its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Playwright's `page.request` sends the page's cookies but, unlike the browser, neither Origin nor
 * Sec-Fetch-Site: these options say what the admin's own pages would, so Payload honours the session.
 */
export const FROM_ADMIN_PAGE = { headers: { 'Sec-Fetch-Site': 'same-origin' } }

/** Closes the browser and the admin server and removes the test's data folder; each may be missing. */
export async function closeAdminSession(session: {
  browser?: Browser
  server?: AdminServer
  dataDir?: string
}): Promise<void> {
  await session.browser?.close().catch(() => undefined)
  await session.server?.stop()
  if (session.dataDir) await rm(session.dataDir, { recursive: true, force: true })
}

/**
 * What an admin browser test starts with: a fresh data folder (`<tmp>/<dataDirPrefix>…`) migrated as
 * `npm run cms` does, the admin (`next dev cms`, with `env` over the test defaults) on a free port with
 * its admin pages and its REST routes compiled (warmed before the browser depends on them), and
 * Chromium. If a step fails, what was started is closed again before the error goes on.
 */
export async function startAdminSession({
  dataDirPrefix,
  compileTimeoutMs,
  env = {},
}: {
  dataDirPrefix: string
  compileTimeoutMs: number
  env?: Record<string, string>
}): Promise<{ dataDir: string; server: AdminServer; browser: Browser }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), dataDirPrefix))
  let server: AdminServer | undefined
  let browser: Browser | undefined
  try {
    const migrate = await runBudstikke(['migrate'], dataDir)
    expect(migrate.code, `budstikke migrate failed:\n${migrate.output}`).toBe(0)
    server = startAdminServer(await freePort(), dataDir, env)
    await waitForHttp(`${server.url}/admin`, compileTimeoutMs, server)
    await waitForHttp(`${server.url}/api/users/me`, compileTimeoutMs, server)
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
    return { dataDir, server, browser }
  } catch (error) {
    await closeAdminSession({ browser, server, dataDir })
    throw error
  }
}

/**
 * On failure: a full-page screenshot `<shotsDir>/<name>.png` and `details()` on stderr (the server's
 * log tail and whatever else the test knows), to see what the editor saw.
 */
export function explainFailure(
  name: string,
  shotsDir: string,
  page: () => Page | undefined,
  details: () => Promise<string> | string,
): void {
  onTestFailed(async () => {
    await mkdir(shotsDir, { recursive: true })
    await page()
      ?.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true })
      .catch(() => undefined)
    console.error(`--- ${name} ---\n${await details()}`)
  })
}

/** explainFailure with what an admin test knows: the server's log tail and the page's problems. */
export function explainAdminFailure(
  name: string,
  shotsDir: string,
  page: () => Page | undefined,
  server: () => AdminServer | undefined,
  pageProblems: readonly string[],
): void {
  explainFailure(
    name,
    shotsDir,
    page,
    () =>
      `admin server log (tail):\n${server()?.log().slice(-6_000)}\n--- page problems ---\n${pageProblems.join('\n')}`,
  )
}

/**
 * A page of the admin in a Danish browser, with waits long enough for `next dev`'s first compiles.
 * Given `problems`, it collects the admin's uncaught exceptions and its own origin's console errors
 * (offline, the Gravatar avatar cannot load: other origins' errors do not count).
 *
 * `adminLanguage` is the language the editor picked on the account page (Payload's `payload-lng`
 * cookie): English unless a test says otherwise, so tests name Payload's English buttons; `null` for an
 * editor who never picked one (the admin then speaks the Organisation's default locale after sign-in).
 * `browserLocale` is the browser's own language (Danish unless a test says otherwise).
 * `errorsWithoutSource`: whether a console error that names no source counts (it does unless a test
 * says otherwise).
 */
export async function openAdminPage(
  browser: Browser,
  adminUrl: string,
  problems?: string[],
  {
    adminLanguage = 'en',
    browserLocale = 'da-DK',
    errorsWithoutSource = true,
  }: {
    adminLanguage?: 'da' | 'sv' | 'nb' | 'en' | null
    browserLocale?: string
    errorsWithoutSource?: boolean
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: browserLocale })
  if (adminLanguage) await context.addCookies([{ name: 'payload-lng', value: adminLanguage, url: adminUrl }])
  const page = await context.newPage()
  page.setDefaultTimeout(120_000)
  page.setDefaultNavigationTimeout(180_000)
  if (problems) {
    const origin = new URL(adminUrl).origin
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      const source = message.location().url
      if (source ? !source.startsWith(origin) : !errorsWithoutSource) return
      problems.push(`console: ${message.text().slice(0, 500)}`)
    })
  }
  return { context, page }
}

/** A fresh installation's first user, through the admin's own form; ends signed in. */
export async function createFirstUser(
  page: Page,
  adminUrl: string,
  account: { email: string; password: string; name: string },
): Promise<void> {
  await page.goto(`${adminUrl}/admin`)
  await page.waitForURL(/\/admin\/create-first-user/)
  await page.locator('#field-email:not([disabled])').fill(account.email)
  await page.fill('#field-password', account.password)
  await page.fill('#field-confirm-password', account.password)
  await page.fill('#field-name', account.name)
  await page.click('button[type=submit]')
  await page.waitForURL(
    (url) => url.pathname.startsWith('/admin') && !url.pathname.includes('create-first-user'),
  )
}
