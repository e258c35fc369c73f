/**
 * The member file's encoding is decided from the whole file, and a line that does not decode in it
 * is rejected (line and byte offset in rejected.csv, never its content) instead of stopping the run
 * or printing mojibake on the other letters.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderPrintRun } from '../../channels/letters/print-run.ts'
import type { LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import {
  HEADER,
  fakeMembers,
  memberRow,
  pageText,
  pdfPages,
  readCsv,
  snapshotWithLongLetter,
  tempDir,
} from './helpers.ts'

let loaded: LoadedSnapshot
beforeAll(async () => {
  loaded = await snapshotWithLongLetter()
})

async function printRun(bytes: Buffer, name: string) {
  const dir = tempDir(name)
  const recipients = path.join(dir, 'members.csv')
  writeFileSync(recipients, bytes)
  const out = path.join(dir, 'out')
  const report = await renderPrintRun(loaded, {
    recipients,
    outDir: out,
    letter: 'velkommen',
    date: '2026-11-24',
    workers: 0,
    log: () => {},
  })
  return {
    out,
    report,
    manifest: readCsv(path.join(out, 'manifest.csv')),
    rejected: readCsv(path.join(out, 'rejected.csv')),
  }
}

/** The page a member's letter starts on, from the manifest. */
function firstPageOf(manifest: string[][], memberNumber: string): number {
  const row = manifest.find((r) => r[0] === memberNumber)
  if (!row) throw new Error(`${memberNumber} is not in the manifest`)
  return Number(row[1])
}

describe('member file encoding', () => {
  it('rejects a line with an invalid byte after 512 KB of a UTF-8 file, naming its real line and byte offset', async () => {
    const members = fakeMembers(8000).map((m, i) => ({ ...m, line2: `${(i % 5) + 1}. sal tv.` }))
    const lines = [HEADER, ...members.map((m) => memberRow(m))]
    // Row 7,900 (physical line 7,901) pasted from a Windows-1252 program: "Ærtis" as one byte 0xC6.
    const badIndex = 7900
    const before = Buffer.from(lines.slice(0, badIndex).join('\n') + '\n')
    const bad = iconv.encode(memberRow({ ...members[badIndex - 1], first: 'Ærtis' }) + '\n', 'win1252')
    const after = Buffer.from(lines.slice(badIndex + 1).join('\n') + '\n')
    const bytes = Buffer.concat([before, bad, after])
    const badOffset = before.length + bad.indexOf(0xc6)
    expect(badOffset).toBeGreaterThan(512 * 1024)

    const { out, report, rejected, manifest } = await printRun(bytes, 'late-byte')
    expect(report.encoding).toBe('utf-8')
    expect(report.read).toBe(8000)
    expect(report.printed).toBe(7999)
    expect(rejected).toHaveLength(2)
    const [line, number, reason] = rejected[1]
    expect(line).toBe(String(badIndex + 1))
    expect(number).toBe(members[badIndex - 1].number)
    expect(reason).toContain(`byte offset ${badOffset}`)
    expect(reason).toMatch(/0xC6 .*not valid UTF-8/)
    expect(reason).not.toMatch(/rtis|Prøvevej|Fiktivsen/)
    // The letters after it print the UTF-8 names as written.
    const pdf = path.join(out, 'letters.pdf')
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(7999)
    const next = members[badIndex]
    expect(pageText(pdf, firstPageOf(manifest, next.number))).toContain(`${next.line1}`)
  })

  it('reads a UTF-8 file as UTF-8 although its first non-ASCII line is Windows-1252: no mojibake later', async () => {
    const members = fakeMembers(8).map((m, i) => ({
      ...m,
      first: i === 0 ? 'Søren' : `Ødis${i + 1}`,
      last: 'Åberg',
    }))
    const bytes = Buffer.concat([
      Buffer.from(HEADER + '\r\n'),
      iconv.encode(memberRow(members[0]) + '\r\n', 'win1252'),
      Buffer.from(
        members
          .slice(1)
          .map((m) => memberRow(m))
          .join('\r\n') + '\r\n',
      ),
    ])
    const { out, report, rejected, manifest } = await printRun(bytes, 'first-cp1252')
    expect(report.encoding).toBe('utf-8')
    expect(report.printed).toBe(7)
    expect(rejected.slice(1).map((r) => r.slice(0, 2))).toEqual([['2', 'T00001']])
    expect(rejected[1][2]).toContain(`byte offset ${HEADER.length + 2 + memberRow(members[0]).indexOf('ø')}`)
    const pdf = path.join(out, 'letters.pdf')
    const text = pageText(pdf, firstPageOf(manifest, 'T00002'))
    expect(text).toContain('Kære Ødis2,')
    expect(text).toContain('Ødis2 Åberg')
    expect(text).not.toMatch(/Ã|Â/)
  })

  it('reads a Windows-1252 file as Windows-1252 and rejects a pasted UTF-8 line instead of printing it as mojibake', async () => {
    const members = fakeMembers(8).map((m, i) => ({
      ...m,
      first: i === 3 ? 'Øjvind' : `Søren${i + 1}`,
      last: 'Ærø',
    }))
    const cp = (text: string) => iconv.encode(text, 'win1252')
    const bytes = Buffer.concat([
      cp([HEADER, ...members.slice(0, 3).map((m) => memberRow(m))].join('\r\n') + '\r\n'),
      Buffer.from(memberRow(members[3]) + '\r\n'),
      cp(
        members
          .slice(4)
          .map((m) => memberRow(m))
          .join('\r\n') + '\r\n',
      ),
    ])
    const { out, report, rejected, manifest } = await printRun(bytes, 'pasted-utf8')
    expect(report.encoding).toBe('windows-1252')
    expect(report.printed).toBe(7)
    expect(rejected.slice(1).map((r) => r.slice(0, 2))).toEqual([['5', 'T00004']])
    expect(rejected[1][2]).toMatch(/UTF-8 .*Windows-1252/)
    expect(rejected[1][2]).toMatch(/byte offset \d+/)
    const text = pageText(path.join(out, 'letters.pdf'), firstPageOf(manifest, 'T00005'))
    expect(text).toContain('Kære Søren5,')
    expect(text).not.toMatch(/Ã|Â/)
  })

  it('refuses a file that is half UTF-8, half Windows-1252, naming the first invalid byte by line and offset', async () => {
    const members = fakeMembers(6)
    const utf8 = Buffer.from([HEADER, ...members.slice(0, 3).map((m) => memberRow(m))].join('\n') + '\n')
    const cp = iconv.encode(
      members
        .slice(3)
        .map((m) => memberRow(m))
        .join('\n') + '\n',
      'win1252',
    )
    const offset = utf8.length + cp.indexOf(0xf8)
    await expect(printRun(Buffer.concat([utf8, cp]), 'halves')).rejects.toThrow(
      `members.csv: invalid UTF-8 at line 5, byte offset ${offset} (byte 0xF8), while 3 lines read as UTF-8: the file mixes encodings (3 lines UTF-8, 3 lines Windows-1252)`,
    )
  })

  it('refuses a broken header line with its line and byte offset', async () => {
    const bytes = Buffer.concat([
      Buffer.from(
        'member_number,first_name,last_name,address_line1,address_line2,postal_code,city,country,locale,segments,e',
      ),
      Buffer.from([0xe9]),
      Buffer.from('mail\n'),
      Buffer.from(
        fakeMembers(6)
          .map((m) => memberRow({ ...m, first: 'Åse' }))
          .join('\n') + '\n',
      ),
    ])
    await expect(printRun(bytes, 'bad-header')).rejects.toThrow(
      /members\.csv line 1: header: byte 0xE9 at byte offset 105 is not valid UTF-8/,
    )
  })
})
