/**
 * Publishing and previewing from the admin, in headless Chromium, as an editor meets them:
 * - an article published in the admin appears on the built site by itself (the debounced publish job
 *   the admin server runs), and leaves it after it is unpublished;
 * - the Preview tab of a draft shows it as a web page, an e-mail and social cards (an article), as
 *   its web page only (a site page) and as a PDF letter to a made-up recipient (a letter), rendered
 *   by the channel code that publishes; the admin warmed the renderers when it started.
 * The admin runs as `next dev cms` on a free port against a temporary data folder; the publish job
 * writes into that folder (BUDSTIKKE_PUBLISH_ARGS), previews into its `preview/` (BUDSTIKKE_PREVIEW_DIR).
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slugify } from '../../cms/lib/slugify.ts'
import {
  closeAdminSession,
  createFirstUser,
  explainFailure as explainFailureIn,
  FROM_ADMIN_PAGE,
  openAdminPage,
  startAdminSession,
} from './helpers/browser.ts'
import { projectRoot, type AdminServer } from './helpers/admin-server.ts'

/** Next compiles the admin on the first request: ~40 s idle, minutes when other jobs share the two cores. */
const FIRST_COMPILE_TIMEOUT = 8 * 60_000
const UI_WAIT = { timeout: 120_000, interval: 500 }
/** Debounce (2 s) + the job runner's 10 s tick + a publish of every channel (~30 s idle; slower when busy). */
const PUBLISH_FOLLOW_TIMEOUT = 6 * 60_000
/** The first preview starts the preview worker and its Astro build: ~5–10 s idle, a minute or more when busy. */
const PREVIEW_TIMEOUT = 5 * 60_000
const failureShots = path.join(projectRoot, '.tmp/publish-preview-e2e')

const account = {
  email: 'redaktion@example.org',
  password: 'Regn-over-Vadehavet-27',
  name: 'Testa Redaktørsen',
}
const published = {
  title: 'Ny lokalaftale på lageret i Kolding',
  slug: 'ny-lokalaftale-paa-lageret-i-kolding',
  summary: 'Tillæg for aftenarbejde og to ekstra fridage.',
  body: 'Klubben har forhandlet en ny lokalaftale på plads.',
}
const draftArticle = {
  title: 'Kladde: Overenskomsten for lagerarbejdere i høring',
  summary: 'Sådan stemmer du om forliget.',
  body: 'Afstemningen åbner mandag, og alle medlemmer kan stemme.',
}
const editedTitle = 'Kladde: Forliget for lagerarbejdere sendt til urafstemning'
const draftPage = {
  title: 'Kladde: Sådan melder du dig ind i klubben',
  body: 'Udfyld indmeldelsen, så kontakter tillidsrepræsentanten dig.',
}
const editedPageTitle = 'Kladde: Bliv medlem af klubben på lageret'
const draftLetter = {
  subject: 'Velkommen til klubben på lageret',
  body: 'Kære {{first_name}}, tak fordi du har meldt dig ind.',
}

let dataDir: string
let publishOut: string
let server: AdminServer | undefined
let browser: Browser | undefined
let page: Page
/** The page draft's id, for the signed-out check. */
let pageId = ''
/** The article preview's card images, to tell them from the cards of the edited draft. */
let firstCardSources: string[] = []
const timings: Record<string, number> = {}

beforeAll(
  async () => {
    ;({ dataDir, server, browser } = await startAdminSession({
      dataDirPrefix: 'publish-preview-e2e-',
      compileTimeoutMs: FIRST_COMPILE_TIMEOUT,
      // Publish soon after a change, so the test sees the site follow within minutes.
      env: { BUDSTIKKE_PUBLISH_DEBOUNCE_SECONDS: '2', BUDSTIKKE_PREVIEW_WARM_UP: '1' },
    }))
    // The admin's publish job writes here (BUDSTIKKE_PUBLISH_ARGS, tests/e2e/helpers/admin-server.ts).
    publishOut = path.join(dataDir, 'dist')
    ;({ page } = await openAdminPage(browser, server.url))

    // The first user, as on a fresh installation (tests/e2e/admin.test.ts covers this screen itself).
    await createFirstUser(page, server.url, account)
  },
  FIRST_COMPILE_TIMEOUT * 2 + 300_000,
)

afterAll(async () => {
  if (Object.keys(timings).length > 0) console.log(`publish/preview timings (s): ${JSON.stringify(timings)}`)
  await closeAdminSession({ browser, server, dataDir })
}, 60_000)

/** On failure: a screenshot under .tmp/, the last publish's status and the server's last words. */
function explainFailure(name: string): void {
  explainFailureIn(
    name,
    failureShots,
    () => page,
    async () => {
      const status = await page?.request
        .get(`${server!.url}/api/globals/publish-status`, FROM_ADMIN_PAGE)
        .then((r) => r.text())
        .catch(() => '')
      return `publish status:\n${status}\n--- admin server log (tail) ---\n${server?.log().slice(-6_000)}`
    },
  )
}

/** Title, summary and body typed into a fresh document's edit view. */
async function writeDocument(
  collection: string,
  titleField: string,
  fields: { title: string; summary?: string; body: string },
): Promise<void> {
  await page.goto(`${server!.url}/admin/collections/${collection}/create`)
  await page.locator(`#field-${titleField}:not([disabled])`).fill(fields.title)
  if (fields.summary) await page.fill('#field-summary', fields.summary)
  const body = page.locator('.ContentEditable__root[contenteditable="true"]').first()
  await body.click()
  await page.keyboard.type(fields.body)
  await expect.poll(() => body.innerText(), UI_WAIT).toContain(fields.body)
  // Payload takes the editor's state into its form a moment after the text shows (on a busy machine a
  // save clicked at once stored half of it): leave the editor and give the form that moment.
  await page.locator(`#field-${titleField}`).click()
  await page.waitForTimeout(1_000)
}

async function publishStatus(): Promise<{ state: string; reason: string }> {
  return (await (
    await page.request.get(`${server!.url}/api/globals/publish-status`, FROM_ADMIN_PAGE)
  ).json()) as { state: string; reason: string }
}

function documentId(collection: string): string {
  const id = new RegExp(`/${collection}/(\\d+)`).exec(page.url())?.[1]
  if (!id) throw new Error(`no document id in ${page.url()}`)
  return id
}

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<number> {
  const started = Date.now()
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
  return (Date.now() - started) / 1000
}

/** The Astro build a document's (newest) preview waited for, from its preview.json (0: the bundle was warm). */
async function webBundleSeconds(keyPrefix: string): Promise<number | undefined> {
  const dir = path.join(dataDir, 'preview')
  const names = (await readdir(dir)).filter(
    (name) => name.startsWith(keyPrefix) && !name.includes('.partial-'),
  )
  expect(names.length, `a preview folder ${keyPrefix}…`).toBeGreaterThan(0)
  const manifests = await Promise.all(
    names.map(async (name) => JSON.parse(await readFile(path.join(dir, name, 'preview.json'), 'utf8'))),
  )
  const newest = manifests.sort((a, b) => String(b.renderedAt).localeCompare(String(a.renderedAt)))[0]
  return newest.channels.web.bundleSeconds as number | undefined
}

/**
 * The Preview tab of the document open in the page, once its preview has been rendered; `sawRendering`
 * tells whether the frame showed the "Rendering…" page on the way.
 */
async function openPreviewTab() {
  const startedAt = Date.now()
  let sawRendering = false
  const watch = (response: Response) => {
    if (/\/preview\/[^/]+\/[^/]+\?/.test(response.url()))
      void response
        .text()
        .then((html) => (sawRendering ||= html.includes('class="rendering"')))
        .catch(() => undefined)
  }
  page.on('response', watch)
  try {
    await page.locator('.doc-tab', { hasText: 'Preview' }).first().click()
    await page.waitForURL(/\/channel-preview$/)
    const preview = page.frameLocator('iframe[title="Preview in every channel"]')
    // "Rendering…" refreshes itself until the four tabs are there.
    await expect
      .poll(() => preview.locator('main.tabs').count(), { timeout: PREVIEW_TIMEOUT, interval: 250 })
      .toBe(1)
    return { preview, seconds: (Date.now() - startedAt) / 1000, sawRendering }
  } finally {
    page.off('response', watch)
  }
}

describe('publishing from the admin', () => {
  const pageFile = () => path.join(publishOut, 'site', 'artikler', published.slug, 'index.html')

  it('an article published in the admin appears on the built site by itself', async () => {
    explainFailure('publish-follows')
    await writeDocument('articles', 'title', published)
    await page.locator('#action-save').click() // "Publish changes"
    await page.waitForURL(/\/admin\/collections\/articles\/\d+/)
    const publishedAt = Date.now()

    timings.publishFollow = await waitFor(
      () => existsSync(pageFile()),
      PUBLISH_FOLLOW_TIMEOUT,
      `the site in ${publishOut} showing /artikler/${published.slug}/`,
    )
    const html = await readFile(pageFile(), 'utf8')
    expect(html).toContain(`<h1>${published.title}</h1>`)
    expect(html).toContain(published.body)
    // Editors see the outcome in the admin (recorded once the publish process has exited).
    await expect
      .poll(() => publishStatus(), UI_WAIT)
      .toMatchObject({ state: 'ok', reason: `articles/${published.slug} published` })
    timings.publishFollowIncludingSave = (Date.now() - publishedAt) / 1000
  })

  it('unpublishing it removes its page after the next publish', async () => {
    explainFailure('unpublish-follows')
    expect(existsSync(pageFile()), 'the article was not on the site before unpublishing').toBe(true)
    await page.locator('.doc-controls__dots').click()
    await page.locator('#action-unpublish').click()
    await page.locator('#confirm-action').click()
    await expect
      .poll(
        async () =>
          (
            (await (
              await page.request.get(
                `${server!.url}/api/articles/${documentId('articles')}?draft=true`,
                FROM_ADMIN_PAGE,
              )
            ).json()) as { _status: string }
          )._status,
        UI_WAIT,
      )
      .toBe('draft')

    // The page goes and the rest of the site stays (checked together: while a publish swaps its output
    // in, the folder is briefly moved aside).
    const home = path.join(publishOut, 'site', 'index.html')
    timings.unpublishFollow = await waitFor(
      () => existsSync(home) && !existsSync(pageFile()),
      PUBLISH_FOLLOW_TIMEOUT,
      `the page /artikler/${published.slug}/ leaving the site`,
    )
    await expect
      .poll(() => publishStatus(), UI_WAIT)
      .toMatchObject({ state: 'ok', reason: `articles/${published.slug} unpublished` })
  })
})

describe('preview in the admin', () => {
  it('shows an article draft as a web page, an e-mail and social cards; no letter', async () => {
    explainFailure('preview-article')
    await writeDocument('articles', 'title', draftArticle)
    await page.locator('#action-save-draft').click()
    await page.waitForURL(/\/admin\/collections\/articles\/\d+/)
    const { preview, seconds } = await openPreviewTab()
    timings.previewArticle = seconds
    // The admin warmed the preview worker when it started: even this first preview found Astro's page
    // bundle built (before, it waited for a whole Astro build here).
    expect(await webBundleSeconds(`articles-${documentId('articles')}-da-`)).toBe(0)

    await expect.poll(() => preview.locator('h1').innerText(), UI_WAIT).toContain(draftArticle.title)
    // Web page: the site's own page for the draft.
    const web = preview.frameLocator('#panel-web iframe')
    await expect.poll(() => web.locator('main h1').first().innerText(), UI_WAIT).toBe(draftArticle.title)
    await expect.poll(() => web.locator('main').innerText(), UI_WAIT).toContain(draftArticle.body)

    // E-mail: the newsletter renderer's HTML, addressed to the sample member.
    await preview.locator('label[for=tab-email]').click()
    await expect
      .poll(() => preview.locator('#panel-email .subject').innerText(), UI_WAIT)
      .toBe(draftArticle.title)
    const email = preview.frameLocator('#panel-email iframe')
    await expect.poll(() => email.locator('body').innerText(), UI_WAIT).toContain(draftArticle.title)

    // Cards: three images, drawn at their platform sizes.
    await preview.locator('label[for=tab-cards]').click()
    const images = preview.locator('#panel-cards img')
    await expect.poll(() => images.count(), UI_WAIT).toBe(3)
    await expect
      .poll(
        () =>
          images.evaluateAll((list) =>
            list.map(
              (img) => `${(img as HTMLImageElement).naturalWidth}x${(img as HTMLImageElement).naturalHeight}`,
            ),
          ),
        UI_WAIT,
      )
      .toEqual(['1200x630', '1080x1080', '1080x1920'])
    firstCardSources = await images.evaluateAll((list) =>
      list.map((img) => (img as HTMLImageElement).getAttribute('src') ?? ''),
    )
    await expect
      .poll(() => preview.locator('#panel-cards pre.post').innerText(), UI_WAIT)
      .toContain(draftArticle.title)

    // An article is not printed: the PDF tab says so instead of showing nothing.
    await preview.locator('label[for=tab-pdf]').click()
    await expect
      .poll(() => preview.locator('#panel-pdf').innerText(), UI_WAIT)
      .toMatch(/Not applicable: Only letters are printed/)

    // A preview is never published: the publish output has no page for the draft.
    expect(existsSync(path.join(publishOut, 'site', 'artikler', slugify(draftArticle.title)))).toBe(false)
    expect((await readdir(path.join(dataDir, 'preview'))).some((name) => name.startsWith('articles-'))).toBe(
      true,
    )
  })

  it('follows the draft: after the title is edited and saved, the preview shows the new title at once', async () => {
    explainFailure('preview-after-edit')
    const id = documentId('articles')
    await page.goto(`${server!.url}/admin/collections/articles/${id}`)
    await page.locator('#field-title:not([disabled])').fill(editedTitle)
    await page.locator('#action-save-draft').click()
    await expect
      .poll(
        async () =>
          (
            (await (
              await page.request.get(`${server!.url}/api/articles/${id}?draft=true`, FROM_ADMIN_PAGE)
            ).json()) as { title: string }
          ).title,
        UI_WAIT,
      )
      .toBe(editedTitle)

    // The renderers are warm now (the first preview loaded them): the tab opens on the finished preview,
    // without the "Rendering…" page in between.
    const { preview, seconds, sawRendering } = await openPreviewTab()
    timings.previewAfterEdit = seconds
    expect(sawRendering, "the second preview was still rendering after the route's wait").toBe(false)
    await expect.poll(() => preview.locator('h1').innerText(), UI_WAIT).toContain(editedTitle)
    const web = preview.frameLocator('#panel-web iframe')
    await expect.poll(() => web.locator('main h1').first().innerText(), UI_WAIT).toBe(editedTitle)
    await preview.locator('label[for=tab-email]').click()
    await expect.poll(() => preview.locator('#panel-email .subject').innerText(), UI_WAIT).toBe(editedTitle)
    const email = preview.frameLocator('#panel-email iframe')
    await expect.poll(() => email.locator('body').innerText(), UI_WAIT).toContain(editedTitle)
    await expect.poll(() => email.locator('body').innerText(), UI_WAIT).not.toContain(draftArticle.title)
    await preview.locator('label[for=tab-cards]').click()
    await expect.poll(() => preview.locator('#panel-cards img').count(), UI_WAIT).toBe(3)
    await expect
      .poll(() => preview.locator('#panel-cards pre.post').innerText(), UI_WAIT)
      .toContain(editedTitle)
    // The cards are drawn anew for the edited draft: their files belong to the new preview.
    const sources = await preview
      .locator('#panel-cards img')
      .evaluateAll((list) => list.map((img) => (img as HTMLImageElement).getAttribute('src') ?? ''))
    expect(sources.every((src) => src.includes(`/files/articles-${id}-da-`))).toBe(true)
    expect(sources).not.toEqual(firstCardSources)
  })

  it('shows a page draft as its web page only, and follows its saved title', async () => {
    explainFailure('preview-page')
    await writeDocument('pages', 'title', draftPage)
    await page.locator('#action-save-draft').click()
    await page.waitForURL(/\/admin\/collections\/pages\/\d+/)
    pageId = documentId('pages')
    const first = await openPreviewTab()
    timings.previewPage = first.seconds
    await expect.poll(() => first.preview.locator('h1').innerText(), UI_WAIT).toContain(draftPage.title)
    const web = first.preview.frameLocator('#panel-web iframe')
    await expect.poll(() => web.locator('main h1').first().innerText(), UI_WAIT).toBe(draftPage.title)
    await expect.poll(() => web.locator('main').innerText(), UI_WAIT).toContain(draftPage.body)
    // Only what applies: no e-mail, letter or card tabs, and one line saying why.
    for (const channel of ['email', 'pdf', 'cards'])
      expect(await first.preview.locator(`label[for=tab-${channel}]`).count()).toBe(0)
    await expect
      .poll(() => first.preview.locator('#only-web').innerText(), UI_WAIT)
      .toContain('A page is only on the site')

    await page.goto(`${server!.url}/admin/collections/pages/${pageId}`)
    await page.locator('#field-title:not([disabled])').fill(editedPageTitle)
    await page.locator('#action-save-draft').click()
    await expect
      .poll(
        async () =>
          (
            (await (
              await page.request.get(`${server!.url}/api/pages/${pageId}?draft=true`, FROM_ADMIN_PAGE)
            ).json()) as { title: string }
          ).title,
        UI_WAIT,
      )
      .toBe(editedPageTitle)
    const edited = await openPreviewTab()
    timings.previewPageAfterEdit = edited.seconds
    const editedWeb = edited.preview.frameLocator('#panel-web iframe')
    await expect.poll(() => editedWeb.locator('main h1').first().innerText(), UI_WAIT).toBe(editedPageTitle)
  })

  it('shows a letter draft as a PDF addressed to the made-up sample recipient', async () => {
    explainFailure('preview-letter')
    await writeDocument('letters', 'subject', { title: draftLetter.subject, body: draftLetter.body })
    await page.locator('#action-save-draft').click()
    await page.waitForURL(/\/admin\/collections\/letters\/\d+/)
    const { preview, seconds } = await openPreviewTab()
    timings.previewLetter = seconds

    // The letter's only channel is paper, so the PDF tab is the one open.
    await expect.poll(() => preview.locator('#panel-pdf').isVisible(), UI_WAIT).toBe(true)
    await expect
      .poll(() => preview.locator('#panel-pdf').innerText(), UI_WAIT)
      .toContain('Testa Eksempelsen, Prøvevej 1, 1000 Testrup')
    expect(await preview.locator('#panel-pdf iframe').count()).toBe(1)
    const href = await preview.locator('#pdf-link').getAttribute('href')
    const response = await page.request.get(new URL(href!, server!.url).toString(), FROM_ADMIN_PAGE)
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toBe('application/pdf')
    const pdfFile = path.join(dataDir, 'letter-preview.pdf')
    await writeFile(pdfFile, await response.body())
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' })
    expect(text).toContain(draftLetter.subject)
    expect(text).toContain('Testa Eksempelsen')
    expect(text).toContain('1000 Testrup')
    expect(text).toContain('Kære Testa, tak fordi du har meldt dig ind.')
    for (const channel of ['web', 'email', 'cards'])
      await expect
        .poll(() => preview.locator(`label[for=tab-${channel}]`).innerText(), UI_WAIT)
        .toContain('n/a')
  })

  it('is only for signed-in users', async () => {
    const anonymous = await fetch(`${server!.url}/preview/letters/1?locale=da`, { redirect: 'manual' })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/\/admin\/login\?redirect=/)
    const file = await fetch(`${server!.url}/preview/letters/1/files/letters-1-da-0000/letter/letters.pdf`)
    expect(file.status).toBe(401)
    // A page's draft neither: no title of it in the answer, only the way to sign in.
    expect(pageId, 'the page preview test ran first').not.toBe('')
    const pagePreview = await fetch(`${server!.url}/preview/pages/${pageId}?locale=da`, {
      redirect: 'manual',
    })
    expect(pagePreview.status).toBe(302)
    expect(await pagePreview.text()).not.toContain('Bliv medlem af klubben')
    const [pageKey] = (await readdir(path.join(dataDir, 'preview'))).filter((name) =>
      name.startsWith(`pages-${pageId}-da-`),
    )
    const pageFile = await fetch(`${server!.url}/preview/pages/${pageId}/files/${pageKey}/preview.json`)
    expect(pageFile.status).toBe(401)
  })
})
