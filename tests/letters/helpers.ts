/**
 * Helpers for print-run tests: made-up member files (obviously fake names), a fixture snapshot with a
 * long multi-locale letter, and thin wrappers around poppler-utils and qpdf.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readSnapshot, type LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { Block, Letter } from '../../channels/snapshot/schema.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

export const FIXTURE_SNAPSHOT = SAMPLE_SNAPSHOT_FILE
export const HEADER =
  'member_number,first_name,last_name,address_line1,address_line2,postal_code,city,country,locale,segments,email'

/**
 * `budstikke letters` of the fixture snapshot's letter to `out`: the welcome letter unless `letter`,
 * dated 2026-11-24 (a fixed date gives the same PDF) unless `date` is null; `extra` flags last.
 */
export function lettersArgs(
  recipients: string,
  out: string,
  options: { letter?: string; date?: string | null; extra?: string[] } = {},
): string[] {
  const { letter = 'velkommen', date = '2026-11-24', extra = [] } = options
  return [
    'letters',
    ...['--snapshot', FIXTURE_SNAPSHOT, '--letter', letter, '--recipients', recipients, '--out', out],
    ...(date === null ? [] : ['--date', date]),
    ...extra,
  ]
}

export function tempDir(name: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `letters-${name}-`))
}

/** CSV line from fields, quoting where needed (as a spreadsheet program would). */
export function csvLine(fields: string[], delimiter = ','): string {
  return fields.map((f) => (/["\r\n,;]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(delimiter)
}

export interface FakeMember {
  number: string
  first: string
  last: string
  line1: string
  line2?: string
  postal: string
  city: string
  country?: string
  locale?: string
}

export function fakeMembers(count: number, prefix = 'T'): FakeMember[] {
  return Array.from({ length: count }, (_, i) => ({
    number: `${prefix}${String(i + 1).padStart(5, '0')}`,
    first: `Testa${i + 1}`,
    last: 'Fiktivsen',
    line1: `Prøvevej ${i + 1}`,
    postal: String(1000 + (i % 8000)),
    city: 'Testrup',
    country: 'DK',
    locale: 'da',
  }))
}

export function memberRow(m: FakeMember, delimiter = ','): string {
  return csvLine(
    [
      m.number,
      m.first,
      m.last,
      m.line1,
      m.line2 ?? '',
      m.postal,
      m.city,
      m.country ?? '',
      m.locale ?? '',
      '',
      '',
    ],
    delimiter,
  )
}

const para = (text: string): Block => ({ type: 'paragraph', children: [{ type: 'text', text }] })
const filler =
  'Dette er en helt opdigtet tekst til at fylde siderne, så brevet løber over flere sider og sidetal og fortsættelseslinje kan prøves. '

/** The fixture snapshot plus a three-page letter `lang-brev` in da and sv (in memory, media from the fixture). */
export async function snapshotWithLongLetter(): Promise<LoadedSnapshot> {
  const loaded = await readSnapshot(FIXTURE_SNAPSHOT)
  const base = loaded.snapshot.letters[0]
  const long = (locale: 'da' | 'sv', greeting: string): Letter => ({
    ...base,
    id: 'l-long',
    key: 'lang-brev',
    slug: locale === 'da' ? 'lang-brev' : 'langt-brev',
    locale,
    translations: { da: 'lang-brev', sv: 'langt-brev' },
    subject: locale === 'da' ? 'Et langt brev om ingenting' : 'Ett långt brev om ingenting',
    body: [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: `${greeting} ` },
          { type: 'mergeField', field: 'first_name' },
          { type: 'text', text: ',' },
        ],
      },
      ...Array.from({ length: 22 }, (_, i) =>
        i % 7 === 3
          ? ({ type: 'heading', level: 2, children: [{ type: 'text', text: `Afsnit ${i}` }] } as Block)
          : para(filler.repeat(3)),
      ),
      {
        type: 'list',
        ordered: true,
        items: [
          { children: [{ type: 'text', text: 'Første punkt', bold: true }] },
          { children: [{ type: 'text', text: 'Andet punkt', italic: true }] },
        ],
      },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Din afdeling: ' },
          { type: 'mergeField', field: 'branch' },
          { type: 'text', text: '.' },
        ],
      },
    ],
  })
  return {
    dir: loaded.dir,
    snapshot: {
      ...loaded.snapshot,
      letters: [...loaded.snapshot.letters, long('da', 'Kære'), long('sv', 'Hej')],
    },
  }
}

export function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
}

export function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1])
}

export function pageText(file: string, page: number): string {
  return run('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'])
}

export interface Word {
  text: string
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}

/** Words of one page with their boxes in mm from the page's top-left corner (pdftotext -bbox). */
export function pageWords(file: string, page: number): Word[] {
  const html = run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'])
  const toMm = (pt: string) => (Number(pt) * 25.4) / 72
  const unescape = (s: string) =>
    s
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
  return [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({
    text: unescape(m[5]),
    xMin: toMm(m[1]),
    yMin: toMm(m[2]),
    xMax: toMm(m[3]),
    yMax: toMm(m[4]),
  }))
}

export function readCsv(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => {
      const out: string[] = []
      for (const m of line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)) {
        if (m.index === line.length && m[0] === '') break
        out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1])
      }
      return out
    })
}
