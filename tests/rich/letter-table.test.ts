/**
 * A table longer than a page in a print letter: rows never split, the header row comes again at the top
 * of the next page, and every row is printed once, in order (read back with pdftotext -layout).
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderPrintRun } from '../../channels/letters/print-run.ts'
import type { Block, Inline, Letter } from '../../channels/snapshot/schema.ts'
import {
  HEADER,
  fakeMembers,
  memberRow,
  pageText,
  pdfPages,
  snapshotWithLongLetter,
  tempDir,
} from '../letters/helpers.ts'

const text = (value: string): Inline[] => [{ type: 'text', text: value }]
const ROWS = 90
const table: Block = {
  type: 'table',
  caption: 'Lønsatser pr. løntrin',
  rows: [
    { header: true, cells: [text('Løntrin'), text('Timeløn'), text('Bemærkning')] },
    ...Array.from({ length: ROWS }, (_, i) => ({
      cells: [
        text(`Trin ${i + 1}`),
        text(`${180 + i},25 kr.`),
        text(i % 10 === 0 ? 'Gælder også for lærlinge og elever i praktik hos virksomheden' : 'Ingen'),
      ],
    })),
  ],
}

let pages: string[] = []

beforeAll(async () => {
  const base = await snapshotWithLongLetter()
  const template = base.snapshot.letters[0]
  const letter: Letter = {
    ...template,
    id: 'l-tabel',
    key: 'tabel-brev',
    slug: 'tabel-brev',
    translations: {},
    body: [{ type: 'paragraph', children: text('Her er de nye satser:') }, table],
  }
  const loaded = {
    dir: base.dir,
    snapshot: { ...base.snapshot, letters: [...base.snapshot.letters, letter] },
  }
  const dir = tempDir('table')
  const recipients = path.join(dir, 'members.csv')
  writeFileSync(recipients, [HEADER, memberRow(fakeMembers(1)[0])].join('\n'))
  await renderPrintRun(loaded, {
    recipients,
    outDir: path.join(dir, 'out'),
    letter: 'tabel-brev',
    date: '2026-11-24',
    workers: 0,
    log: () => {},
  })
  const pdf = path.join(dir, 'out', 'letters.pdf')
  pages = Array.from({ length: pdfPages(pdf) }, (_, i) => pageText(pdf, i + 1))
}, 120_000)

describe('a long table in a print letter', () => {
  it('runs over more than one page with the header row at the top of each page it reaches', () => {
    const withRows = pages.filter((page) => /Trin \d+/.test(page))
    expect(withRows.length).toBeGreaterThanOrEqual(2)
    for (const page of withRows) {
      const header = page.search(/Løntrin +Timeløn +Bemærkning/)
      expect(header, page.slice(0, 400)).toBeGreaterThan(-1)
      expect(header).toBeLessThan(page.search(/Trin \d+/))
    }
  })

  it('prints every row once, in order, with its cells on one line', () => {
    const rows = pages.flatMap((page) =>
      [...page.matchAll(/Trin (\d+) +(\d+,25 kr\.)/g)].map((m) => `${m[1]} ${m[2]}`),
    )
    expect(rows).toEqual(Array.from({ length: ROWS }, (_, i) => `${i + 1} ${180 + i},25 kr.`))
  })
})
