/**
 * The admin in the editors' language, in headless Chromium: a Danish editor whose browser is set to
 * English has never picked a language, so the admin speaks the Organisation's default locale, Danish:
 * the dashboard, a document's fields and descriptions, and its Preview tab. Picking Svenska on the
 * account page switches the admin to Swedish, and the pick is kept. The admin runs as `next dev cms`.
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

/** Next compiles the admin on the first request: ~40 s idle, minutes when other jobs share the two cores. */
const FIRST_COMPILE_TIMEOUT = 6 * 60_000
const UI_WAIT = { timeout: 120_000, interval: 500 }
const failureShots = path.join(projectRoot, '.tmp/cms-admin-language-e2e')

const editor = {
  email: 'sekretariat@example.org',
  password: 'Bølger-ved-Skagen-2026',
  name: 'Birthe Østergaard',
}

let dataDir: string
let server: AdminServer | undefined
let browser: Browser | undefined
let page: Page
const pageProblems: string[] = []

beforeAll(
  async () => {
    ;({ dataDir, server, browser } = await startAdminSession({
      dataDirPrefix: 'cms-admin-language-e2e-',
      compileTimeoutMs: FIRST_COMPILE_TIMEOUT,
    }))
    // An English browser and no language picked: only the Organisation's default can make it Danish.
    ;({ page } = await openAdminPage(browser, server.url, pageProblems, {
      adminLanguage: null,
      browserLocale: 'en-GB',
      errorsWithoutSource: false,
    }))
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

/** The text of the admin's navigation (the side menu and the breadcrumbs), hidden or not. */
const navText = async () => (await page.locator('nav').allTextContents()).join(' ')

describe('the admin in the editors’ language', () => {
  it('greets a Danish editor in Danish: the dashboard’s collections, globals and Payload’s own words', async () => {
    explainFailure('dashboard')
    await createFirstUser(page, server!.url, editor)
    await expect.poll(navText, UI_WAIT).toContain('Artikler')
    const nav = await navText()
    for (const name of ['Medlemsfordele', 'Kampagner', 'Nyhedsbreve', 'Breve', 'Emner', 'Målgrupper'])
      expect(nav).toContain(name)
    expect(nav).toContain('Udgivelsesstatus')
    expect(nav).not.toContain('Articles')
    expect(await page.locator('html').getAttribute('lang')).toBe('da')
    // Payload's own words too: headings and the locale menu of the layout kept from the sign-in page.
    const dashboard = await page.locator('body').innerText()
    expect(dashboard).toContain('Samlinger')
    expect(dashboard).toContain('Globale')
    expect(await page.locator('.app-header').first().innerText()).toContain('Lokalitet')
  })

  it('shows an article’s fields, descriptions and Preview tab in Danish', async () => {
    explainFailure('article')
    const created = await page.request.post(`${server!.url}/api/articles`, {
      ...FROM_ADMIN_PAGE,
      data: { title: 'Overenskomsten er på plads', _status: 'draft' },
    })
    expect(created.status(), await created.text()).toBe(201)
    const { doc } = (await created.json()) as { doc: { id: number | string } }
    await page.goto(`${server!.url}/admin/collections/articles/${doc.id}`)
    await page.locator('#field-title:not([disabled])').waitFor()
    const main = page.locator('main')
    await expect.poll(() => main.innerText(), UI_WAIT).toContain('Resumé')
    const text = await main.innerText()
    expect(text).toContain('Teaser til lister, RSS, nyhedsbreve og opslag på sociale medier.')
    expect(text).toContain('Brødtekst')
    const tab = page.locator('.doc-tab', { hasText: 'Forhåndsvisning' }).first()
    expect(await tab.count()).toBe(1)
    expect(await page.locator('.doc-tab', { hasText: /^Preview$/ }).count()).toBe(0)
  })

  it('switches to Swedish when the editor picks Svenska on the account page, and keeps it', async () => {
    explainFailure('account-language')
    await page.goto(`${server!.url}/admin/account`)
    const select = page.locator('#language-select')
    await select.waitFor()
    await select.click()
    await page.keyboard.type('Svenska')
    await page.keyboard.press('Enter')
    await expect.poll(navText, UI_WAIT).toContain('Artiklar')
    await page.goto(`${server!.url}/admin`)
    await expect.poll(navText, UI_WAIT).toContain('Medlemsförmåner')
    expect(await page.locator('html').getAttribute('lang')).toBe('sv')
    expect(pageProblems).toEqual([])
  })
})
