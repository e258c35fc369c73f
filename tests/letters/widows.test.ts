/**
 * Widow and orphan control in the letter body, read back from the PDF with pdftotext -bbox: a heading
 * is never the last line on a page, a paragraph never leaves its first line alone at the bottom of a
 * page nor its last line alone at the top of the next. Letters of many lengths put the page break
 * everywhere; each paragraph's words name it (`Afsnit3`), headings read `Overskrift1`.
 */
import path from 'node:path'
import { writeFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderPrintRun } from '../../channels/letters/print-run.ts'
import type { LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { Block, Letter } from '../../channels/snapshot/schema.ts'
import {
  HEADER,
  fakeMembers,
  memberRow,
  pageWords,
  pdfPages,
  snapshotWithLongLetter,
  tempDir,
} from './helpers.ts'

const words = (id: number, count: number) =>
  Array.from({ length: count }, (_, i) => (i % 5 === 4 ? `Afsnit${id}, ` : `Afsnit${id} `))
    .join('')
    .trim()
const para = (id: number, count: number): Block => ({
  type: 'paragraph',
  children: [{ type: 'text', text: words(id, count) }],
})
const heading = (id: number): Block => ({
  type: 'heading',
  level: 2,
  children: [{ type: 'text', text: `Overskrift${id}` }],
})

/** A body whose page break falls somewhere else for each `lead` (words in the first paragraph). */
function body(lead: number): Block[] {
  return [
    para(1, lead),
    heading(1),
    para(2, 70),
    para(3, 9),
    heading(2),
    para(4, 120),
    para(5, 30),
    heading(3),
    heading(4),
    para(6, 60),
    para(7, 140),
    para(8, 25),
  ]
}

const LEADS = Array.from({ length: 28 }, (_, i) => 20 + i * 9)

interface BodyLine {
  page: number
  id: string
}

/** Body lines of a letter in reading order: each line is named by its paragraph (`Afsnit3`) or heading. */
function bodyLines(pdf: string): BodyLine[] {
  const lines: BodyLine[] = []
  for (let page = 1; page <= pdfPages(pdf); page++) {
    const marked = pageWords(pdf, page)
      .map((w) => ({ ...w, id: /^(Afsnit\d+|Overskrift\d+),?$/.exec(w.text)?.[1] }))
      .filter((w): w is typeof w & { id: string } => Boolean(w.id))
      .sort((a, b) => a.yMin - b.yMin)
    let lastY = -Infinity
    for (const word of marked) {
      if (word.yMin - lastY > 1) lines.push({ page, id: word.id })
      lastY = word.yMin
    }
  }
  return lines
}

describe('widow and orphan control', () => {
  let loaded: LoadedSnapshot
  const letters: Record<number, BodyLine[]> = {}
  beforeAll(async () => {
    const base = await snapshotWithLongLetter()
    const template = base.snapshot.letters[0]
    const variants: Letter[] = LEADS.map((lead) => ({
      ...template,
      id: `l-widow-${lead}`,
      key: `enke-${lead}`,
      slug: `enke-${lead}`,
      translations: {},
      body: body(lead),
    }))
    loaded = {
      dir: base.dir,
      snapshot: { ...base.snapshot, letters: [...base.snapshot.letters, ...variants] },
    }
    const dir = tempDir('widows')
    const recipients = path.join(dir, 'members.csv')
    writeFileSync(recipients, [HEADER, memberRow(fakeMembers(1)[0])].join('\n'))
    for (const lead of LEADS) {
      const out = path.join(dir, `out-${lead}`)
      await renderPrintRun(loaded, {
        recipients,
        outDir: out,
        letter: `enke-${lead}`,
        date: '2026-11-24',
        log: () => {},
      })
      letters[lead] = bodyLines(path.join(out, 'letters.pdf'))
    }
  })

  it('lays the letters over more than one page, breaking in different places', () => {
    const breaks = new Set(
      LEADS.map((lead) => letters[lead].find((line, i, all) => i > 0 && line.page !== all[i - 1].page)?.id),
    )
    expect(breaks.size).toBeGreaterThanOrEqual(4)
  })

  it('never ends a page with a heading, nor splits a paragraph leaving one line on either side', () => {
    const problems: string[] = []
    for (const lead of LEADS) {
      const lines = letters[lead]
      for (let i = 1; i < lines.length; i++) {
        const [before, after] = [lines[i - 1], lines[i]]
        if (before.page === after.page) continue
        if (before.id.startsWith('Overskrift'))
          problems.push(`lead ${lead}: ${before.id} alone at the bottom of page ${before.page}`)
        if (before.id !== after.id) continue
        const onPage = (page: number) => lines.filter((l) => l.id === before.id && l.page === page).length
        if (onPage(before.page) === 1)
          problems.push(
            `lead ${lead}: orphan, first line of ${before.id} alone at the bottom of page ${before.page}`,
          )
        if (onPage(after.page) === 1)
          problems.push(
            `lead ${lead}: widow, last line of ${after.id} alone at the top of page ${after.page}`,
          )
      }
    }
    expect(problems).toEqual([])
  })

  it('keeps every line of the body', () => {
    for (const lead of LEADS) {
      const headings = letters[lead].filter((l) => l.id.startsWith('Overskrift')).map((l) => l.id)
      expect(headings).toEqual(['Overskrift1', 'Overskrift2', 'Overskrift3', 'Overskrift4'])
      expect(new Set(letters[lead].map((l) => l.id)).size).toBe(12)
    }
  })
})
