/**
 * Renders a stream of member-file entries into one PDF. Used in-process for a single `letters.pdf`
 * and inside worker threads for `letters-0001.pdf`… batches. Returns what the manifest and the
 * rejection list need; member data goes nowhere else.
 */
import path from 'node:path'
import { LetterRenderer, type RendererSetup } from './letter-renderer.ts'
import type { MemberFileEntry } from './member-file.ts'
import { openPdfFile } from './pdf-file.ts'

export interface ManifestRow {
  memberNumber: string
  line: number
  firstPage: number
  pageCount: number
  sheets: number
  file: string
}

export interface RejectedRow {
  line: number
  memberNumber: string
  reason: string
}

export interface BatchResult {
  file: string
  /** False when every entry was rejected: no file is written. */
  written: boolean
  printed: ManifestRow[]
  rejected: RejectedRow[]
  pages: number
  blankPages: number
  printedCount: number
}

/** Letters between layout-cache resets: enough to reuse the body's words, few enough to stay flat. */
const CACHE_RESET_EVERY = 500

/** Where rows go as they are decided; by default they are collected in the result. A returned promise is awaited (back-pressure). */
export interface BatchSink {
  printed(row: ManifestRow): void | Promise<void>
  rejected(row: RejectedRow): void | Promise<void>
}

export async function renderBatch(
  entries: AsyncIterable<MemberFileEntry> | Iterable<MemberFileEntry>,
  file: string,
  setup: RendererSetup,
  pdfa: boolean,
  sink?: BatchSink,
): Promise<BatchResult> {
  const result: BatchResult = {
    file: path.basename(file),
    written: false,
    printed: [],
    rejected: [],
    pages: 0,
    blankPages: 0,
    printedCount: 0,
  }
  const out: BatchSink = sink ?? {
    printed: (row) => void result.printed.push(row),
    rejected: (row) => void result.rejected.push(row),
  }
  const anyVersion = Object.values(setup.versions)[0]
  const pdf = openPdfFile(file, {
    title: anyVersion?.letter.subject ?? 'Letters',
    author: setup.organisation.name,
    lang: setup.locale,
    date: setup.date,
    pdfa,
  })
  const renderer = new LetterRenderer(pdf.doc, setup)
  let filePages = 0
  let letters = 0
  try {
    for await (const entry of entries) {
      if (!entry.ok) {
        await out.rejected({ line: entry.line, memberNumber: entry.memberNumber, reason: entry.reason })
        continue
      }
      const outcome = renderer.render(entry.member)
      if (!outcome.ok) {
        await out.rejected({
          line: entry.line,
          memberNumber: entry.member.memberNumber,
          reason: outcome.reason,
        })
        continue
      }
      await out.printed({
        memberNumber: entry.member.memberNumber,
        line: entry.line,
        firstPage: filePages + 1,
        pageCount: outcome.pages,
        sheets: (outcome.pages + outcome.blankPages) / 2,
        file: result.file,
      })
      result.printedCount++
      filePages += outcome.pages + outcome.blankPages
      result.pages += outcome.pages
      result.blankPages += outcome.blankPages
      if (++letters % CACHE_RESET_EVERY === 0) {
        pdf.resetLayoutCache()
        pdf.releaseWrittenPages()
      }
      await pdf.drain()
    }
  } catch (error) {
    // The file is dropped with its staging folder; close it now rather than when it is collected.
    pdf.abort()
    throw error
  }
  if (letters === 0) {
    // pdfkit cannot write a PDF without pages; an empty batch leaves no file behind.
    pdf.doc.addPage()
    await pdf.finish()
    const { rm } = await import('node:fs/promises')
    await rm(file, { force: true })
    return result
  }
  await pdf.finish()
  result.written = true
  return result
}
