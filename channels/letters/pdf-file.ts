/**
 * One output PDF: a pdfkit document streamed to a file with back-pressure (we wait for `drain`
 * instead of letting pdfkit's readable buffer grow), fixed dates and ID so the same input gives the
 * same bytes, optional PDF/A-2b, and the letter fonts registered once per document.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import PDFDocument from 'pdfkit'
import { letterFontFiles } from './fonts.ts'

export type Doc = InstanceType<typeof PDFDocument>

export interface PdfFileOptions {
  title: string
  author: string
  lang: string
  /** CreationDate/ModDate; pdfkit derives the file ID from them, so a fixed date gives fixed bytes. */
  date: Date
  pdfa: boolean
}

export interface PdfFile {
  doc: Doc
  /** Resolves when the file stream can take more (call between letters). */
  drain(): Promise<void>
  /** Clears pdfkit's per-word layout cache, which otherwise grows with every member's name. */
  resetLayoutCache(): void
  /** Lets go of finished pages' dictionaries (see below). */
  releaseWrittenPages(): void
  finish(): Promise<void>
}

/**
 * Parsing a WOFF font (pure-JS inflate) costs far more than rendering a batch of letters, so each
 * thread parses the eight letter fonts once and hands the parsed fontkit objects to every document
 * (pdfkit accepts them; each document still makes its own subset). pdfkit's bundled fontkit does the
 * parsing, through a scratch document, so the project needs no second copy of fontkit.
 */
let parsedFonts: Map<string, object> | undefined
function parsedLetterFonts(): Map<string, object> {
  if (!parsedFonts) {
    parsedFonts = new Map()
    const scratch = new PDFDocument({ autoFirstPage: false })
    for (const [name, bytes] of letterFontFiles()) {
      scratch.font(bytes)
      parsedFonts.set(name, (scratch as unknown as { _font: { font: object } })._font.font)
    }
  }
  return parsedFonts
}

export function openPdfFile(file: string, options: PdfFileOptions): PdfFile {
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    lang: options.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    ...(options.pdfa ? { subset: 'PDF/A-2b' as const } : {}),
    info: { Title: options.title, Author: options.author, Creator: 'Budstikke', Producer: 'Budstikke (pdfkit)', CreationDate: options.date, ModDate: options.date },
  })
  for (const [name, font] of parsedLetterFonts()) doc.registerFont(name, font as unknown as Buffer)
  const out = createWriteStream(file)
  let failure: Error | undefined
  let releasedKids = 0
  out.on('error', (error) => (failure = error))
  doc.on('data', (chunk: Buffer) => out.write(chunk))
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => out.end(() => (failure ? reject(failure) : resolve())))
    doc.on('error', reject)
  })
  return {
    doc,
    async drain() {
      if (failure) throw failure
      // pdfkit pushes into its readable buffer; while our loop only awaits promises, the stream never
      // gets a turn to hand that buffer to the file. Yield to the event loop, then respect the file's drain.
      if (doc.readableLength > 0 || out.writableNeedDrain) await new Promise((resolve) => setImmediate(resolve))
      if (out.writableNeedDrain) await once(out, 'drain')
    },
    resetLayoutCache() {
      const families = (doc as unknown as { _fontFamilies: Record<string, { layoutCache?: object }> })._fontFamilies
      for (const font of Object.values(families)) if (font.layoutCache) font.layoutCache = Object.create(null)
    },
    releaseWrittenPages() {
      // pdfkit keeps every page's dictionary (and through it the content and resource objects) in the
      // page tree until the end, only to print "12 0 R" for it there. Pages before the current one are
      // already written (no buffered pages), so their dictionaries can go: ~1–2 KB per page, which is
      // what made a 100,000-letter file grow.
      const kids = (doc as unknown as { _root: { data: { Pages: { data: { Kids: Array<{ data: unknown }> } } } } })._root.data.Pages.data.Kids
      for (let i = releasedKids; i < kids.length - 1; i++) kids[i].data = {}
      releasedKids = Math.max(releasedKids, kids.length - 1)
    },
    async finish() {
      doc.end()
      await ended
    },
  }
}
