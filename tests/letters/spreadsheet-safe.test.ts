/**
 * manifest.csv and rejected.csv are opened in Excel/LibreOffice by member service: a cell that a
 * spreadsheet would run as a formula is written with a leading `'` (OWASP CSV injection guidance);
 * plain member numbers, negative or with a `+`, are written as they are.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { csvCell, spreadsheetSafe } from '../../channels/letters/csv-cells.ts'
import { renderPrintRun } from '../../channels/letters/print-run.ts'
import {
  HEADER,
  csvLine,
  fakeMembers,
  memberRow,
  readCsv,
  snapshotWithLongLetter,
  tempDir,
} from './helpers.ts'

describe('spreadsheet-safe cells', () => {
  it('neutralises what would start a formula', () => {
    for (const value of [
      '=1+1',
      '+SUM(A1:A9)',
      '-2+3',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
      '\tT1',
      ' =1',
      '=HYPERLINK("http://x.invalid","klik")',
      '＝1+1',
      '-',
      '+',
    ]) {
      expect(spreadsheetSafe(value), JSON.stringify(value)).toBe(`'${value}`)
    }
  })

  it('leaves plain values alone, member numbers included', () => {
    for (const value of [
      'T00001',
      '12345',
      '-42',
      '+4512345678',
      '-1.5',
      '0,5',
      'B-12',
      'letters.pdf',
      'postal code missing',
      '',
      "'=1",
    ]) {
      expect(spreadsheetSafe(value), JSON.stringify(value)).toBe(value)
    }
  })

  it('quotes after neutralising, and writes numbers as numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('-3,5+1')).toBe(`"'-3,5+1"`)
    expect(csvCell(-3)).toBe('-3')
  })
})

describe('manifest.csv and rejected.csv with formula-like member numbers', () => {
  let manifest: string
  let rejected: string[][]
  beforeAll(async () => {
    const loaded = await snapshotWithLongLetter()
    const members = fakeMembers(5)
    members[0].number = '=1+1'
    members[1].number = '+4512345678'
    members[2].number = '-42'
    members[3].number = '@SUM(A1)'
    const lines = [
      HEADER,
      ...members.map((m) => memberRow(m)),
      csvLine(['-2+3', 'Uden', 'Postnummer', 'Prøvevej 9', '', '', 'Testrup', 'DK', '', '', '']),
      csvLine([
        '=cmd|"/C calc"!A0',
        'Ukendt',
        'Landsen',
        'Prøvevej 10',
        '',
        '1234',
        'Testrup',
        'Atlantis',
        '',
        '',
        '',
      ]),
    ]
    const dir = tempDir('formula')
    const recipients = path.join(dir, 'members.csv')
    writeFileSync(recipients, lines.join('\n') + '\n')
    const out = path.join(dir, 'out')
    await renderPrintRun(loaded, {
      recipients,
      outDir: out,
      letter: 'velkommen',
      date: '2026-11-24',
      log: () => {},
    })
    manifest = readFileSync(path.join(out, 'manifest.csv'), 'utf8')
    rejected = readCsv(path.join(out, 'rejected.csv'))
  })

  it('writes formula-like member numbers as text and plain ones unchanged', () => {
    const numbers = manifest
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0])
    expect(numbers).toEqual(["'=1+1", '+4512345678', '-42', "'@SUM(A1)", 'T00005'])
  })

  it('neutralises member numbers echoed in rejected.csv', () => {
    expect(rejected.slice(1).map((row) => row[1])).toEqual(["'-2+3", `'=cmd|"/C calc"!A0`])
    for (const row of rejected.slice(1)) expect(row[2]).not.toMatch(/^[=+\-@\t\r]/)
  })
})
