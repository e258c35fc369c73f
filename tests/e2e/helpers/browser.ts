/**
 * What the browser tests share: Chromium's flags on this offline machine and, for the admin tests,
 * tidying up after the file and what a failed test leaves to look at.
 */
import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { onTestFailed } from 'vitest'
import type { AdminServer } from './admin-server.ts'

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
