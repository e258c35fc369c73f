import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  renderPrintRun,
  type PrintRunOptions,
  type PrintRunReport,
} from '../../channels/letters/print-run.ts'
import type { LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { envelopePreset } from '../../templates/letters/envelopes.ts'
import {
  HEADER,
  csvLine,
  fakeMembers,
  memberRow,
  pageText,
  pageWords,
  pdfPages,
  readCsv,
  run,
  snapshotWithLongLetter,
  tempDir,
  type Word,
} from './helpers.ts'

let loaded: LoadedSnapshot
beforeAll(async () => {
  loaded = await snapshotWithLongLetter()
})

async function printRun(
  csv: string | Buffer,
  options: Partial<PrintRunOptions> & { letter: string },
  name = 'run',
) {
  const dir = tempDir(name)
  const recipients = path.join(dir, 'members.csv')
  writeFileSync(recipients, csv)
  const out = path.join(dir, 'out')
  const logs: string[] = []
  const report = await renderPrintRun(loaded, {
    recipients,
    outDir: out,
    date: '2026-11-24',
    log: (l) => logs.push(l),
    ...options,
  })
  return {
    out,
    report,
    logs,
    manifest: readCsv(path.join(out, 'manifest.csv')),
    rejected: readCsv(path.join(out, 'rejected.csv')),
  }
}

/** A member file with good rows and every kind of bad row, with known physical line numbers. */
function mixedMemberFile(): string {
  const long = 'Fiktiv-vejnavnsbetegnelse-uden-mellemrum-der-aldrig-ender-og-bliver-ved-og-ved 1234'
  const lines = [
    HEADER, // line 1
    csvLine(['T00001', 'Testa', 'Eksempelsen', 'Prøvevej 1', '', '2300', 'København S', 'DK', 'da', '', '']), // 2
    csvLine(['T00002', 'Prøve', 'Opdigtetsen', 'Prøvevej 2', '3. tv.', '8000', 'Aarhus C', '', '', '', '']), // 3
    csvLine([
      'T00003',
      'Fiktiva',
      'Navnesen',
      'Fiktivgade 3\nBaghuset',
      '',
      '5000',
      'Odense C',
      'Danmark',
      'da',
      '',
      '',
    ]), // 4-5
    csvLine(['T00004', 'Uden', 'Postnummer', 'Prøvevej 4', '', '', 'Aarhus', 'DK', '', '', '']), // 6
    csvLine(['T00005', 'Ukendt', 'Landsen', 'Prøvevej 5', '', '1234', 'Byen', 'Atlantis', '', '', '']), // 7
    csvLine(['T00002', 'Dobbelt', 'Nummersen', 'Prøvevej 6', '', '2300', 'København S', 'DK', '', '', '']), // 8
    csvLine([
      'T00006',
      'Klokke\u0007',
      'Styretegnsen',
      'Prøvevej 7',
      '',
      '2300',
      'København S',
      'DK',
      '',
      '',
      '',
    ]), // 9
    csvLine([
      'T00007',
      'Mange',
      'Linjesen',
      'Linje A\nLinje B\nLinje C\nLinje D',
      'Linje E',
      '2300',
      'København S',
      'DK',
      '',
      '',
      '',
    ]), // 10-13
    csvLine(['T00008', 'Lang', 'Vejsen', long, '', '2300', 'København S', 'DK', '', '', '']), // 14
    csvLine(['T00009', 'Ŋåla', 'Žemaitė-Testdóttir', 'Fiktivgata 9', '', '0150', 'Oslo', 'NO', 'nb', '', '']), // 15
    'T00010,For,Få,Felter', // 16
    csvLine(['T00011', 'Sven', 'Påhittadsson', 'Testgatan 11', '', '123 45', 'Teststad', 'SE', 'sv', '', '']), // 17
  ]
  return lines.join('\r\n') + '\r\n'
}

/** pdftotext rounds to 1/1000 pt; allow 0.05 mm so a word starting exactly at the field's edge counts. */
const EPSILON_MM = 0.05
function inside(word: Word, rect: { left: number; top: number; right: number; bottom: number }): boolean {
  return (
    word.xMin >= rect.left - EPSILON_MM &&
    word.xMax <= rect.right + EPSILON_MM &&
    word.yMin >= rect.top - EPSILON_MM &&
    word.yMax <= rect.bottom + EPSILON_MM
  )
}

function addressZone(name: string) {
  const e = envelopePreset(name)
  return { left: e.left, top: e.top + e.returnZone, right: e.left + e.width, bottom: e.top + e.height }
}

describe('print run from a member file with good and bad rows', () => {
  let result: Awaited<ReturnType<typeof printRun>>
  let pdf: string
  beforeAll(async () => {
    result = await printRun(mixedMemberFile(), { letter: 'velkommen' }, 'mixed')
    pdf = path.join(result.out, 'letters.pdf')
  })

  it('accounts for every row: read = printed + rejected', () => {
    const { report, manifest, rejected } = result
    expect(report.read).toBe(12)
    expect(report.printed).toBe(5)
    expect(report.rejected).toBe(7)
    expect(report.read).toBe(report.printed + report.rejected)
    expect(manifest.length - 1).toBe(report.printed)
    expect(rejected.length - 1).toBe(report.rejected)
  })

  it('rejects bad rows with the physical line where the record starts and a reason', () => {
    const byLine = Object.fromEntries(
      result.rejected.slice(1).map(([line, number, reason]) => [line, { number, reason }]),
    )
    expect(result.rejected[0]).toEqual(['line', 'member_number', 'reason'])
    expect(byLine['6']).toEqual({ number: 'T00004', reason: 'postal code missing' })
    expect(byLine['7'].reason).toBe('unknown country')
    expect(byLine['8']).toEqual({ number: 'T00002', reason: 'duplicate member number' })
    expect(byLine['9'].reason).toMatch(/first name contains a control character/)
    expect(byLine['10'].reason).toMatch(/address has 7 lines; the c5-left window takes at most 6/)
    expect(byLine['14'].reason).toMatch(/address line 2 is too long for the c5-left window .* at 8 pt/)
    expect(byLine['16'].reason).toMatch(/4 fields where the header has 11/)
  })

  it('writes the manifest with pages counted within the file, every letter on an odd page', () => {
    const { manifest } = result
    expect(manifest[0]).toEqual(['member_number', 'first_page', 'page_count', 'sheets', 'file'])
    expect(manifest.slice(1).map((r) => r[0])).toEqual(['T00001', 'T00002', 'T00003', 'T00009', 'T00011'])
    for (const [, firstPage, , , file] of manifest.slice(1)) {
      expect(Number(firstPage) % 2).toBe(1)
      expect(file).toBe('letters.pdf')
    }
  })

  it('is A4 with the expected page count, all fonts embedded, and passes qpdf --check', () => {
    const info = run('pdfinfo', [pdf])
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/)
    expect(pdfPages(pdf)).toBe(result.report.sheets * 2)
    expect(result.report.pages).toBe(5)
    const fonts = run('pdffonts', [pdf]).trim().split('\n').slice(2)
    expect(fonts.length).toBeGreaterThanOrEqual(2)
    for (const line of fonts) expect(line).toMatch(/ yes +yes +yes /)
    expect(() => run('qpdf', ['--check', pdf])).not.toThrow()
  })

  it('places every member name and postal code inside the c5-left window', () => {
    const zone = addressZone('c5-left')
    const members: Record<string, string[]> = {
      T00001: ['Testa', 'Eksempelsen', '2300', 'København'],
      T00002: ['Prøve', 'Opdigtetsen', '8000', '3.'],
      T00003: ['Fiktiva', 'Navnesen', '5000', 'Baghuset'],
      T00009: ['Ŋåla', 'Žemaitė-Testdóttir', '0150', 'NORGE'],
      T00011: ['Sven', 'Påhittadsson', '123', '45', 'SVERIGE'],
    }
    for (const [number, firstPage] of result.manifest.slice(1)) {
      const windowText = pageWords(pdf, Number(firstPage))
        .filter((w) => inside(w, zone))
        .map((w) => w.text)
      for (const expected of members[number])
        expect(windowText, `${number} on page ${firstPage}`).toContain(expected)
      // The return line sits above the address zone, not in it.
      expect(windowText).not.toContain('Eksempelvej')
    }
  })

  it('prints the date in the letter locale, merge fields, and the branch fallback', () => {
    const text = pageText(pdf, 1)
    expect(text).toContain('24. november 2026')
    expect(text).toContain('Kære Testa,')
    expect(text).toContain('Dit medlemsnummer er T00001')
    expect(text).toContain('Din lokalafdeling er din lokale afdeling.')
    expect(result.report.warnings.join(' ')).toMatch(/no branch column/)
    expect(text).not.toMatch(/undefined|NaN|\[object Object\]/)
  })

  it('keeps member data out of the log', () => {
    expect(result.logs.length).toBeGreaterThan(0)
    expect(result.logs.join('\n')).not.toMatch(/Testa|Eksempelsen|Prøvevej|T0000/)
  })
})

describe('multi-page letters', () => {
  it('start on odd pages, carry a continuation line and "side 2 af 3" page numbers per locale', async () => {
    const members = fakeMembers(3)
    members[1].locale = 'sv'
    const csv = [HEADER + ',branch', ...members.map((m, i) => memberRow(m) + `,Testafdeling ${i + 1}`)].join(
      '\n',
    )
    const { out, manifest, report } = await printRun(csv, { letter: 'lang-brev' }, 'long')
    const pdf = path.join(out, 'letters.pdf')
    const rows = manifest.slice(1)
    expect(rows.length).toBe(3)
    for (const [, firstPage, pageCount, sheets] of rows) {
      expect(Number(firstPage) % 2).toBe(1)
      expect(Number(pageCount)).toBe(3)
      expect(Number(sheets)).toBe(2)
    }
    expect(pdfPages(pdf)).toBe(12)
    expect(report.blank_pages).toBe(3)
    // Page 4 is the blank back of the first letter.
    expect(pageText(pdf, 4).trim()).toBe('')
    const page2 = pageText(pdf, 2)
    expect(page2).toContain('side 2 af 3')
    expect(page2).toContain('Testa1 Fiktivsen · 24. november 2026')
    const swedish = pageText(pdf, 5)
    expect(swedish).toContain('Ett långt brev om ingenting')
    expect(swedish).toContain('sida 1 av 3')
    expect(swedish).toContain('24 november 2026')
    expect(pageText(pdf, 11)).toContain('Din afdeling: Testafdeling 3.')
    expect(report.warnings.join(' ')).not.toMatch(/branch/)
  })
})

describe('member files as spreadsheet programs write them', () => {
  it('reads Windows-1252 (semicolons) and prints Søren Ærø correctly', async () => {
    const csv =
      [HEADER.replaceAll(',', ';'), 'W00001;Søren;Ærø;Åbyvej 1;;8230;Åbyhøj;DK;da;;'].join('\r\n') + '\r\n'
    const { out, report } = await printRun(iconv.encode(csv, 'win1252'), { letter: 'velkommen' }, 'cp1252')
    expect(report.encoding).toBe('windows-1252')
    expect(report.delimiter).toBe(';')
    expect(report.printed).toBe(1)
    const text = pageText(path.join(out, 'letters.pdf'), 1)
    expect(text).toContain('Søren Ærø')
    expect(text).toContain('8230 Åbyhøj')
    expect(text).toContain('Kære Søren,')
  })

  it('reads UTF-8 with a BOM', async () => {
    const csv = '\uFEFF' + [HEADER, memberRow({ ...fakeMembers(1)[0], first: 'Æblegrød' })].join('\n')
    const { out, report } = await printRun(csv, { letter: 'velkommen' }, 'bom')
    expect(report.encoding).toBe('utf-8')
    expect(pageText(path.join(out, 'letters.pdf'), 1)).toContain('Kære Æblegrød,')
  })

  it('refuses a file that is neither UTF-8 nor Windows-1252, naming the file', async () => {
    const bytes = Buffer.concat([
      Buffer.from(HEADER + '\nX1,Te'),
      Buffer.from([0x81, 0x8d]),
      Buffer.from('st,Navn,Vej 1,,2300,By,DK,,,\n'),
    ])
    await expect(printRun(bytes, { letter: 'velkommen' }, 'badenc')).rejects.toThrow(
      /members\.csv: byte 0x81 .* neither UTF-8 nor Windows-1252/,
    )
  })

  it('refuses a file that switches from UTF-8 to Windows-1252 halfway', async () => {
    const utf8 = Buffer.from([HEADER, memberRow({ ...fakeMembers(1)[0], first: 'Ødis' })].join('\n') + '\n')
    const cp = iconv.encode(memberRow({ ...fakeMembers(2)[1], first: 'Ærtis' }) + '\n', 'win1252')
    await expect(printRun(Buffer.concat([utf8, cp]), { letter: 'velkommen' }, 'mixed-enc')).rejects.toThrow(
      /invalid UTF-8 .* mixes encodings/,
    )
  })

  it('names the missing columns of a wrong header', async () => {
    await expect(printRun('member_number,name\n1,x\n', { letter: 'velkommen' }, 'header')).rejects.toThrow(
      /members\.csv line 1: header lacks column\(s\) first_name, last_name/,
    )
  })
})

describe('envelopes and print-shop options', () => {
  it('places the address inside the Norwegian E6/5 window, shrinking the type for six lines, and rejects a seventh', async () => {
    const members = fakeMembers(3)
    members[1].line1 = 'Linje A\nLinje B\nLinje C'
    members[1].line2 = 'Linje D'
    members[2].line1 = 'Linje A\nLinje B\nLinje C\nLinje D'
    members[2].line2 = 'Linje E'
    const { out, manifest, rejected } = await printRun(
      [HEADER, ...members.map((m) => memberRow(m))].join('\n'),
      { letter: 'velkommen', envelope: 'no-e65' },
      'e65',
    )
    const pdf = path.join(out, 'letters.pdf')
    const zone = addressZone('no-e65')
    const first = pageWords(pdf, Number(manifest[1][1])).filter((w) => inside(w, zone))
    expect(first.map((w) => w.text)).toEqual(['Testa1', 'Fiktivsen', 'Prøvevej', '1', '1000', 'Testrup'])
    const sixLines = pageWords(pdf, Number(manifest[2][1])).filter((w) => inside(w, zone))
    expect(sixLines.map((w) => w.text)).toEqual([
      'Testa2',
      'Fiktivsen',
      'Linje',
      'A',
      'Linje',
      'B',
      'Linje',
      'C',
      'Linje',
      'D',
      '1001',
      'Testrup',
    ])
    // Member 2's quoted cell spans lines 3–5, so member 3 starts on line 6.
    expect(rejected[1]).toEqual(['6', 'T00003', 'address has 7 lines; the no-e65 window takes at most 6'])
  })

  it('writes bleed with TrimBox/BleedBox and PDF/A-2b metadata', async () => {
    const csv = [HEADER, ...fakeMembers(2).map((m) => memberRow(m))].join('\n')
    const { out } = await printRun(csv, { letter: 'velkommen', bleedMm: 3, pdfa: true }, 'bleed')
    const pdf = path.join(out, 'letters.pdf')
    const boxes = run('pdfinfo', ['-box', pdf])
    const box = (name: string) =>
      (/(\S+)\s+(\S+)\s+(\S+)\s+(\S+)$/m.exec(boxes.split('\n').find((l) => l.startsWith(name)) ?? '') ?? [])
        .slice(1)
        .map(Number)
    const [tx1, ty1, tx2, ty2] = box('TrimBox')
    expect(tx2 - tx1).toBeCloseTo(595.28, 1)
    expect(ty2 - ty1).toBeCloseTo(841.89, 1)
    const [bx1, , bx2] = box('BleedBox')
    expect(bx2 - bx1).toBeCloseTo(595.28 + (2 * (3 * 72)) / 25.4, 1)
    const meta = run('pdfinfo', ['-meta', pdf])
    expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/)
    expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/)
    expect(() => run('qpdf', ['--check', pdf])).not.toThrow()
    // The address is still inside the window, measured from the trim edge.
    const slug = 3 + 1 + 5
    const zone = addressZone('c5-left')
    const words = pageWords(pdf, 1).map((w) => ({
      ...w,
      xMin: w.xMin - slug,
      xMax: w.xMax - slug,
      yMin: w.yMin - slug,
      yMax: w.yMax - slug,
    }))
    expect(words.filter((w) => inside(w, zone)).map((w) => w.text)).toEqual(
      expect.arrayContaining(['Testa1', '1000']),
    )
  })
})

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('batches', () => {
  it('splits into batches on worker threads with the same bytes as rendering them in one thread', async () => {
    const members = fakeMembers(25)
    const csv = [
      HEADER,
      ...members.map((m) => memberRow(m)),
      csvLine(['T99999', 'Uden', 'Post', 'Vej 1', '', '', 'By', 'DK', '', '', '']),
    ].join('\n')
    const threaded: PrintRunReport = (
      await printRun(csv, { letter: 'velkommen', batchSize: 10, workers: 2 }, 'batch-a')
    ).report
    const a = await printRun(csv, { letter: 'velkommen', batchSize: 10, workers: 2 }, 'batch-a2')
    const b = await printRun(csv, { letter: 'velkommen', batchSize: 10, workers: 0 }, 'batch-b')
    expect(threaded.files).toEqual(['letters-0001.pdf', 'letters-0002.pdf', 'letters-0003.pdf'])
    expect(a.report.read).toBe(26)
    expect(a.report.read).toBe(a.report.printed + a.report.rejected)
    for (const file of a.report.files) expect(sha(path.join(a.out, file))).toBe(sha(path.join(b.out, file)))
    expect(readFileSync(path.join(a.out, 'manifest.csv'), 'utf8')).toBe(
      readFileSync(path.join(b.out, 'manifest.csv'), 'utf8'),
    )
    expect(a.manifest[11]).toEqual(['T00011', '1', '1', '1', 'letters-0002.pdf'])
    expect(a.rejected[1]).toEqual(['27', 'T99999', 'postal code missing'])
    expect(pdfPages(path.join(a.out, 'letters-0003.pdf'))).toBe(10)
  })
})
