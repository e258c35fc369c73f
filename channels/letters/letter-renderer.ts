/**
 * Renders one member's letter into an open pdfkit document: address check, body layout across pages,
 * then painting (letterhead, window address, info block, body, signature, continuation lines and
 * page numbers), and a blank page after an odd page count so the next letter starts on a front side.
 */
import type PDFDocument from 'pdfkit'
import {
  BLOCKS,
  CROP_MARKS,
  LETTER_LAYOUT as L,
  PAGE,
  SIGNATURE,
  TYPE,
} from '../../templates/letters/page-layout.ts'
import type { EnvelopePreset } from '../../templates/letters/envelopes.ts'
import { LETTER_WORDS, formatLetterDate, type LetterWords } from '../../templates/letters/locale-text.ts'
import type { Block, Inline, Letter, Locale, Media, Organisation } from '../snapshot/schema.ts'
import { codePointLabel, fontName, splitBySubset, unprintableCharacters, type FontStyle } from './fonts.ts'
import { blockTexts, inlinesToText, type MergeValues } from './letter-content.ts'
import type { Member } from './member-row.ts'
import { absoluteUrl } from '../shared/site-url.ts'
import { breakLines, SCRIPT_SCALE, type StyledText, type TextLine } from './text-layout.ts'

type Doc = InstanceType<typeof PDFDocument>

export const PT_PER_MM = 72 / 25.4
export const mm = (value: number): number => value * PT_PER_MM

export interface LetterVersion {
  letter: Letter
  /** Absolute path of the signature image, when the letter has one. */
  signaturePath: string | null
  /** Absolute paths of body images by media id. */
  imagePaths: Map<string, string>
}

export interface RendererSetup {
  organisation: Organisation
  versions: Partial<Record<Locale, LetterVersion>>
  /** Locale used when the member has none, or when `fixedLocale` is set. */
  locale: Locale
  fixedLocale: boolean
  date: Date
  envelope: EnvelopePreset
  bleedMm: number
  logoPath: string | null
  /** False when the member file has no `branch` column: the merge field gets the locale's fallback. */
  hasBranchColumn: boolean
  /** Links in the letter that were printed as text because their target is not published. */
  linkWarnings: string[]
}

/** Space around the trim box: bleed plus room for crop marks outside it. */
export function slugMm(bleedMm: number): number {
  return bleedMm > 0 ? bleedMm + CROP_MARKS.offset + CROP_MARKS.length : 0
}

type DrawOp =
  | { kind: 'text'; x: number; y: number; font: string; size: number; text: string }
  | { kind: 'image'; path: string; x: number; y: number; width: number; height: number }
  | { kind: 'rule'; x1: number; y1: number; x2: number; y2: number; width: number }

interface InlineSource {
  inlines: Inline[]
  base?: { bold?: boolean; italic?: boolean }
}

function hasMergeField(inlines: Inline[]): boolean {
  return inlines.some(
    (inline) => inline.type === 'mergeField' || (inline.type === 'link' && hasMergeField(inline.children)),
  )
}

export type LetterResult = { ok: true; pages: number; blankPages: number } | { ok: false; reason: string }

export class LetterRenderer {
  private readonly doc: Doc
  private readonly setup: RendererSetup
  private readonly origin: number
  private readonly pageSize: [number, number]
  private readonly columnLeft = mm(L.marginLeft)
  private readonly columnWidth = mm(PAGE.width - L.marginLeft - L.marginRight)
  private readonly dateText: Partial<Record<Locale, string>> = {}

  constructor(doc: Doc, setup: RendererSetup) {
    this.doc = doc
    this.setup = setup
    this.origin = mm(slugMm(setup.bleedMm))
    this.pageSize = [mm(PAGE.width) + 2 * this.origin, mm(PAGE.height) + 2 * this.origin]
    for (const [locale, version] of Object.entries(setup.versions) as Array<[Locale, LetterVersion]>) {
      this.dateText[locale] = formatLetterDate(setup.date, locale)
      this.checkLetterPrintable(version, locale)
    }
  }

  /** Fails the run before printing anything if the letter's own text has characters no font covers. */
  private checkLetterPrintable(version: LetterVersion, locale: Locale): void {
    const merge: MergeValues = { first_name: '', last_name: '', member_number: '', branch: '' }
    const texts = [
      version.letter.subject,
      version.letter.signature.name,
      version.letter.signature.title,
      ...blockTexts(version.letter.body, { merge, siteUrl: this.setup.organisation.siteUrl }),
    ]
    const missing = new Set(texts.flatMap((t) => unprintableCharacters(t)))
    if (missing.size)
      throw new Error(
        `letters/${version.letter.slug} (${locale}): characters the letter font cannot print: ${[...missing].map(codePointLabel).join(', ')}`,
      )
  }

  private readonly measure = (text: string, font: string, size: number): number =>
    this.doc.font(font).fontSize(size).widthOfString(text)

  private widthOf(text: string, style: FontStyle, size: number): number {
    return splitBySubset(text).reduce(
      (sum, run) => sum + this.measure(run.text, fontName(style, run.subset), size),
      0,
    )
  }

  private textOps(text: string, style: FontStyle, size: number, x: number, y: number): DrawOp[] {
    const ops: DrawOp[] = []
    let cursor = x
    for (const run of splitBySubset(text)) {
      const font = fontName(style, run.subset)
      ops.push({ kind: 'text', x: cursor, y, font, size, text: run.text })
      cursor += this.measure(run.text, font, size)
    }
    return ops
  }

  private lineOps(line: TextLine, size: number, x: number, y: number): DrawOp[] {
    // pdfkit places text by the top of its line box: a smaller superscript drawn a little higher sits
    // above the line, a subscript drawn lower sits below it.
    const shift = (f: TextLine['fragments'][number]) =>
      f.script === 'sup' ? -size * TYPE.superscriptRaise : f.script === 'sub' ? size * TYPE.subscriptDrop : 0
    return line.fragments.map((f) => ({
      kind: 'text',
      x: x + f.x,
      y: y + shift(f),
      font: f.font,
      size: f.script ? size * SCRIPT_SCALE : size,
      text: f.text,
    }))
  }

  /** Address lines as they go through the window, or the reason they cannot. */
  private addressFor(
    member: Member,
    words: LetterWords,
  ): { lines: string[]; size: number } | { reason: string } {
    const name = [member.firstName, member.lastName].filter(Boolean).join(' ')
    const postalCode =
      member.country === 'SE' ? member.postalCode.replace(/^(\d{3}) ?(\d{2})$/, '$1 $2') : member.postalCode
    const lines = [name, ...member.streetLines, `${postalCode} ${member.city}`]
    if (member.country !== this.setup.organisation.postalAddress.country) {
      lines.push(
        (
          new Intl.DisplayNames([words.intl], { type: 'region' }).of(member.country) ?? member.country
        ).toLocaleUpperCase(words.intl),
      )
    }
    const env = this.setup.envelope
    const zoneHeight = mm(env.height - env.returnZone)
    if (lines.length > env.maxLines)
      return {
        reason: `address has ${lines.length} lines; the ${env.name} window takes at most ${env.maxLines}`,
      }
    const a = TYPE.address
    // Height of the block as printed: line spacing between lines, the font's full box (ascender to descender) for the last.
    const blockHeight = (size: number) =>
      (lines.length - 1) * size * a.leading +
      this.doc.font(fontName('regular', 'latin')).fontSize(size).currentLineHeight()
    const linesThatFit = (size: number) =>
      Math.floor(
        (zoneHeight - this.doc.font(fontName('regular', 'latin')).fontSize(size).currentLineHeight()) /
          (size * a.leading),
      ) + 1
    for (let size = a.size; size >= a.minSize - 1e-9; size -= a.step) {
      const fitsHeight = blockHeight(size) <= zoneHeight
      const widest = Math.max(...lines.map((line) => this.widthOf(line, 'regular', size)))
      if (fitsHeight && widest <= mm(env.width)) return { lines, size }
    }
    const size = a.minSize
    if (blockHeight(size) > zoneHeight)
      return {
        reason: `address has ${lines.length} lines; the ${env.name} window holds ${linesThatFit(size)} at ${size} pt`,
      }
    const tooLong = lines.findIndex((line) => this.widthOf(line, 'regular', size) > mm(env.width))
    const label = tooLong === 0 ? 'name line' : `address line ${tooLong + 1}`
    return {
      reason: `${label} is too long for the ${env.name} window (${(this.widthOf(lines[tooLong], 'regular', size) / PT_PER_MM).toFixed(0)} mm at ${size} pt; the window is ${env.width} mm wide)`,
    }
  }

  /**
   * Line breaks of editor text without merge fields are the same for every member: computed once per
   * inline array, size and width. Paragraphs with merge fields are broken per member.
   */
  private readonly lineCache = new WeakMap<Inline[], Map<string, TextLine[]>>()
  private cachedLines(
    source: InlineSource,
    context: { merge: MergeValues; siteUrl: string },
    size: number,
    width: number,
  ): TextLine[] {
    const compute = () =>
      breakLines(inlinesToText(source.inlines, context, source.base), width, size, this.measure)
    if (hasMergeField(source.inlines)) return compute()
    let bySize = this.lineCache.get(source.inlines)
    if (!bySize) this.lineCache.set(source.inlines, (bySize = new Map()))
    const key = `${size}/${width}/${source.base?.bold ? 'b' : ''}${source.base?.italic ? 'i' : ''}`
    let lines = bySize.get(key)
    if (!lines) bySize.set(key, (lines = compute()))
    return lines
  }

  /** Lays out subject, body and signature into pages of draw operations (body area only). */
  private layoutBody(version: LetterVersion, merge: MergeValues, words: LetterWords): DrawOp[][] {
    const pages: DrawOp[][] = [[]]
    const top = (pageIndex: number) => mm(pageIndex === 0 ? L.subjectTop : L.bodyTopLaterPages)
    const bottom = mm(L.bodyBottom)
    let y = top(0)
    const context = { merge, siteUrl: this.setup.organisation.siteUrl }
    const page = () => pages[pages.length - 1]
    const newPage = () => {
      pages.push([])
      y = top(pages.length - 1)
    }
    const ensure = (height: number) => {
      if (y + height > bottom && y > top(pages.length - 1)) newPage()
    }
    /** A bar in the left margin from `fromY` down to the current line: code and callouts are marked so. */
    const marginBar = (fromY: number, width: number) =>
      page().push({
        kind: 'rule',
        x1: this.columnLeft + mm(BLOCKS.marginBar.x),
        y1: fromY,
        x2: this.columnLeft + mm(BLOCKS.marginBar.x),
        y2: y,
        width,
      })
    const paragraph = (
      source: StyledText[] | InlineSource,
      size: number,
      leading: number,
      indent = 0,
      after: number = BLOCKS.paragraph.after,
      keepWithNext = 0,
      marker?: string,
    ) => {
      const lineHeight = size * leading
      const lines = Array.isArray(source)
        ? breakLines(source, this.columnWidth - indent, size, this.measure)
        : this.cachedLines(source, context, size, this.columnWidth - indent)
      let i = 0
      while (i < lines.length) {
        const remaining = lines.length - i
        const room = Math.floor((bottom - y) / lineHeight + 1e-9)
        let take = Math.min(room, remaining)
        if (take < remaining) {
          // No widow: the last line never goes alone to the top of the next page.
          if (take > 0 && remaining - take === 1) take--
          // No orphan: the first line never stays alone at the bottom of a page.
          if (i === 0 && take === 1) take = 0
        } else if (i === 0 && keepWithNext > 0 && room < remaining + keepWithNext) take = 0
        if (take === 0) {
          if (y > top(pages.length - 1)) {
            newPage()
            continue
          }
          // An empty page that cannot hold two lines: place what fits, whatever the rules say.
          take = Math.min(remaining, Math.max(1, room))
        }
        for (const end = i + take; i < end; i++) {
          if (i === 0 && marker)
            page().push(
              ...this.textOps(
                marker,
                'regular',
                size,
                this.columnLeft + indent - mm(BLOCKS.list.markerGap),
                y,
              ),
            )
          page().push(...this.lineOps(lines[i], size, this.columnLeft + indent, y))
          y += lineHeight
        }
        if (i < lines.length) newPage()
      }
      y += lineHeight * after
    }
    const body = TYPE.body
    paragraph(
      [{ text: version.letter.subject.normalize('NFC'), style: 'bold' }],
      TYPE.subject.size,
      TYPE.subject.leading,
      0,
      BLOCKS.subject.after,
    )
    const list = (block: Extract<Block, { type: 'list' }>, depth: number) => {
      block.items.forEach((item, i) => {
        const marker = block.check
          ? item.checked
            ? '[x]'
            : '[  ]'
          : block.ordered
            ? `${(block.start ?? 1) + i}.`
            : depth % 2 === 0
              ? '•'
              : '–'
        paragraph(
          { inlines: item.children },
          body.size,
          body.leading,
          mm(BLOCKS.list.indentPerLevel * (depth + 1)),
          BLOCKS.list.itemAfter,
          0,
          marker,
        )
        if (item.list) list(item.list, depth + 1)
      })
      y += body.size * body.leading * BLOCKS.list.spaceAfter
    }
    const image = (media: Media, caption: string | undefined) => {
      const path = version.imagePaths.get(media.id)
      if (!path) return
      const scale = Math.min(
        mm(BLOCKS.image.maxWidth) / media.width,
        mm(BLOCKS.image.maxHeight) / media.height,
      )
      const width = media.width * scale
      const height = media.height * scale
      ensure(height + body.size * BLOCKS.image.roomBelow)
      page().push({ kind: 'image', path, x: this.columnLeft, y, width, height })
      y += height + body.size * BLOCKS.image.imageGap
      if (caption) paragraph([{ text: caption, style: 'italic' }], TYPE.small.size, TYPE.small.leading)
    }
    // Code: one printed line per source line in Noto Sans Mono, every space kept (a tab to the next
    // tab stop); a line wider than the column continues on the next line.
    const codeBlock = (code: string) => {
      const size = TYPE.code.size
      const lineHeight = size * TYPE.code.leading
      const indent = mm(BLOCKS.code.indent)
      const charsPerLine = Math.max(
        BLOCKS.code.minCharsPerLine,
        Math.floor((this.columnWidth - indent) / this.measure('0', fontName('mono', 'latin'), size)),
      )
      const lines = code.split('\n').flatMap((raw) => {
        const line = expandTabs(raw.normalize('NFC'))
        const chars = [...line]
        if (chars.length <= charsPerLine) return [line]
        const parts: string[] = []
        for (let i = 0; i < chars.length; i += charsPerLine)
          parts.push(chars.slice(i, i + charsPerLine).join(''))
        return parts
      })
      const startPage = pages.length
      let startY = y
      for (const line of lines) {
        if (y + lineHeight > bottom) {
          if (pages.length === startPage) marginBar(startY, BLOCKS.code.barWidth)
          newPage()
          startY = y
        }
        // No-break spaces: text extraction (pdftotext, copy and paste) keeps a run of them, not of ordinary spaces.
        if (line.trim())
          page().push(
            ...this.textOps(line.replace(/ /g, '\u00a0'), 'mono', size, this.columnLeft + indent, y),
          )
        y += lineHeight
      }
      marginBar(startY, BLOCKS.code.barWidth)
      y += body.size * body.leading * BLOCKS.code.spaceAfter
    }
    // Tables: equal columns, cells wrapped in their column, a rule under every row; a row never splits,
    // and on a new page the header rows come again before the next row.
    const table = (block: Extract<Block, { type: 'table' }>) => {
      const columns = Math.max(1, ...block.rows.map((row) => row.cells.length))
      const gap = mm(BLOCKS.table.columnGap)
      const columnWidth = (this.columnWidth - gap * (columns - 1)) / columns
      const size = TYPE.table.size
      const lineHeight = size * TYPE.table.leading
      const laidOut = block.rows.map((row) => {
        const cells = row.cells.map((cell) =>
          breakLines(inlinesToText(cell, context, { bold: row.header }), columnWidth, size, this.measure),
        )
        return {
          header: row.header === true,
          cells,
          height:
            Math.max(1, ...cells.map((lines) => lines.length)) * lineHeight + mm(BLOCKS.table.rowPadding),
        }
      })
      const headers = laidOut.filter((row) => row.header)
      const drawRow = (row: (typeof laidOut)[number]) => {
        row.cells.forEach((lines, c) =>
          lines.forEach((line, l) =>
            page().push(
              ...this.lineOps(line, size, this.columnLeft + c * (columnWidth + gap), y + l * lineHeight),
            ),
          ),
        )
        y += row.height
        page().push({
          kind: 'rule',
          x1: this.columnLeft,
          y1: y - mm(BLOCKS.table.ruleRaise),
          x2: this.columnLeft + this.columnWidth,
          y2: y - mm(BLOCKS.table.ruleRaise),
          width: row.header ? BLOCKS.table.headerRuleWidth : BLOCKS.table.ruleWidth,
        })
      }
      if (block.caption)
        paragraph(
          [{ text: block.caption.normalize('NFC'), style: 'bold' }],
          size,
          TYPE.table.leading,
          0,
          BLOCKS.table.caption.after,
          BLOCKS.table.caption.keepWithNext,
        )
      const headerHeight = headers.reduce((sum, row) => sum + row.height, 0)
      laidOut.forEach((row, index) => {
        // The header rows and the first body row start together.
        const needed = row.header ? headerHeight + (laidOut.find((r) => !r.header)?.height ?? 0) : row.height
        if (y + needed > bottom && y > top(pages.length - 1)) {
          newPage()
          if (!row.header && index > 0) headers.forEach(drawRow)
        }
        drawRow(row)
      })
      y += body.size * body.leading * BLOCKS.table.spaceAfter
    }
    const layoutBlock = (block: Block) => {
      switch (block.type) {
        case 'paragraph':
          paragraph({ inlines: block.children }, body.size, body.leading)
          break
        case 'heading':
          y += body.size * BLOCKS.heading.before
          paragraph(
            { inlines: block.children, base: { bold: true } },
            TYPE.heading[block.level],
            TYPE.headingLeading,
            0,
            BLOCKS.heading.after,
            BLOCKS.heading.keepWithNext,
          )
          break
        case 'list':
          list(block, 0)
          break
        case 'quote':
          paragraph(
            { inlines: block.children, base: { italic: true } },
            body.size,
            body.leading,
            mm(BLOCKS.quote.indent),
            block.citation ? BLOCKS.quote.afterWithCitation : BLOCKS.paragraph.after,
          )
          if (block.citation)
            paragraph(
              [{ text: `— ${block.citation.normalize('NFC')}`, style: 'regular' }],
              body.size,
              body.leading,
              mm(BLOCKS.quote.indent),
            )
          break
        case 'code':
          codeBlock(block.code)
          break
        case 'table':
          table(block)
          break
        case 'rule':
          ensure(body.size * body.leading)
          page().push({
            kind: 'rule',
            x1: this.columnLeft,
            y1: y + body.size * BLOCKS.rule.middle,
            x2: this.columnLeft + this.columnWidth,
            y2: y + body.size * BLOCKS.rule.middle,
            width: BLOCKS.rule.width,
          })
          y += body.size * body.leading
          break
        case 'embed':
          paragraph(
            { inlines: [{ type: 'link', href: block.url, children: [{ type: 'text', text: block.title }] }] },
            body.size,
            body.leading,
          )
          break
        case 'gallery':
          for (const entry of block.images) image(entry.image, entry.caption)
          break
        case 'callout': {
          const startPage = pages.length
          const startY = y
          if (block.title)
            paragraph(
              [{ text: block.title, style: 'bold' }],
              body.size,
              body.leading,
              mm(BLOCKS.callout.indent),
              BLOCKS.callout.title.after,
              BLOCKS.callout.title.keepWithNext,
            )
          const children: Inline[] = block.link
            ? [
                ...block.children,
                { type: 'lineBreak' },
                {
                  type: 'text',
                  text: `${block.link.label}: ${absoluteUrl(this.setup.organisation.siteUrl, block.link.href)}`,
                  bold: true,
                },
              ]
            : block.children
          paragraph(
            inlinesToText(children, context),
            body.size,
            body.leading,
            mm(BLOCKS.callout.indent),
            BLOCKS.callout.textAfter,
          )
          // A bar in the margin marks the box (black: the letter prints in one colour).
          if (pages.length === startPage) marginBar(startY, BLOCKS.callout.barWidth)
          y += body.size * body.leading * BLOCKS.callout.spaceAfter
          break
        }
        case 'image':
          image(block.image, block.caption)
          break
      }
    }
    // A heading is never the last thing on a page: headings in a row go with the first lines of the
    // block after them. Laid out, and when that block starts only on the next page, laid out again
    // from a new page (layout is cheap next to painting).
    const blocks = version.letter.body
    for (let b = 0; b < blocks.length;) {
      let end = b
      while (end < blocks.length && blocks[end].type === 'heading') end++
      if (end === b) {
        layoutBlock(blocks[b++])
        continue
      }
      const last = Math.min(end, blocks.length - 1)
      const mark = { pages: pages.length, ops: page().length, y }
      for (let k = b; k < end; k++) layoutBlock(blocks[k])
      const afterHeadings = { pages: pages.length, ops: page().length }
      if (end < blocks.length) layoutBlock(blocks[end])
      // Alone: the headings themselves broke over a page, or the next block began only on a later page.
      const headingsBroke = afterHeadings.pages > mark.pages && pages[mark.pages - 1].length > mark.ops
      const headingsAlone =
        headingsBroke ||
        (pages.length > afterHeadings.pages && pages[afterHeadings.pages - 1].length === afterHeadings.ops)
      if (headingsAlone && mark.y > top(mark.pages - 1)) {
        pages.length = mark.pages
        page().length = mark.ops
        newPage()
        for (let k = b; k <= last; k++) layoutBlock(blocks[k])
      }
      b = last + 1
    }
    // Signature: closing, room for the signature (or its image), name and title.
    const signature = version.letter.signature
    const lineHeight = body.size * body.leading
    ensure(lineHeight * SIGNATURE.keepLines)
    page().push(...this.textOps(words.closing, 'regular', body.size, this.columnLeft, y))
    y += lineHeight
    if (version.signaturePath && signature.image) {
      const height = mm(SIGNATURE.imageHeight)
      const width = Math.min(
        mm(SIGNATURE.imageMaxWidth),
        (signature.image.width / signature.image.height) * height,
      )
      page().push({
        kind: 'image',
        path: version.signaturePath,
        x: this.columnLeft,
        y,
        width,
        height: width / (signature.image.width / signature.image.height),
      })
      y += height
    } else y += lineHeight * SIGNATURE.blankLines
    if (signature.name) {
      page().push(...this.textOps(signature.name.normalize('NFC'), 'bold', body.size, this.columnLeft, y))
      y += lineHeight
    }
    if (signature.title)
      page().push(...this.textOps(signature.title.normalize('NFC'), 'regular', body.size, this.columnLeft, y))
    return pages
  }

  /** Letterhead, return line, window address, information block, fold marks and footer (page 1). */
  private firstPageOps(
    address: { lines: string[]; size: number },
    member: Member,
    words: LetterWords,
    dateText: string,
  ): DrawOp[] {
    const ops: DrawOp[] = []
    const org = this.setup.organisation
    const right = mm(PAGE.width - L.marginRight)
    if (this.setup.logoPath && org.logo) {
      const scale = Math.min(mm(L.logo.maxWidth) / org.logo.width, mm(L.logo.maxHeight) / org.logo.height)
      const width = org.logo.width * scale
      ops.push({
        kind: 'image',
        path: this.setup.logoPath,
        x: right - width,
        y: mm(L.logo.top),
        width,
        height: org.logo.height * scale,
      })
    } else {
      const size = TYPE.letterheadName.size
      ops.push(
        ...this.textOps(org.name, 'bold', size, right - this.widthOf(org.name, 'bold', size), mm(L.logo.top)),
      )
    }
    const env = this.setup.envelope
    if (env.returnZone > 0) {
      const a = org.postalAddress
      let text = `${org.name}, ${a.street}, ${a.postalCode} ${a.city}`
      let size: number = TYPE.returnLine.size
      while (size > TYPE.returnLine.minSize && this.widthOf(text, 'regular', size) > mm(env.width))
        size -= TYPE.returnLine.step
      if (this.widthOf(text, 'regular', size) > mm(env.width))
        text = `${org.shortName}, ${a.street}, ${a.postalCode} ${a.city}`
      const y = mm(env.top + env.returnZone) - size * L.returnLineRaise
      ops.push(...this.textOps(text, 'regular', size, mm(env.left), y))
    }
    let y = mm(env.top + env.returnZone)
    for (const line of address.lines) {
      ops.push(...this.textOps(line, 'regular', address.size, mm(env.left), y))
      y += address.size * TYPE.address.leading
    }
    const small = TYPE.small
    const info = [dateText, `${words.memberNumber}: ${member.memberNumber}`]
    info.forEach((line, i) =>
      ops.push(
        ...this.textOps(
          line,
          'regular',
          TYPE.infoBlock.size,
          mm(L.infoBlock.left),
          mm(L.infoBlock.top) + i * TYPE.infoBlock.size * TYPE.infoBlock.leading,
        ),
      ),
    )
    for (const fold of L.foldMarks)
      ops.push({
        kind: 'rule',
        x1: mm(L.markLeft),
        y1: mm(fold),
        x2: mm(L.foldMarkEnd),
        y2: mm(fold),
        width: L.markWidth,
      })
    ops.push({
      kind: 'rule',
      x1: mm(L.markLeft),
      y1: mm(L.holeMark),
      x2: mm(L.holeMarkEnd),
      y2: mm(L.holeMark),
      width: L.markWidth,
    })
    const a = org.postalAddress
    const footer = [
      [org.name, `${a.street}, ${a.postalCode} ${a.city}`].join(' · '),
      [org.phone, org.email, org.siteUrl.replace(/^https?:\/\//, '')].filter(Boolean).join(' · '),
    ]
    footer.forEach((line, i) =>
      ops.push(
        ...this.textOps(
          line,
          'regular',
          small.size,
          this.columnLeft,
          mm(L.footerTop) + i * small.size * small.leading,
        ),
      ),
    )
    return ops
  }

  private paint(ops: DrawOp[]): void {
    const doc = this.doc
    const o = this.origin
    for (const op of ops) {
      if (op.kind === 'text')
        doc
          .font(op.font)
          .fontSize(op.size)
          .text(op.text, o + op.x, o + op.y, { lineBreak: false })
      else if (op.kind === 'image')
        doc.image(op.path, o + op.x, o + op.y, { width: op.width, height: op.height })
      else
        doc
          .moveTo(o + op.x1, o + op.y1)
          .lineTo(o + op.x2, o + op.y2)
          .lineWidth(op.width)
          .stroke()
    }
  }

  /** Starts a page with TrimBox/BleedBox and crop marks when printing with bleed. */
  addPage(): void {
    const doc = this.doc
    doc.addPage({ size: this.pageSize, margin: 0 })
    if (this.setup.bleedMm <= 0) return
    const o = this.origin
    const [w, h] = this.pageSize
    const bleed = mm(this.setup.bleedMm)
    const pdfBox = (inset: number) => [inset, inset, w - inset, h - inset]
    // pdfkit has no API for page boxes; its page dictionary takes extra keys as they are.
    const pageDict = doc.page.dictionary.data as unknown as Record<string, number[]>
    pageDict.TrimBox = pdfBox(o)
    pageDict.BleedBox = pdfBox(o - bleed)
    // Crop marks: outside the bleed, in line with the trim edges.
    const start = bleed + mm(CROP_MARKS.offset)
    const end = start + mm(CROP_MARKS.length)
    const left = o
    const right = w - o
    const top = o
    const bottom = h - o
    doc.lineWidth(CROP_MARKS.width)
    for (const x of [left, right]) {
      doc
        .moveTo(x, top - start)
        .lineTo(x, top - end)
        .stroke()
      doc
        .moveTo(x, bottom + start)
        .lineTo(x, bottom + end)
        .stroke()
    }
    for (const y of [top, bottom]) {
      doc
        .moveTo(left - start, y)
        .lineTo(left - end, y)
        .stroke()
      doc
        .moveTo(right + start, y)
        .lineTo(right + end, y)
        .stroke()
    }
  }

  /** Renders the member's letter, or says why not (nothing is added to the document then). */
  render(member: Member): LetterResult {
    const setup = this.setup
    const locale =
      !setup.fixedLocale && member.locale && setup.versions[member.locale] ? member.locale : setup.locale
    const version = setup.versions[locale]
    if (!version) return { ok: false, reason: `the letter has no ${locale} version` }
    const words = LETTER_WORDS[locale]
    const address = this.addressFor(member, words)
    if ('reason' in address) return { ok: false, reason: address.reason }
    const merge: MergeValues = {
      first_name: member.firstName,
      last_name: member.lastName,
      member_number: member.memberNumber,
      branch: member.branch ?? words.branchFallback,
    }
    const dateText = this.dateText[locale] ?? formatLetterDate(setup.date, locale)
    const bodyPages = this.layoutBody(version, merge, words)
    const total = bodyPages.length
    const fullName = [member.firstName, member.lastName].filter(Boolean).join(' ')
    const right = mm(PAGE.width - L.marginRight)
    bodyPages.forEach((ops, i) => {
      this.addPage()
      if (i === 0) this.paint(this.firstPageOps(address, member, words, dateText))
      else
        this.paint(
          this.textOps(
            `${fullName} · ${dateText}`,
            'regular',
            TYPE.small.size,
            this.columnLeft,
            mm(L.continuationTop),
          ),
        )
      if (total > 1) {
        const label = words.page(i + 1, total)
        this.paint(
          this.textOps(
            label,
            'regular',
            TYPE.small.size,
            right - this.widthOf(label, 'regular', TYPE.small.size),
            mm(L.pageNumberTop),
          ),
        )
      }
      this.paint(ops)
    })
    // Duplex: an odd page count gets a blank back so the next member starts on a new sheet.
    const blankPages = total % 2
    if (blankPages) this.addPage()
    return { ok: true, pages: total, blankPages }
  }
}

/** Tabs to spaces up to the next tab stop (every four characters): paper has no tab stops. */
function expandTabs(line: string): string {
  const stop = BLOCKS.code.tabWidth
  let out = ''
  for (const char of line) out += char === '\t' ? ' '.repeat(stop - (out.length % stop)) : char
  return out
}
