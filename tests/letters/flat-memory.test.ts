/**
 * What keeps a print run's memory flat, checked by structure rather than by timing (the peak RSS
 * figures live in the bench): written pages leave only their object number behind, pdfkit's many
 * small writes reach the file as a few large chunks, the duplicate check stays compact and exact,
 * and the renderer waits for the manifest writer.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { once } from 'node:events'
import path from 'node:path'
import PDFDocument from 'pdfkit'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildRendererSetup } from '../../channels/letters/print-run.ts'
import { MemberNumberSet } from '../../channels/letters/member-numbers.ts'
import { documentOptions, openPdfFile, type PdfFileOptions } from '../../channels/letters/pdf-file.ts'
import { renderBatch } from '../../channels/letters/render-batch.ts'
import type { MemberFileEntry } from '../../channels/letters/member-file.ts'
import type { LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { fakeMembers, pdfPages, run, snapshotWithLongLetter, tempDir } from './helpers.ts'

const PAGES = 1200
const OPTIONS: PdfFileOptions = {
  title: 'Prøvebrev',
  author: 'Testforbundet',
  lang: 'da',
  date: new Date(Date.UTC(2026, 10, 24)),
  pdfa: false,
}

/** The same drawing on every page: a rule and a number, no fonts (plain pdfkit must match byte for byte). */
function drawPage(doc: InstanceType<typeof PDFDocument>, i: number): void {
  doc.addPage({ size: 'A4', margin: 0 })
  doc
    .moveTo(50, 50 + (i % 700))
    .lineTo(300, 60)
    .lineWidth(0.5)
    .stroke()
}

describe('a long PDF keeps little per page', () => {
  let file: string
  let chunksAtFinish = 0
  let kidsAfterRelease = 0
  beforeAll(async () => {
    file = path.join(tempDir('flat'), 'flat.pdf')
    const pdf = openPdfFile(file, OPTIONS)
    for (let i = 0; i < PAGES; i++) {
      drawPage(pdf.doc, i)
      if (i % 100 === 99) pdf.releaseWrittenPages()
      await pdf.drain()
    }
    kidsAfterRelease = (pdf.doc as unknown as { _root: { data: { Pages: { data: { Kids: unknown[] } } } } })
      ._root.data.Pages.data.Kids.length
    pdf.doc.on('data', () => chunksAtFinish++)
    await pdf.finish()
  })

  it('gives the same bytes as plain pdfkit, with the page tree intact', async () => {
    const plain = new PDFDocument(documentOptions(OPTIONS))
    const parts: Buffer[] = []
    plain.on('data', (chunk: Buffer) => parts.push(Buffer.from(chunk)))
    for (let i = 0; i < PAGES; i++) drawPage(plain, i)
    plain.end()
    await once(plain, 'end')
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
    expect(sha(readFileSync(file))).toBe(sha(Buffer.concat(parts)))
    expect(pdfPages(file)).toBe(PAGES)
    expect(() => run('qpdf', ['--check', file])).not.toThrow()
  })

  it('holds written pages as one compact entry in the page tree', () => {
    // One entry for the 1,199 written pages, one for the open page (pdfkit keeps 1,200 objects).
    expect(kidsAfterRelease).toBe(2)
  })

  it('writes the cross-reference table in a few chunks, not one per object', () => {
    // 3 objects a page: pdfkit alone pushes 3,600+ chunks for the table in one synchronous loop.
    expect(chunksAtFinish).toBeLessThan(20)
  })
})

describe('duplicate member numbers', () => {
  it('are found exactly, whatever their shape', () => {
    const seen = new MemberNumberSet()
    for (const number of [
      '7',
      '007',
      'B0000001',
      'DK-4711',
      'b0000001',
      'Medlem nr. 12',
      'ÅS-1',
      '12345678901',
    ])
      expect(seen.add(number), number).toBe(true)
    for (const number of [
      '7',
      '007',
      'B0000001',
      'DK-4711',
      'b0000001',
      'Medlem nr. 12',
      'ÅS-1',
      '12345678901',
    ])
      expect(seen.add(number), number).toBe(false)
    expect(seen.add('70')).toBe(true)
    expect(seen.add('B000001')).toBe(true)
    expect(seen.size).toBe(10)
  })

  it('stay exact past the table growing, at a few bytes per number', () => {
    const seen = new MemberNumberSet()
    const count = 200_000
    let refused = 0
    for (let i = 1; i <= count; i++) if (!seen.add(`B${String(i).padStart(7, '0')}`)) refused++
    expect(refused).toBe(0)
    for (let i = 1; i <= count; i += 997) expect(seen.add(`B${String(i).padStart(7, '0')}`)).toBe(false)
    expect(seen.add(`B${String(count + 1).padStart(7, '0')}`)).toBe(true)
    // A Set of strings costs ~60 bytes a number.
    expect(seen.bytes / count).toBeLessThan(24)
  })
})

describe('row writing back-pressure', () => {
  let loaded: LoadedSnapshot
  beforeAll(async () => {
    loaded = await snapshotWithLongLetter()
  })

  it('renders the next letter only once the previous row is written', async () => {
    const setup = buildRendererSetup(
      loaded,
      { letter: 'velkommen', recipients: '', outDir: '', date: '2026-11-24' },
      false,
    )
    const entries: MemberFileEntry[] = fakeMembers(12).map((m, i) => ({
      line: i + 2,
      ok: true,
      member: {
        memberNumber: m.number,
        firstName: m.first,
        lastName: m.last,
        streetLines: [m.line1],
        postalCode: m.postal,
        city: m.city,
        country: 'DK',
        locale: 'da',
        branch: null,
      },
    }))
    let writing = 0
    let mostAtOnce = 0
    const slowWrite = async () => {
      mostAtOnce = Math.max(mostAtOnce, ++writing)
      await new Promise((resolve) => setTimeout(resolve, 5))
      writing--
    }
    const result = await renderBatch(entries, path.join(tempDir('pressure'), 'letters.pdf'), setup, false, {
      printed: slowWrite,
      rejected: slowWrite,
    })
    expect(result.printedCount).toBe(12)
    expect(mostAtOnce).toBe(1)
  })
})
