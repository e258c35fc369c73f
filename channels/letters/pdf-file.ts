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
  finish(): Promise<void>
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
  for (const [name, bytes] of letterFontFiles()) doc.registerFont(name, bytes)
  const out = createWriteStream(file)
  let blocked = false
  let failure: Error | undefined
  out.on('error', (error) => (failure = error))
  doc.on('data', (chunk: Buffer) => {
    if (!out.write(chunk)) blocked = true
  })
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => out.end(() => (failure ? reject(failure) : resolve())))
    doc.on('error', reject)
  })
  return {
    doc,
    async drain() {
      if (failure) throw failure
      if (blocked) {
        blocked = false
        await once(out, 'drain')
      }
    },
    resetLayoutCache() {
      const families = (doc as unknown as { _fontFamilies: Record<string, { layoutCache?: object }> })._fontFamilies
      for (const font of Object.values(families)) if (font.layoutCache) font.layoutCache = Object.create(null)
    },
    async finish() {
      doc.end()
      await ended
    },
  }
}
