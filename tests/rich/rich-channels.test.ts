/**
 * The rich fixture through import → export → every channel: site (Astro build, parsed with cheerio),
 * newsletter (HTML and text part) and print letter (read back with `pdftotext -layout`). In each, the
 * words of the rendered body are the source's words in the same order (glued or dropped words fail),
 * tables keep their cells in order and code keeps its spaces.
 */
import { execFileSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createRequire } from 'node:module'
import * as cheerio from 'cheerio'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportSnapshot } from '../../cms/export/export-snapshot.ts'
import { importContent } from '../../cms/import/import-content.ts'
import { renderPrintRun } from '../../channels/letters/print-run.ts'
import { renderEdition, type RenderedEdition } from '../../channels/newsletter/render-newsletters.ts'
import { buildSite } from '../../channels/site/build-site.ts'
import { documentPath } from '../../channels/site/routes.ts'
import { readSnapshot, type LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { blocksPlainText } from '../../channels/snapshot/block-text.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'
import { htmlProblems, htmlValidateProblems } from '../site/html-check.ts'
import { pageWords, type Word } from '../letters/helpers.ts'
import { serveStatic } from '../site/static-server.ts'
import { CHROMIUM_ARGS } from '../e2e/helpers/browser.ts'
import {
  CODE_TEXT,
  HOSTILE_CELL,
  LONG_WORD,
  RICH_HTML,
  richImportContent,
  sourceWords,
  words,
  writeRichImages,
} from '../fixtures/rich/rich-fixture.ts'

let cms: TempCms
let loaded: LoadedSnapshot
let sitePage: string
let sitePageFile: string
let edition: RenderedEdition
let letterText: string
let letterWords: Word[]
let siteDir: string

const SOURCE = sourceWords(RICH_HTML)
const TABLE = [
  ['Gruppe', 'Sats', 'Note'],
  ['Elev', '142,10 kr.', HOSTILE_CELL],
  ['Faglært', '212,50 kr.', 'Se satser'],
]

beforeAll(async () => {
  cms = await startTempCms()
  const baseDir = path.join(cms.dir, 'in')
  await writeRichImages(baseDir)
  const report = await importContent(cms.payload, richImportContent(), { baseDir })
  expect(report.rejected).toEqual([])
  const out = path.join(cms.dir, 'snapshot')
  const { snapshot } = await exportSnapshot(cms.payload, { dir: out, now: new Date('2026-06-01T00:00:00Z') })
  const snapshotFile = path.join(out, 'snapshot.json')
  await writeFile(snapshotFile, JSON.stringify(snapshot))
  loaded = await readSnapshot(snapshotFile)

  siteDir = path.join(cms.dir, 'site')
  await buildSite({ loaded, snapshotFile, siteDir, buildDate: new Date('2026-06-01T00:00:00Z') })
  sitePageFile = path.join(siteDir, documentPath('articles', 'da', 'rig-tekst'), 'index.html')
  sitePage = await import('node:fs/promises').then((fs) => fs.readFile(sitePageFile, 'utf8'))

  edition = await renderEdition(
    loaded,
    loaded.snapshot.newsletters.find((n) => n.key === 'rig-udgave')!,
    { mergeSyntax: 'mailchimp' },
  )

  const recipients = path.join(cms.dir, 'members.csv')
  await writeFile(
    recipients,
    'member_number,first_name,last_name,address_line1,address_line2,postal_code,city,country,locale,segments,email\nT00001,Testa,Fiktivsen,Prøvevej 1,,1000,Testrup,DK,da,,\n',
  )
  const letters = path.join(cms.dir, 'letters')
  await renderPrintRun(loaded, {
    recipients,
    outDir: letters,
    letter: 'rigt-brev',
    date: '2026-11-24',
    workers: 0,
    log: () => {},
  })
  letterText = execFileSync('pdftotext', ['-layout', path.join(letters, 'letters.pdf'), '-'], {
    encoding: 'utf8',
  })
  letterWords = pageWords(path.join(letters, 'letters.pdf'), 1)
}, 300_000)

afterAll(async () => cms?.close())

/** The source's words appear in the output as one unbroken run, in order (the best-matching run is shown on failure). */
function expectWordRun(output: string[], source: string[]): void {
  let best = 0
  let bestLength = -1
  output.forEach((word, i) => {
    if (word !== source[0]) return
    let n = 0
    while (n < source.length && output[i + n] === source[n]) n++
    if (n > bestLength) [best, bestLength] = [i, n]
  })
  expect(output.slice(best, best + source.length)).toEqual(source)
}

/** The text a browser shows: block elements and line breaks separate words, inline elements do not. */
function shownText(html: string, selector: string, remove = ''): string {
  const $ = cheerio.load(html)
  if (remove) $(remove).remove()
  $('br').replaceWith(' ')
  $(
    'p, li, td, th, tr, h1, h2, h3, h4, h5, h6, caption, figcaption, pre, blockquote, div, table, ul, ol, dt, dd, figure, section',
  ).each((_, el) => {
    $(el).prepend(' ').append(' ')
  })
  return $(selector).text()
}

/** Plain-text additions that are layout, not the author's words: link addresses in brackets, list markers, check boxes. */
function withoutPrintAdditions(text: string): string {
  return (
    text
      .replace(/\((?:https?:\/\/)?[^\s()]+\.[a-z]{2,}\/[^\s()]*\)/g, ' ')
      .replace(/^(\s*)(?:\d+\.|\[x\]|\[ {1,2}\])(?=\s)/gm, '$1')
      // The text part breaks `{{` with an invisible word joiner so the mail service does not read a merge tag.
      .replace(/\u2060/g, '')
  )
}

/** A printed letter's page furniture (sender line, page numbers, continuation header) is not body text. */
function withoutLetterFurniture(text: string): string {
  return text
    .split('\n')
    .filter(
      (line) =>
        !/Fagforbundet Nordlys|nordlys\.example\.org|side \d+ af \d+|Testa Fiktivsen|Medlemsnummer|november 2026|Prøvevej|Testrup/.test(
          line,
        ),
    )
    .join('\n')
}

describe('site', () => {
  it('shows every word of the body in order', () => {
    expectWordRun(words(shownText(sitePage, 'article', 'article h1, article .meta, article .notice')), SOURCE)
  })

  it('renders the table with its cells in order and code with its spaces', () => {
    const $ = cheerio.load(sitePage)
    const rows = $('article .table-scroll table')
      .first()
      .find('tr')
      .toArray()
      .map((tr) =>
        $(tr)
          .find('th, td')
          .toArray()
          .map((cell) => $(cell).text()),
      )
    expect(rows).toEqual(TABLE)
    expect($('article table caption').first().text()).toBe('Satser fra 1. marts')
    expect($('article pre code').first().text()).toBe(CODE_TEXT)
    expect($('article ol[start="8"]')).toHaveLength(1)
    expect($('article hr')).toHaveLength(1)
    expect($('article sub').first().text()).toBe('2')
    expect(
      $('article figure figcaption')
        .toArray()
        .map((el) => $(el).text()),
    ).toEqual(expect.arrayContaining(['Mødet i Tromsø i januar']))
    expect(sitePage).not.toContain('<iframe')
    expect(sitePage).not.toContain('<video')
  })

  it('passes html-validate and the HTML5 parse checks', async () => {
    expect(await htmlValidateProblems([sitePageFile])).toEqual([])
    expect(htmlProblems([sitePageFile])).toEqual([])
  })
})

describe('site details', () => {
  it('leaves out an empty summary and describes the page with the start of the body', () => {
    const $ = cheerio.load(sitePage)
    expect($('article p').filter((_, p) => $(p).text().trim() === '')).toHaveLength(0)
    const description = $('meta[name="description"]').attr('content') ?? ''
    expect($('meta[property="og:description"]').attr('content')).toBe(description)
    expect(description.startsWith('Overenskomst 2027 i korte træk Forhandlingerne er afsluttet')).toBe(true)
    expect(description.length).toBeLessThanOrEqual(156)
    expect(description.endsWith('…')).toBe(true)
    // Cut at a word: the body's text goes on with a space right after what the description shows.
    const body = blocksPlainText(loaded.snapshot.articles.find((a) => a.slug === 'rig-tekst')!.body)
    const shown = description.slice(0, -1)
    expect(body.startsWith(shown)).toBe(true)
    expect(body[shown.length]).toBe(' ')
  })

  it('writes a footer without a stray comma or empty contact links when the Organisation has none', () => {
    const $ = cheerio.load(sitePage)
    expect($('footer a[href="mailto:"], footer a[href="tel:"]')).toHaveLength(0)
    expect($('footer').text()).not.toMatch(/^\s*,|,\s*,|,\s*$/m)
  })

  it('lists every article newest first on an archive page linked from the navigation', async () => {
    const $ = cheerio.load(sitePage)
    expect($('header nav a[href="/arkiv/"]').text()).toBe('Arkiv')
    const archive = cheerio.load(
      await import('node:fs/promises').then((fs) =>
        fs.readFile(path.join(siteDir, 'arkiv/index.html'), 'utf8'),
      ),
    )
    expect(
      archive('main .cards a')
        .toArray()
        .map((a) => archive(a).attr('href')),
    ).toEqual(['/artikler/markdown-tekst/', '/artikler/rig-tekst/'])
  })
})

describe('in Chromium', () => {
  let browser: Browser
  let server: { url: string; close: () => Promise<void> }
  beforeAll(async () => {
    server = await serveStatic(siteDir)
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const width of [1280, 390, 320]) {
    it(`the article with every block fits ${width} px: long words wrap, tables scroll in their box`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } })
      await page.goto(`${server.url}${documentPath('articles', 'da', 'rig-tekst')}`)
      const size = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        title: document.querySelector('h1')!.getBoundingClientRect().right,
        tableBox: document.querySelector('.table-scroll')!.getBoundingClientRect().right,
        codeFont: getComputedStyle(document.querySelector('pre')!).fontFamily,
      }))
      expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth)
      expect(size.title).toBeLessThanOrEqual(size.clientWidth)
      expect(size.tableBox).toBeLessThanOrEqual(size.clientWidth)
      expect(size.codeFont).toMatch(/mono/i)
      expect(await page.locator('h1').textContent()).toContain(LONG_WORD)
      await page.close()
    })
  }

  it('finds no serious accessibility problem on the article and the archive (axe)', async () => {
    const axeSource = await import('node:fs/promises').then((fs) =>
      fs.readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'),
    )
    for (const pathname of [documentPath('articles', 'da', 'rig-tekst'), '/arkiv/']) {
      const page = await browser.newPage()
      await page.goto(`${server.url}${pathname}`)
      await page.addScriptTag({ content: axeSource })
      const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
        violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>
      }
      const serious = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
      expect(serious, pathname).toEqual([])
      await page.close()
    }
  })

  it('shows the newsletter without horizontal overflow at 375 px', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } })
    await page.setContent(edition.html, { waitUntil: 'load' })
    const size = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      rightmost: Math.max(
        ...[...document.body.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right),
      ),
    }))
    expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth)
    expect(size.rightmost).toBeLessThanOrEqual(size.clientWidth + 0.5)
    await page.close()
  })
})

describe('newsletter', () => {
  it('shows every word of the intro in order in the HTML part', () => {
    expectWordRun(words(shownText(edition.html, 'body')), SOURCE)
  })

  it('keeps the table cells in order, code in monospace with its spaces, pictures at absolute URLs', () => {
    const $ = cheerio.load(edition.html)
    const table = $('table[border="1"]').first()
    expect(
      table
        .find('tr')
        .toArray()
        .map((tr) =>
          $(tr)
            .find('th, td')
            .toArray()
            .map((cell) => $(cell).text()),
        ),
    ).toEqual(TABLE)
    const pre = $('pre').first()
    expect(pre.text()).toBe(CODE_TEXT)
    expect(pre.attr('style')).toContain('monospace')
    const sources = $('img')
      .toArray()
      .map((img) => $(img).attr('src') ?? '')
    expect(sources.length).toBeGreaterThanOrEqual(4)
    for (const src of sources) expect(src).toMatch(/^https:\/\//)
    expect(Buffer.byteLength(edition.html)).toBeLessThan(102 * 1024)
  })

  it('has a text part with the same words, tables as aligned text, code indented, pictures as [Billede: alt]', () => {
    const text = edition.text
    expect(text).toContain('[Billede: Medlemmer til møde i Tromsø] Mødet i Tromsø i januar')
    expect(text).toContain('hele aftalen (https://example.org/ok-2027)')
    for (const line of CODE_TEXT.split('\n')) expect(text).toContain(`    ${line}`)
    const lines = text.split('\n')
    const header = lines.findIndex((line) => /^Gruppe +Sats +Note$/.test(line))
    expect(header).toBeGreaterThan(-1)
    // Aligned: every cell of a column starts at the same place.
    const column = lines[header].indexOf('Sats')
    expect(lines[header + 2].slice(column).startsWith('142,10 kr.')).toBe(true)
    const readable = withoutPrintAdditions(
      text.replace(/\[Billede: [^\]]*\]/g, ' ').replace(/\[Video: ([^\]]*)\] \S+/g, '$1'),
    )
    expectWordRun(words(readable), SOURCE)
  })
})

describe('print letter', () => {
  it('prints every word of the body in order', () => {
    const body = withoutLetterFurniture(letterText)
    expectWordRun(words(withoutPrintAdditions(body.slice(body.indexOf('Overenskomst 2027 i korte')))), SOURCE)
  })

  it('prints the table rows in order and the link address after its text', () => {
    const rowLine = (cells: string[]) =>
      new RegExp(cells.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' {2,}'))
    expect(letterText).toMatch(rowLine(['Gruppe', 'Sats', 'Note']))
    expect(letterText).toMatch(rowLine(['Faglært', '212,50 kr.', 'Se satser']))
    expect(letterText).toContain('hele aftalen (example.org/ok-2027)')
  })

  it('sets subscript below and superscript above the line', () => {
    // pdftotext reads H₂O as H, 2, O: the subscript 2 starts lower than the line's letters, MC²'s 2 ends higher.
    const vand = letterWords.findIndex((w) => w.text === 'vand')
    const line = letterWords[vand]
    const digits = letterWords.slice(vand, vand + 12).filter((w) => w.text === '2')
    expect(digits).toHaveLength(2)
    const [sub, sup] = digits
    expect(sub.yMin - line.yMin).toBeGreaterThan(0.5)
    expect(line.yMax - sup.yMax).toBeGreaterThan(0.5)
    // Both are set smaller than the text around them.
    for (const digit of digits) expect(digit.yMax - digit.yMin).toBeLessThan((line.yMax - line.yMin) * 0.8)
  })

  it('keeps the spaces inside code lines', () => {
    // pdftotext rebuilds spaces from gaps (two may come out as one), so the code is read back from the
    // words' positions on the monospace grid: column = distance from the block's left edge / advance.
    const code = CODE_TEXT.replace(/\t/g, '    ').split('\n')
    const first = letterWords.findIndex((w) => w.text === 'def')
    const lastWord = letterWords.findIndex((w, i) => i > first && w.text.includes('</pre>'))
    const inCode = letterWords.slice(first, lastWord + 1).flatMap((w) =>
      w.text
        .split(/(\u00a0+)/)
        .reduce<Word[]>((out, part) => {
          const start = out.length > 0 ? out[out.length - 1].xMax : w.xMin
          const width = ((w.xMax - w.xMin) / [...w.text].length) * [...part].length
          return [...out, { ...w, text: part, xMin: start, xMax: start + width }]
        }, [])
        .filter((p) => p.text.trim() !== ''),
    )
    const left = inCode[0].xMin
    const advance = (letterWords[first].xMax - letterWords[first].xMin) / 3
    const lines = new Map<number, string>()
    for (const word of inCode) {
      const row = Math.round(word.yMin * 10)
      const column = Math.round((word.xMin - left) / advance)
      const current = lines.get(row) ?? ''
      lines.set(row, current.padEnd(column, ' ') + word.text)
    }
    expect([...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line)).toEqual(code)
  })
})
