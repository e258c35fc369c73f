/**
 * The CMS admin as an editor meets it, in headless Chromium: a fresh installation asks for the first
 * user, who becomes an admin; an article written in the Lexical editor with an uploaded hero image is
 * published; after the server stops, `budstikke export` puts that article, its text and its image in
 * the snapshot. The admin runs as `next dev cms` on a free port against a temporary data folder.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mediaPath, readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { Block, Inline } from '../../channels/snapshot/schema.ts'
import {
  closeAdminSession,
  createFirstUser,
  explainAdminFailure,
  FROM_ADMIN_PAGE,
  openAdminPage,
  startAdminSession,
} from './helpers/browser.ts'
import { projectRoot, runBudstikke, type AdminServer } from './helpers/admin-server.ts'
import { blockInlineRuns } from '../../channels/snapshot/block-text.ts'

/** Next compiles the admin on the first request: ~40 s idle, minutes when other jobs share the two cores. */
const FIRST_COMPILE_TIMEOUT = 6 * 60_000
/** The admin re-renders slowly while the dev server compiles on a busy machine. */
const UI_WAIT = { timeout: 120_000, interval: 500 }
const failureShots = path.join(projectRoot, '.tmp/cms-admin-e2e')

const editorAccount = {
  email: 'redaktion@example.org',
  password: 'Solskin-over-Limfjorden-26',
  name: 'Åse Ærbø',
}
const article = {
  title: 'Ærlig løn på værftet i Århus',
  slug: 'aerlig-loen-paa-vaerftet-i-aarhus',
  summary: 'Klubben på værftet har forhandlet en ny lokalaftale på plads – med tillæg for weekendarbejde.',
  body: 'Medlemmerne stemte ja med stort flertal. Aftalen træder i kraft søndag, og tillægget gælder også for lærlinge.',
  heroAlt: 'Rødt banner med klubbens logo foran værftets port',
}
const hero = { fileName: 'vaerft-banner.jpg', width: 640, height: 360 }

let dataDir: string
let server: AdminServer | undefined
let browser: Browser | undefined
let page: Page
/** Uncaught exceptions and console errors of the admin's own pages. */
const pageProblems: string[] = []
let publishedArticleId: string | undefined

beforeAll(
  async () => {
    // As `npm run cms` does: the schema comes from the committed migrations before the admin starts.
    ;({ dataDir, server, browser } = await startAdminSession({
      dataDirPrefix: 'cms-admin-e2e-',
      compileTimeoutMs: FIRST_COMPILE_TIMEOUT,
    }))
    await sharp({
      create: { width: hero.width, height: hero.height, channels: 3, background: { r: 196, g: 30, b: 58 } },
    })
      .jpeg({ quality: 80 })
      .toFile(path.join(dataDir, hero.fileName))
    ;({ page } = await openAdminPage(browser, server.url, pageProblems))
  },
  FIRST_COMPILE_TIMEOUT * 2 + 300_000,
)

afterAll(() => closeAdminSession({ browser, server, dataDir }), 60_000)

/** On failure: a screenshot under .tmp/ and the server's last words. */
function explainFailure(name: string): void {
  explainAdminFailure(
    name,
    failureShots,
    () => page,
    () => server,
    pageProblems,
  )
}

function textOf(inlines: Inline[]): string {
  return inlines
    .map((inline) =>
      inline.type === 'text'
        ? inline.text
        : inline.type === 'link'
          ? textOf(inline.children)
          : inline.type === 'lineBreak'
            ? '\n'
            : '',
    )
    .join('')
}

function blocksText(blocks: Block[]): string {
  return blocks
    .map((block) => {
      if (block.type === 'list') return block.items.map((item) => textOf(item.children)).join('\n')
      return blockInlineRuns(block).map(textOf).join('\n')
    })
    .join('\n')
}

describe('CMS admin in Chromium', () => {
  it('a fresh installation asks for the first user, who becomes an admin', async () => {
    explainFailure('first-user')
    await createFirstUser(page, server!.url, editorAccount)
    // Signed in: the dashboard lists the collections an editor works with.
    await expect.poll(() => page.locator('nav').getByText('Articles').count(), UI_WAIT).toBeGreaterThan(0)

    const me = await page.request.get(`${server!.url}/api/users/me`, FROM_ADMIN_PAGE)
    expect(me.status()).toBe(200)
    const { user } = (await me.json()) as { user: { email: string; name: string; role: string } | null }
    expect(user).toMatchObject({ email: editorAccount.email, name: editorAccount.name, role: 'admin' })
    expect(pageProblems).toEqual([])
  })

  it('an article with a hero image is written in the editor and published', async () => {
    explainFailure('article')
    await page.goto(`${server!.url}/admin/collections/articles/create`)
    // Fields stay disabled until the form has its initial state from the server.
    await page.locator('#field-title:not([disabled])').fill(article.title)
    await page.fill('#field-summary', article.summary)

    const body = page.locator('.ContentEditable__root[contenteditable="true"]').first()
    await body.click()
    await page.keyboard.type(article.body)
    await expect.poll(() => body.innerText(), UI_WAIT).toContain(article.body)

    // Hero: "Create New" opens a Media drawer; alt text is required there before it saves.
    await page.locator('.upload__createNewToggler').first().click()
    const drawer = page.locator('.drawer__content:has(#field-alt)')
    await drawer.locator('input[type=file]').setInputFiles(path.join(dataDir, hero.fileName))
    await drawer.locator('#field-alt').fill(article.heroAlt)
    await drawer.locator('#action-save').click()
    await drawer.waitFor({ state: 'detached' })
    await expect
      .poll(() => page.locator('.field-type.upload').first().innerText(), UI_WAIT)
      .toContain(hero.fileName)

    await page.locator('#action-save').click() // "Publish changes"
    await page.waitForURL(/\/admin\/collections\/articles\/\d+/)
    publishedArticleId = /\/articles\/(\d+)/.exec(page.url())?.[1]

    // Published, not a draft: anonymous readers of the API see it with its hero.
    const anonymous = await fetch(`${server!.url}/api/articles/${publishedArticleId}?depth=1`)
    expect(anonymous.status).toBe(200)
    const doc = (await anonymous.json()) as {
      _status: string
      title: string
      slug: string
      hero: { alt: string; filename: string } | null
    }
    expect(doc).toMatchObject({ _status: 'published', title: article.title, slug: article.slug })
    expect(doc.hero).toMatchObject({ alt: article.heroAlt, filename: hero.fileName })
    expect(pageProblems).toEqual([])
  })

  it('after the server stops, the export holds the article with its text and hero image', async () => {
    explainFailure('export')
    expect(publishedArticleId, 'the article was not published in the previous step').toBeDefined()
    await server!.stop()

    const snapshotFile = path.join(dataDir, 'export/snapshot.json')
    const exported = await runBudstikke(['export', '--out', snapshotFile], dataDir)
    expect(exported.code, `budstikke export failed:\n${exported.output}`).toBe(0)

    const loaded = await readSnapshot(snapshotFile) // validates against the snapshot schema
    const danish = loaded.snapshot.articles.filter((entry) => entry.locale === 'da')
    expect(danish.map((entry) => entry.title)).toEqual([article.title])
    const [entry] = danish
    expect(entry).toMatchObject({
      id: publishedArticleId,
      key: article.slug,
      slug: article.slug,
      summary: article.summary,
      fallbackFields: [],
    })
    expect(blocksText(entry.body)).toBe(article.body)

    expect(entry.hero).not.toBeNull()
    expect(entry.hero).toMatchObject({
      alt: article.heroAlt,
      width: hero.width,
      height: hero.height,
      mimeType: 'image/jpeg',
    })
    const heroFile = mediaPath(loaded, entry.hero!)
    expect(path.dirname(heroFile).startsWith(loaded.dir)).toBe(true)
    expect((await stat(heroFile)).size).toBe(entry.hero!.filesize)
    const picture = await sharp(heroFile).metadata()
    expect({ format: picture.format, width: picture.width, height: picture.height }).toEqual({
      format: 'jpeg',
      width: hero.width,
      height: hero.height,
    })
  })
})
