/**
 * Streams a member file (CSV) into validated recipients or rejections, one at a time, so a file of
 * 300,000 rows never sits in memory. Line numbers are physical lines where the record starts, as a
 * spreadsheet program shows them (a quoted cell with line breaks spans several lines). A quoting
 * error rejects its record and reading goes on (see csv-records.ts).
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { hasControlCharacter } from '../shared/control-characters.ts'
import { csvRecords, MAX_QUOTED_LINES, type CsvRecord } from './csv-records.ts'
import {
  decodeMemberFile,
  detectMemberFileEncoding,
  encodingProblemReason,
  type EncodingProblem,
  type TextEncodingName,
} from './decode-text.ts'
import { MemberNumberSet } from './member-numbers.ts'
import {
  BRANCH_COLUMN,
  MEMBER_COLUMNS,
  REQUIRED_COLUMNS,
  validateMemberRow,
  type Member,
} from './member-row.ts'

/**
 * `columns`: the row's cells by header name, for callers that read columns the print run ignores
 * (`dispatch`: email, segments, opt-outs). Absent when the row could not be split into columns.
 */
export type MemberFileEntry =
  | { line: number; ok: true; member: Member; columns?: Record<string, string> }
  | { line: number; ok: false; memberNumber: string; reason: string; columns?: Record<string, string> }

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
async function peekHeader(
  text: AsyncGenerator<string>,
): Promise<{ delimiter: ',' | ';'; rest: AsyncGenerator<string> }> {
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

/** Why a record with broken quoting is rejected: names the column, never repeats the content. */
function quotingReason(record: Extract<CsvRecord, { error: string }>, header: string[] | undefined): string {
  const column = header?.[record.field] ?? `field ${record.field + 1}`
  const reread = record.rereadFollowing ? '; the lines after it are read as rows of their own' : ''
  if (record.error === 'too-long')
    return 'CSV quoting: the row is longer than 1 MB (a line break or closing quote is missing)'
  if (record.error === 'unclosed-quote')
    return `CSV quoting: the quote that opens the ${column} field is never closed (a quoted cell may span at most ${MAX_QUOTED_LINES} lines)${reread}`
  if (record.errorLine > record.line)
    return `CSV quoting: a quoted field opened on this line runs on to line ${record.errorLine} and breaks there (a closing quote is probably missing)${reread}`
  if (record.error === 'stray-quote')
    return `CSV quoting: a quote inside the unquoted ${column} field (quote the whole value and double its quotes)`
  return `CSV quoting: text after the closing quote of the ${column} field`
}

/** The member number of a broken record, when its field was read before the error and looks like one. */
function memberNumberOf(record: CsvRecord, header: string[] | undefined): string {
  const index = header?.indexOf('member_number') ?? -1
  const value = index >= 0 && index < record.fields.length ? record.fields[index].trim() : ''
  return value.length <= 40 && !hasControlCharacter(value) && !/[\t\n\r"\uFFFD]/.test(value) ? value : ''
}

/**
 * Encoding problems of lines not yet matched to a record, in line order. The decoder reports a line
 * before the CSV parser can finish the record holding it, so when a record arrives, its lines'
 * problems are already here.
 */
class EncodingProblems {
  private readonly queue: EncodingProblem[] = []
  add(problem: EncodingProblem): void {
    this.queue.push(problem)
  }
  /** The first problem on lines first…last; problems of earlier lines belonged to records already reported. */
  take(first: number, last: number): EncodingProblem | undefined {
    while (this.queue.length && this.queue[0].line < first) this.queue.shift()
    const found = this.queue.length && this.queue[0].line <= last ? this.queue[0] : undefined
    while (this.queue.length && this.queue[0].line <= last) this.queue.shift()
    return found
  }
}

/**
 * Reads and validates every row. `info` is filled once the header is read (before the first entry).
 * Fatal problems (unreadable encoding, missing columns, a broken header) throw with the place named;
 * a row with broken quoting is rejected like any other bad row.
 */
export async function* readMemberFile(
  file: string,
  options: ReadMemberFileOptions,
  info: Partial<MemberFileInfo> = {},
): AsyncGenerator<MemberFileEntry> {
  const label = options.label ?? file
  const read = () => createReadStream(file, { highWaterMark: 256 * 1024 })
  // The whole file decides the encoding (a first pass only counts bytes); the second pass decodes.
  // A pipe (`--recipients /dev/stdin`) can be read once: the decoder then decides on its first megabytes.
  const encoding = (await stat(file)).isFile() ? await detectMemberFileEncoding(read(), label) : undefined
  const problems = new EncodingProblems()
  const decoded = decodeMemberFile(read(), label, (chosen) => (info.encoding = chosen), {
    encoding,
    onProblem: (problem) => problems.add(problem),
  })
  const { delimiter, rest } = await peekHeader(decoded)
  info.delimiter = delimiter
  let header: string[] | undefined
  const seen = new MemberNumberSet()
  for await (const record of csvRecords(rest, delimiter)) {
    const line = record.line
    const problem = problems.take(line, 'error' in record ? line : record.lastLine)
    if (problem) {
      if (!header) throw new Error(`${label} line ${line}: header: ${encodingProblemReason(problem)}`)
      // The record's text did not decode: it is rejected whatever else is wrong with it.
      // Only a plain ASCII member number is echoed: anything else on this line may be misread.
      const memberNumber = memberNumberOf(record, header)
      yield {
        line,
        ok: false,
        memberNumber: /^[\x20-\x7E]*$/.test(memberNumber) ? memberNumber : '',
        reason: `encoding: ${encodingProblemReason(problem)}`,
      }
      continue
    }
    if ('error' in record) {
      if (!header) throw new Error(`${label} line ${line}: header: ${quotingReason(record, undefined)}`)
      yield {
        line,
        ok: false,
        memberNumber: memberNumberOf(record, header),
        reason: quotingReason(record, header),
      }
      continue
    }
    if (!header) {
      header = record.fields.map((name) =>
        name
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_'),
      )
      const missing = REQUIRED_COLUMNS.filter((column) => !header!.includes(column))
      if (missing.length)
        throw new Error(
          `${label} line ${line}: header lacks column(s) ${missing.join(', ')} (expected ${MEMBER_COLUMNS.join(', ')})`,
        )
      info.hasBranchColumn = header.includes(BRANCH_COLUMN)
      continue
    }
    const fields = record.fields
    if (fields.length !== header.length) {
      yield {
        line,
        ok: false,
        memberNumber: '',
        reason: `${fields.length} fields where the header has ${header.length}`,
      }
      continue
    }
    const named: Record<string, string> = {}
    header.forEach((name, i) => (named[name] = fields[i]))
    const result = validateMemberRow(named, options.defaultCountry)
    if (!result.ok) {
      yield { line, ok: false, memberNumber: result.memberNumber, reason: result.reason, columns: named }
      continue
    }
    if (!seen.add(result.member.memberNumber)) {
      yield { line, ok: false, memberNumber: result.member.memberNumber, reason: 'duplicate member number' }
      continue
    }
    yield { line, ok: true, member: result.member, columns: named }
  }
  if (!header) throw new Error(`${label}: empty file (no header line)`)
}
