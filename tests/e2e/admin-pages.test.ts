/**
 * Pages and the Navigation in the admin, in headless Chromium against `next dev cms`: an editor writes a
 * page and a subpage in the admin's own form, the admin refuses a cycle with its message over the
 * admin's REST API, and the Navigation global opens with a tab per language and takes a menu entry.
 */
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  closeAdminSession,
  createFirstUser,
  explainAdminFailure,
  FROM_ADMIN_PAGE,
  openAdminPage,
  startAdminSession,
} from './helpers/browser.ts'
import { projectRoot, type AdminServer } from './helpers/admin-server.ts'

const FIRST_COMPILE_TIMEOUT = 6 * 60_000
const UI_WAIT = { timeout: 120_000, interval: 500 }
const failureShots = path.join(projectRoot, '.tmp/cms-admin-pages-e2e')
const account = { email: 'webredaktoer@example.org', password: 'Havgus-over-Skagen-31', name: 'Tove Ærø' }

let dataDir: string
let server: AdminServer | undefined
let browser: Browser | undefined
let page: Page
const pageProblems: string[] = []

beforeAll(
  async () => {
    ;({ dataDir, server, browser } = await startAdminSession({
      dataDirPrefix: 'cms-admin-pages-',
      compileTimeoutMs: FIRST_COMPILE_TIMEOUT,
    }))
    ;({ page } = await openAdminPage(browser, server.url, pageProblems))
    await createFirstUser(page, server.url, account)
  },
  FIRST_COMPILE_TIMEOUT * 2 + 300_000,
)

afterAll(() => closeAdminSession({ browser, server, dataDir }), 60_000)

function explainFailure(name: string): void {
  explainAdminFailure(
    name,
    failureShots,
    () => page,
    () => server,
    pageProblems,
  )
}

async function pageBySlug(slug: string): Promise<{ id: number; parent: number | null; _status: string }> {
  const response = await page.request.get(
    `${server!.url}/api/pages?where[slug][equals]=${slug}&depth=0&draft=true`,
    FROM_ADMIN_PAGE,
  )
  const { docs } = (await response.json()) as {
    docs: { id: number; parent: number | null; _status: string }[]
  }
  return docs[0]
}

describe('pages and navigation in the admin', () => {
  it('an editor publishes a page and a subpage in the admin’s form', async () => {
    explainFailure('pages')
    await page.goto(`${server!.url}/admin/collections/pages/create`)
    await page.locator('#field-title:not([disabled])').fill('Bliv medlem')
    await page
      .getByRole('button', { name: /^(Udgiv|Publish)/ })
      .first()
      .click()
    await page.waitForURL(/\/admin\/collections\/pages\/\d+/)
    await expect.poll(async () => (await pageBySlug('bliv-medlem'))?._status, UI_WAIT).toBe('published')

    await page.goto(`${server!.url}/admin/collections/pages/create`)
    await page.locator('#field-title:not([disabled])').fill('Kontingent')
    // The parent is chosen in the sidebar's relationship field.
    await page.locator('#field-parent').click()
    await page.getByRole('option', { name: 'Bliv medlem' }).click()
    await page
      .getByRole('button', { name: /^(Udgiv|Publish)/ })
      .first()
      .click()
    await page.waitForURL(/\/admin\/collections\/pages\/\d+/)
    const parent = await pageBySlug('bliv-medlem')
    await expect.poll(async () => (await pageBySlug('kontingent'))?.parent, UI_WAIT).toBe(parent.id)
    expect(pageProblems).toEqual([])
  })

  it('refuses a cycle with a message naming the pages', async () => {
    explainFailure('cycle')
    const parent = await pageBySlug('bliv-medlem')
    const child = await pageBySlug('kontingent')
    const response = await page.request.patch(`${server!.url}/api/pages/${parent.id}`, {
      ...FROM_ADMIN_PAGE,
      data: { parent: child.id },
    })
    expect(response.status()).toBe(400)
    const { errors } = (await response.json()) as { errors: { message: string }[] }
    expect(errors[0].message).toBe(
      'parent: "bliv-medlem" cannot be placed under "kontingent": "bliv-medlem" → "kontingent" → "bliv-medlem" would make the page its own ancestor; choose another parent',
    )
  })

  it('the Navigation opens with a tab per language and saves a menu entry', async () => {
    explainFailure('navigation')
    await page.goto(`${server!.url}/admin/globals/navigation`)
    for (const language of ['Dansk', 'Svenska', 'Norsk bokmål', 'English'])
      await expect
        .poll(() => page.getByRole('button', { name: language, exact: true }).count(), UI_WAIT)
        .toBeGreaterThan(0)
    const saved = await page.request.post(`${server!.url}/api/globals/navigation`, {
      ...FROM_ADMIN_PAGE,
      data: { da: { header: [{ kind: 'section', section: 'archive', label: 'Nyheder' }] } },
    })
    expect(saved.status()).toBe(200)
    await page.reload()
    await expect.poll(() => page.locator('input[value="Nyheder"]').count(), UI_WAIT).toBeGreaterThan(0)
    expect(pageProblems).toEqual([])
  })
})
