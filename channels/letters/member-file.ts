/**
 * Streams a member file (CSV) into validated recipients or rejections, one at a time, so a file of
 * 300,000 rows never sits in memory. Line numbers are physical lines where the record starts, as a
 * spreadsheet program shows them (a quoted cell with line breaks spans several lines).
 */
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { decodeMemberFile, type TextEncodingName } from './decode-text.ts'
import { BRANCH_COLUMN, MEMBER_COLUMNS, REQUIRED_COLUMNS, validateMemberRow, type Member } from './member-row.ts'

export type MemberFileEntry = { line: number; ok: true; member: Member } | { line: number; ok: false; memberNumber: string; reason: string }

export interface MemberFileInfo {
  encoding: TextEncodingName
  delimiter: ',' | ';'
  hasBranchColumn: boolean
}

/** Picks the delimiter from the header line: Danish/Swedish Excel writes `;`, most tools `,`. */
function headerDelimiter(firstLine: string): ',' | ';' {
  const count = (char: string) => firstLine.split(char).length - 1
  return count(';') > count(',') ? ';' : ','
}

/** Yields text chunks, but first peeks until the header line is complete to choose the delimiter. */
async function peekHeader(text: AsyncGenerator<string>): Promise<{ delimiter: ',' | ';'; rest: AsyncGenerator<string> }> {
  let head = ''
  let done = false
  while (!/[\r\n]/.test(head)) {
    const next = await text.next()
    if (next.done) {
      done = true
      break
    }
    head += next.value
  }
  const delimiter = headerDelimiter(head.split(/\r\n|\r|\n/)[0].replace(/^\uFEFF/, ''))
  async function* rest(): AsyncGenerator<string> {
    if (head) yield head.replace(/^\uFEFF/, '')
    if (!done) yield* text
  }
  return { delimiter, rest: rest() }
}

export interface ReadMemberFileOptions {
  /** Country of addresses that name none (the organisation's own). */
  defaultCountry: string
  /** Name of the file in error messages (`members.csv`). */
  label?: string
}

/**
 * Reads and validates every row. `info` is filled once the header is read (before the first entry).
 * Fatal problems (unreadable encoding, missing columns, broken quoting) throw with the place named.
 */
export async function* readMemberFile(file: string, options: ReadMemberFileOptions, info: Partial<MemberFileInfo> = {}): AsyncGenerator<MemberFileEntry> {
  const label = options.label ?? file
  const decoded = decodeMemberFile(createReadStream(file, { highWaterMark: 256 * 1024 }), label, (encoding) => (info.encoding = encoding))
  const { delimiter, rest } = await peekHeader(decoded)
  info.delimiter = delimiter
  const parser = Readable.from(rest).pipe(
    parse({ delimiter, info: true, raw: true, skip_empty_lines: true, relax_column_count: true, trim: false, bom: true }),
  )
  let header: string[] | undefined
  const seen = new Set<string>()
  try {
    for await (const { record, info: recordInfo, raw } of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      const line = recordInfo.lines - (raw.replace(/^[\r\n]+|[\r\n]+$/g, '').match(/\n/g)?.length ?? 0)
      if (!header) {
        header = record.map((name) => name.trim().toLowerCase().replace(/[\s-]+/g, '_'))
        const missing = REQUIRED_COLUMNS.filter((column) => !header!.includes(column))
        if (missing.length) throw new Error(`${label} line ${line}: header lacks column(s) ${missing.join(', ')} (expected ${MEMBER_COLUMNS.join(', ')})`)
        info.hasBranchColumn = header.includes(BRANCH_COLUMN)
        continue
      }
      if (record.length !== header.length) {
        yield { line, ok: false, memberNumber: '', reason: `${record.length} fields where the header has ${header.length}` }
        continue
      }
      const fields: Record<string, string> = {}
      header.forEach((name, i) => (fields[name] = record[i]))
      const result = validateMemberRow(fields, options.defaultCountry)
      if (!result.ok) {
        yield { line, ok: false, memberNumber: result.memberNumber, reason: result.reason }
        continue
      }
      if (seen.has(result.member.memberNumber)) {
        yield { line, ok: false, memberNumber: result.member.memberNumber, reason: 'duplicate member number' }
        continue
      }
      seen.add(result.member.memberNumber)
      yield { line, ok: true, member: result.member }
    }
  } catch (error) {
    const e = error as Error & { code?: string; lines?: number }
    if (e.code?.startsWith('CSV_')) throw new Error(`${label} line ${e.lines ?? '?'}: ${e.message.replace(/ on line \d+$/, '')}`)
    throw error
  }
  if (!header) throw new Error(`${label}: empty file (no header line)`)
}
