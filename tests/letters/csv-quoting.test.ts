/**
 * A member file with broken quoting: every broken row is rejected with its line and a reason, the
 * rows after it are printed, and read = printed + rejected. The record splitter is also checked
 * against csv-parse on well-formed files and for chunk boundaries falling anywhere.
 */
import path from 'node:path'
import { writeFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { csvRecords, MAX_QUOTED_LINES, type CsvRecord } from '../../channels/letters/csv-records.ts'
import { renderPrintRun } from '../../channels/letters/print-run.ts'
import type { LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import {
  HEADER,
  csvLine,
  fakeMembers,
  memberRow,
  readCsv,
  snapshotWithLongLetter,
  tempDir,
} from './helpers.ts'

async function records(chunks: string[], delimiter: ',' | ';' = ','): Promise<CsvRecord[]> {
  async function* source() {
    yield* chunks
  }
  const out: CsvRecord[] = []
  for await (const record of csvRecords(source(), delimiter)) out.push(record)
  return out
}

const brief = (r: CsvRecord) =>
  'error' in r
    ? `${r.line}:${r.error}@${r.field}${r.rereadFollowing ? '+reread' : ''}`
    : `${r.line}:${r.fields.join('|')}`

describe('CSV record splitter', () => {
  const text = [
    'a,b,c', // 1
    '1,"x, y",z', // 2
    '2,"line\r\nbreak","he said ""hi"""', // 3-4
    '3,st"ray,z', // 5: stray quote
    '4,"x"after,z', // 6: text after closing quote
    '', // 7: empty line
    '5,"opened,z', // 8: never closed; line 9 has a quote that "closes" it
    '6,"ok",z', // 9
    '7,;,z', // 10
    '8,"end', // 11: unclosed at the end of the file
  ].join('\r\n')

  it('reports broken quoting at its line and reads on', async () => {
    expect((await records([text])).map(brief)).toEqual([
      '1:a|b|c',
      '2:1|x, y|z',
      '3:2|line\r\nbreak|he said "hi"',
      '5:stray-quote@1',
      '6:text-after-quote@1',
      '8:text-after-quote@1+reread',
      '9:6|ok|z',
      '10:7|;|z',
      '11:unclosed-quote@1',
    ])
  })

  it('gives the same records wherever the chunks are cut', async () => {
    const whole = (await records([text])).map(brief)
    for (let i = 0; i <= text.length; i++)
      expect((await records([text.slice(0, i), text.slice(i)])).map(brief), `cut at ${i}`).toEqual(whole)
    expect((await records([...text])).map(brief), 'one character a chunk').toEqual(whole)
  })

  it(`treats a quoted cell of more than ${MAX_QUOTED_LINES} lines as a quote never closed`, async () => {
    const rows = [
      'h1,h2',
      '1,"open',
      ...Array.from({ length: MAX_QUOTED_LINES + 5 }, (_, i) => `${i + 2},plain`),
      '99,"x"',
    ]
    const out = (await records([rows.join('\n') + '\n'])).map(brief)
    expect(out.slice(0, 3)).toEqual(['1:h1|h2', '2:unclosed-quote@1+reread', '3:2|plain'])
    expect(out.at(-1)).toBe(`${rows.length}:99|x`)
    expect(out.length).toBe(rows.length)
  })

  it('reads well-formed files as csv-parse does', async () => {
    // Deterministic pseudo-random cells with delimiters, quotes, line breaks and Nordic letters.
    let seed = 42
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pieces = ['Testa', 'Fiktiv', ' ', ',', ';', '"', '\n', '\r\n', 'æøå', 'Ŋ', '', '0']
    for (const delimiter of [',', ';'] as const) {
      const rows = Array.from({ length: 300 }, () =>
        Array.from({ length: 4 }, () =>
          Array.from(
            { length: Math.floor(next() * 4) },
            () => pieces[Math.floor(next() * pieces.length)],
          ).join(''),
        ),
      )
      const file = rows
        .map((cells) =>
          cells
            .map((c) => (/[",;\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c))
            .join(delimiter),
        )
        .join('\r\n')
      const expected = (parse(file, { delimiter, relax_column_count: true }) as string[][]).map((record) =>
        record.join('|'),
      )
      const got = await records([file.slice(0, 777), file.slice(777, 5000), file.slice(5000)], delimiter)
      expect(got.map((r) => ('error' in r ? 'error' : r.fields.join('|')))).toEqual(expected)
    }
  })
})

describe('print run from a member file with broken quoting', () => {
  let loaded: LoadedSnapshot
  let result: {
    read: number
    printed: number
    rejected: number
    manifest: string[][]
    rejectedRows: string[][]
  }
  const good = fakeMembers(40)
  beforeAll(async () => {
    loaded = await snapshotWithLongLetter()
    const bad = (number: string, text: string) =>
      `${number},${text},Fiktivsen,Prøvevej 9,,2300,Testrup,DK,da,,`
    const lines = [
      HEADER, // 1
      memberRow(good[0]), // 2
      bad('Q00001', 'Te"sta'), // 3: stray quote
      bad('Q00002', '"Testa"x'), // 4: text after the closing quote
      memberRow({ ...good[1], line1: 'Prøvevej 2\nBaghuset' }), // 5-6: a real line break in a quoted cell
      memberRow(good[2]), // 7
      'Q00003,Testa,"Fiktivsen,Prøvevej 3,,2300,Testrup,DK,da,,', // 8: never closed …
      memberRow(good[3]), // 9
      memberRow({ ...good[4], line1: 'Prøvevej 5, 2. sal' }), // 10: … this row's opening quote "closes" it
      ...good.slice(5, 10).map((m) => memberRow(m)), // 11-15
      'Q00004,"Testa,Fiktivsen,Prøvevej 4,,2300,Testrup,DK,da,,', // 16: never closed, no quote follows
      ...good.slice(10, 39).map((m) => memberRow(m)), // 17-45
      'Q00005,Testa,Fiktivsen,"Prøvevej 5,,2300,Testrup,DK,da,,', // 46: never closed, last line
    ]
    const dir = tempDir('quoting')
    const recipients = path.join(dir, 'members.csv')
    writeFileSync(recipients, lines.join('\r\n') + '\r\n')
    const out = path.join(dir, 'out')
    const report = await renderPrintRun(loaded, {
      recipients,
      outDir: out,
      letter: 'velkommen',
      date: '2026-11-24',
      log: () => {},
    })
    result = {
      ...report,
      manifest: readCsv(path.join(out, 'manifest.csv')),
      rejectedRows: readCsv(path.join(out, 'rejected.csv')),
    }
  })

  it('prints every good row, including those after a quote that is never closed', () => {
    expect(result.manifest.slice(1).map((row) => row[0])).toEqual(good.slice(0, 39).map((m) => m.number))
  })

  it('rejects each broken row at its line with a reason that names the field, not its content', () => {
    const rows = result.rejectedRows.slice(1)
    expect(rows.map(([line, number]) => [line, number])).toEqual([
      ['3', 'Q00001'],
      ['4', 'Q00002'],
      ['8', 'Q00003'],
      ['16', 'Q00004'],
      ['46', 'Q00005'],
    ])
    const reasons = rows.map((row) => row[2])
    expect(reasons[0]).toBe(
      'CSV quoting: a quote inside the unquoted first_name field (quote the whole value and double its quotes)',
    )
    expect(reasons[1]).toBe('CSV quoting: text after the closing quote of the first_name field')
    expect(reasons[2]).toMatch(
      /^CSV quoting: a quoted field opened on this line runs on to line 10 and breaks there .*the lines after it are read as rows of their own$/,
    )
    expect(reasons[3]).toMatch(
      /^CSV quoting: the quote that opens the first_name field is never closed .*read as rows of their own$/,
    )
    expect(reasons[4]).toMatch(/^CSV quoting: the quote that opens the address_line1 field is never closed/)
    for (const reason of reasons) expect(reason).not.toMatch(/Testa|Fiktivsen|Prøvevej/)
  })

  it('accounts for every row: read = printed + rejected', () => {
    expect(result.printed).toBe(39)
    expect(result.rejected).toBe(5)
    expect(result.read).toBe(result.printed + result.rejected)
  })

  it('still refuses a header with broken quoting, naming the line', async () => {
    const dir = tempDir('quoting-header')
    const recipients = path.join(dir, 'members.csv')
    writeFileSync(
      recipients,
      `member_number,"first_name,last_name\n${csvLine(['T1', 'Testa', 'Fiktivsen'])}\n`,
    )
    await expect(
      renderPrintRun(loaded, {
        recipients,
        outDir: path.join(dir, 'out'),
        letter: 'velkommen',
        log: () => {},
      }),
    ).rejects.toThrow(/members\.csv line 1: header: CSV quoting/)
  })
})
