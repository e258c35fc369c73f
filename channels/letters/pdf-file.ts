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
  /** Keeps only the object numbers of pages already written (see below). */
  releaseWrittenPages(): void
  finish(): Promise<void>
  /** Stops writing after a failure: closes the file (the caller drops it with its staging folder). */
  abort(): void
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

/** pdfkit internals this module relies on (pdfkit 0.20); the tests catch a breaking upgrade. */
interface PdfkitReference {
  id: number
  data: unknown
}
interface PdfkitInternals {
  _root: { data: { Pages: { data: { Kids: object[] } } } }
  _fontFamilies: Record<string, { layoutCache?: object }>
  _offset: number
  _write(data: string | Uint8Array): void
  push(chunk: Uint8Array | null): boolean
}

/**
 * The page tree's entries for pages already written, as bare object numbers. pdfkit keeps a full
 * reference object per page (~190 bytes with its emptied data) only to print "12 0 R" at the end;
 * this keeps 4 bytes a page and prints the same text. It stands first in `Kids`, before the pages
 * still open, and pdfkit prints any PDFAbstractReference with its toString.
 */
function writtenPagesEntry(anyReference: object): { add(id: number): void; readonly size: number } {
  let ids = new Uint32Array(1024)
  let size = 0
  const entry = Object.create(Object.getPrototypeOf(Object.getPrototypeOf(anyReference)) as object) as {
    add(id: number): void
    size: number
    toString(): string
  }
  Object.defineProperties(entry, {
    size: { get: () => size },
    add: {
      value(id: number) {
        if (size === ids.length) {
          const grown = new Uint32Array(ids.length * 2)
          grown.set(ids)
          ids = grown
        }
        ids[size++] = id
      },
    },
    toString: {
      value() {
        const parts: string[] = new Array(size)
        for (let i = 0; i < size; i++) parts[i] = `${ids[i]} 0 R`
        return parts.join(' ')
      },
    },
  })
  return entry
}

/**
 * pdfkit turns every line it writes ("12 0 obj", a dictionary, "endobj", each cross-reference entry)
 * into its own small Uint8Array and pushes it to the stream: ~40 chunks a letter, and for the
 * cross-reference table at the end one chunk per object (six a letter) in one synchronous loop,
 * ~200 MB queued at once for 100,000 letters. This gathers text lines into 64 KB chunks; streams
 * (already Uint8Arrays) pass through after what came before them. The bytes are the same.
 */
function coalesceWrites(internals: PdfkitInternals): { flush(): void } {
  const push = internals.push.bind(internals)
  let pending = ''
  const flush = () => {
    if (pending) push(Buffer.from(pending, 'latin1'))
    pending = ''
  }
  internals._write = (data) => {
    if (data instanceof Uint8Array) {
      flush()
      push(data)
      internals._offset += data.length
      return
    }
    // As pdfkit's _write: a line of latin1 text whose bytes the offset counts.
    pending += data + '\n'
    internals._offset += data.length + 1
    if (pending.length >= 65536) flush()
  }
  internals.push = (chunk) => {
    if (chunk === null) flush()
    return push(chunk)
  }
  return { flush }
}

/** pdfkit's options for a letters file (exported so tests can build the same document with plain pdfkit). */
export function documentOptions(options: PdfFileOptions): PDFKit.PDFDocumentOptions {
  return {
    autoFirstPage: false,
    compress: true,
    lang: options.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    ...(options.pdfa ? { subset: 'PDF/A-2b' as const } : {}),
    info: {
      Title: options.title,
      Author: options.author,
      Creator: 'Budstikke',
      Producer: 'Budstikke (pdfkit)',
      CreationDate: options.date,
      ModDate: options.date,
    },
  }
}

export function openPdfFile(file: string, options: PdfFileOptions): PdfFile {
  const doc = new PDFDocument(documentOptions(options))
  const internals = doc as unknown as PdfkitInternals
  for (const [name, font] of parsedLetterFonts()) doc.registerFont(name, font as unknown as Buffer)
  const writes = coalesceWrites(internals)
  const out = createWriteStream(file)
  let failure: Error | undefined
  let writtenPages: ReturnType<typeof writtenPagesEntry> | undefined
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
      writes.flush()
      // pdfkit pushes into its readable buffer; while our loop only awaits promises, the stream never
      // gets a turn to hand that buffer to the file. Yield to the event loop, then respect the file's drain.
      if (doc.readableLength > 0 || out.writableNeedDrain)
        await new Promise((resolve) => setImmediate(resolve))
      if (out.writableNeedDrain) await once(out, 'drain')
    },
    resetLayoutCache() {
      for (const font of Object.values(internals._fontFamilies))
        if (font.layoutCache) font.layoutCache = Object.create(null)
    },
    releaseWrittenPages() {
      // Every page before the current one is written (pdfkit buffers no pages here), so only its
      // object number is still needed, for the page tree.
      const kids = internals._root.data.Pages.data.Kids
      const first = writtenPages ? 1 : 0
      const done = kids.length - 1 - first
      if (done <= 0) return
      writtenPages ??= writtenPagesEntry(kids[first])
      for (let i = first; i < first + done; i++) writtenPages.add((kids[i] as PdfkitReference).id)
      kids.splice(0, first + done, writtenPages)
    },
    async finish() {
      doc.end()
      await ended
    },
    abort() {
      ended.catch(() => {})
      out.destroy()
    },
  }
}
