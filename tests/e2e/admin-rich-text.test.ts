/**
 * Rich text typed in the admin reaches the published site whole (issue 13): in headless Chromium an
 * editor writes an article whose Lexical body holds sub- and superscript (inline toolbar), a
 * horizontal rule, a code block with indented lines and a table with its caption block (slash menu),
 * and publishes it;
 * after the server stops, `budstikke publish` builds the site, and the article's page shows each of
 * them as the editor typed them. The admin runs as `next dev cms` on a free port against a temporary
 * data folder, as in admin.test.ts.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { load } from 'cheerio'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  closeAdminSession,
  createFirstUser,
  explainAdminFailure,
  openAdminPage,
  startAdminSession,
} from './helpers/browser.ts'
import { projectRoot, runBudstikke, type AdminServer } from './helpers/admin-server.ts'

/** Next compiles the admin on the first request: ~40 s idle, minutes when other jobs share the two cores. */
const FIRST_COMPILE_TIMEOUT = 6 * 60_000
/** The admin re-renders slowly while the dev server compiles on a busy machine. */
const UI_WAIT = { timeout: 120_000, interval: 500 }
const failureShots = path.join(projectRoot, '.tmp/cms-admin-rich-text-e2e')

const editorAccount = {
  email: 'redaktion@example.org',
  password: 'Nordlys-over-Tromsø-2026',
  name: 'Sigrid Østergård',
}
const article = {
  title: 'Lønnen på mejeriet i Ølgod, regnet ud',
  slug: 'loennen-paa-mejeriet-i-oelgod',
  /** Each paragraph is typed whole; then `formatted` is selected and formatted. */
  subscript: { before: 'Mejeriets kedler renser vandet, H', formatted: '2', after: 'O.' },
  superscript: { before: 'Formanden skrev E = mc', formatted: '2', after: '.' },
  afterRule: 'Satserne for det nye år:',
  beforeCode: 'Beregningen i lønsystemet:',
  /** Two indented lines, one with a run of inner spaces: every space must survive. */
  code: 'løn:\n    grundløn   31500\n    tillæg      1200',
  /** Typed into the table-caption block after the table. */
  tableCaption: 'Satser pr. løntrin fra 1. marts',
  /** Header row first; typed cell by cell. */
  table: [
    ['Fag', 'Timeløn'],
    ['Mejerist', '231,50 kr.'],
    ['Lærling', '118,00 kr.'],
  ],
}

let dataDir: string
let server: AdminServer | undefined
let browser: Browser | undefined
let page: Page
/** Uncaught exceptions and console errors of the admin's own pages. */
const pageProblems: string[] = []
let published = false

beforeAll(
  async () => {
    ;({ dataDir, server, browser } = await startAdminSession({
      dataDirPrefix: 'cms-admin-rich-text-e2e-',
      compileTimeoutMs: FIRST_COMPILE_TIMEOUT,
    }))
    ;({ page } = await openAdminPage(browser, server.url, pageProblems))
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

interface FormattedParagraph {
  before: string
  formatted: string
  after: string
}

const textOf = (paragraph: FormattedParagraph) => paragraph.before + paragraph.formatted + paragraph.after

/**
 * Selects the `formatted` part of the body's paragraph number `index` as a mouse drag would (a DOM
 * range: Lexical adopts the browser's selection) and formats it from the inline toolbar.
 */
async function formatInParagraph(
  index: number,
  paragraph: FormattedParagraph,
  format: 'subscript' | 'superscript',
) {
  const body = page.locator('.ContentEditable__root[contenteditable="true"]').first()
  const element = body.locator(':scope > p').nth(index)
  await expect.poll(() => element.innerText(), UI_WAIT).toBe(textOf(paragraph))
  // Focus without a click: the inline toolbar of the previous formatting may cover this paragraph.
  await body.focus()
  const start = paragraph.before.length
  const end = start + paragraph.formatted.length
  await expect
    .poll(async () => {
      await element.evaluate(
        (p, [from, to]) => {
          const text = p.querySelector('span')?.firstChild ?? p.firstChild
          if (!text) return
          const range = document.createRange()
          range.setStart(text, from)
          range.setEnd(text, to)
          const selection = window.getSelection()
          selection?.removeAllRanges()
          selection?.addRange(range)
        },
        [start, end],
      )
      return page.evaluate(() => String(window.getSelection()))
    }, UI_WAIT)
    .toBe(paragraph.formatted)
  await page.locator(`.inline-toolbar-popup button[data-button-key="${format}"]`).click()
  const tag = format === 'subscript' ? 'sub' : 'sup'
  await expect.poll(() => element.locator(tag).allInnerTexts(), UI_WAIT).toEqual([paragraph.formatted])
  await expect.poll(() => element.innerText(), UI_WAIT).toBe(textOf(paragraph))
}

/** Opens the slash menu in the empty paragraph at the cursor and picks `key`. */
async function slashInsert(key: string): Promise<void> {
  await page.keyboard.type('/')
  await page.locator(`#slash-menu-popup__item-${key}`).click()
}

describe('rich text written in the admin', () => {
  it('a table, a code block, a rule and sub/superscript are typed into an article and published', async () => {
    explainFailure('rich-text')
    await createFirstUser(page, server!.url, editorAccount)
    await expect.poll(() => page.locator('nav').getByText('Articles').count(), UI_WAIT).toBeGreaterThan(0)

    await page.goto(`${server!.url}/admin/collections/articles/create`)
    await page.locator('#field-title:not([disabled])').fill(article.title)
    await page.fill('#field-slug', article.slug)

    const body = page.locator('.ContentEditable__root[contenteditable="true"]').first()
    await body.click()
    for (const paragraph of [article.subscript, article.superscript]) {
      await page.keyboard.type(textOf(paragraph))
      await expect.poll(() => body.innerText(), UI_WAIT).toContain(textOf(paragraph))
      await page.keyboard.press('Enter')
    }

    await slashInsert('horizontalRule')
    await expect.poll(() => body.locator('hr').count(), UI_WAIT).toBe(1)
    await page.keyboard.type(article.afterRule)
    await page.keyboard.press('Enter')
    await page.keyboard.type(article.beforeCode)
    await page.keyboard.press('Enter')

    // The code block: a language select and a textarea for the code, inside the body.
    await slashInsert('block-code')
    const code = body.locator('textarea').first()
    await code.waitFor({ state: 'visible', timeout: UI_WAIT.timeout })
    await code.click()
    for (const [index, line] of article.code.split('\n').entries()) {
      if (index > 0) await page.keyboard.press('Enter')
      await page.keyboard.type(line)
    }
    await expect.poll(() => code.inputValue(), UI_WAIT).toBe(article.code)

    // Back in the body: the empty paragraph Lexical keeps after the block.
    await body.locator(':scope > p').last().click()
    await slashInsert('table')
    const drawer = page.locator('.drawer__content:has(#field-rows)')
    await drawer.locator('#field-rows').fill(String(article.table.length))
    await drawer.locator('#field-columns').fill(String(article.table[0].length))
    await drawer.locator('button[type=submit]').click()
    await drawer.waitFor({ state: 'detached' })
    const rows = body.locator('table tr')
    await expect.poll(() => rows.count(), UI_WAIT).toBe(article.table.length)
    for (const [r, cells] of article.table.entries()) {
      for (const [c, text] of cells.entries()) {
        const cell = rows.nth(r).locator('th, td').nth(c)
        await cell.click()
        await page.keyboard.type(text)
        await expect.poll(() => cell.innerText(), UI_WAIT).toBe(text)
      }
    }

    // The table's caption: the table-caption block right after the table.
    await body.locator(':scope > p').last().click()
    await slashInsert('block-tableCaption')
    const caption = body.locator('input#field-text, input[name="text"]').first()
    await caption.waitFor({ state: 'visible', timeout: UI_WAIT.timeout })
    await caption.click()
    await page.keyboard.type(article.tableCaption)
    await expect.poll(() => caption.inputValue(), UI_WAIT).toBe(article.tableCaption)

    // Sub- and superscript last: formatting moves Lexical's selection, so nothing is typed after it.
    await formatInParagraph(0, article.subscript, 'subscript')
    await formatInParagraph(1, article.superscript, 'superscript')
    await expect.poll(() => body.locator('table tr').count(), UI_WAIT).toBe(article.table.length)

    await page.locator('#action-save').click() // "Publish changes"
    await page.waitForURL(/\/admin\/collections\/articles\/\d+/)
    const id = /\/articles\/(\d+)/.exec(page.url())?.[1]
    const anonymous = await fetch(`${server!.url}/api/articles/${id}`)
    expect(anonymous.status).toBe(200)
    expect(await anonymous.json()).toMatchObject({ _status: 'published', slug: article.slug })
    expect(pageProblems).toEqual([])
    published = true
  })

  it('after the server stops, the published site page shows each of them as typed', async () => {
    explainFailure('site')
    expect(published, 'the article was not published in the previous step').toBe(true)
    await server!.stop()

    const out = path.join(dataDir, 'published')
    const result = await runBudstikke(['publish', '--out', out, '--only', 'site'], dataDir)
    expect(result.code, `budstikke publish failed:\n${result.output}`).toBe(0)

    const html = await readFile(path.join(out, 'site', 'artikler', article.slug, 'index.html'), 'utf8')
    const $ = load(html)
    const main = $('main').length ? $('main') : $('body')

    expect(main.find('sub').text()).toBe(article.subscript.formatted)
    expect(main.find('sup').text()).toBe(article.superscript.formatted)
    const paragraphs = main
      .find('p')
      .toArray()
      .map((element) => $(element).text())
    expect(paragraphs).toEqual(
      expect.arrayContaining([
        textOf(article.subscript),
        textOf(article.superscript),
        article.afterRule,
        article.beforeCode,
      ]),
    )
    expect(main.find('hr')).toHaveLength(1)

    const code = main.find('pre > code')
    expect(code).toHaveLength(1)
    expect(code.text()).toBe(article.code)

    const table = main.find('table')
    expect(table).toHaveLength(1)
    expect(table.find('caption').text().trim()).toBe(article.tableCaption)
    const cells = table
      .find('tr')
      .toArray()
      .map((row) =>
        $(row)
          .find('th, td')
          .toArray()
          .map((cell) => $(cell).text().trim()),
      )
    expect(cells).toEqual(article.table)

    // In the order they were written: sub, sup, rule, code, table.
    const order = main
      .find('sub, sup, hr, pre, table')
      .toArray()
      .map((element) => element.tagName)
    expect(order).toEqual(['sub', 'sup', 'hr', 'pre', 'table'])
  })
})
