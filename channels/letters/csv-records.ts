/**
 * Splits CSV text (RFC 4180, as spreadsheet programs write it) into records, streaming, with the
 * physical line each record starts on. Unlike a general CSV parser it never gives up on a file: a
 * quoting error becomes one broken record at its line, and reading goes on, so every line of the
 * file is accounted for (printed or rejected).
 *
 * - A stray quote inside an unquoted field, or text after a closing quote: the record is broken;
 *   reading resumes at the next line.
 * - A quote that is never closed would swallow the rest of the file (everything up to the next quote
 *   character becomes one cell). A quoted cell may hold line breaks (an address), but not more than
 *   MAX_QUOTED_LINES of them, nor may it run to the end of the file or into an error on a later
 *   line: then the opening line is reported and reading resumes on the line after it.
 *
 * Field values are returned as written (no trimming); empty lines are skipped.
 */

/** More line breaks than this in one quoted cell means the quote was never closed. */
export const MAX_QUOTED_LINES = 20
/** A record longer than this is broken (a line break or quote is missing); it is reported and skipped. */
export const MAX_RECORD_CHARS = 1 << 20

export type CsvQuotingError = 'stray-quote' | 'text-after-quote' | 'unclosed-quote' | 'too-long'

export type CsvRecord =
  | {
      line: number
      /** Physical line where the record ends (after `line` when a quoted cell holds line breaks). */
      lastLine: number
      fields: string[]
    }
  | {
      line: number
      error: CsvQuotingError
      /** Index of the broken field; `fields` holds those read completely before it. */
      field: number
      fields: string[]
      /** Physical line where the error showed (after `line` when a quoted cell ran on). */
      errorLine: number
      /** The lines after `line` are read again as records of their own. */
      rereadFollowing: boolean
    }

type Parsed =
  | { kind: 'record'; fields: string[]; next: number; lines: number }
  | { kind: 'error'; error: CsvQuotingError; field: number; fields: string[]; at: number; lines: number }
  | { kind: 'more' }

const isBreak = (code: number) => code === 10 || code === 13

/** Line breaks in text[from, to): \r\n, \n and \r each count once. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i)
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) count++
  }
  return count
}

/** Index just past the line break that ends the line containing `from`, or -1 when not in `text`. */
function afterLineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 10) return i + 1
    if (code === 13) return i + 1 < text.length ? (text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1) : -1
  }
  return -1
}

/**
 * Parses one record starting at `start`. `final` says `text` holds the rest of the file; otherwise a
 * record that runs to the end of `text` asks for more.
 */
function parseRecord(
  text: string,
  start: number,
  delimiter: string,
  final: boolean,
  unquoted: RegExp,
): Parsed {
  const fields: string[] = []
  const QUOTE = 34
  const delimiterCode = delimiter.charCodeAt(0)
  let pos = start
  const error = (kind: CsvQuotingError, at: number): Parsed => ({
    kind: 'error',
    error: kind,
    field: fields.length,
    fields,
    at,
    lines: lineBreaks(text, start, at),
  })
  for (;;) {
    if (text.charCodeAt(pos) === QUOTE) {
      const open = pos
      let value = ''
      let from = pos + 1
      for (;;) {
        const quote = text.indexOf('"', from)
        if (quote === -1 || quote === text.length - 1) {
          // The closing quote is not in sight: unclosed if the cell already runs too far.
          if (lineBreaks(text, open, text.length) > MAX_QUOTED_LINES) return error('unclosed-quote', open)
          if (!final) return { kind: 'more' }
          if (quote === -1) return error('unclosed-quote', open)
        }
        if (text.charCodeAt(quote + 1) === QUOTE) {
          value += text.slice(from, quote + 1)
          from = quote + 2
          continue
        }
        value += text.slice(from, quote)
        pos = quote + 1
        break
      }
      if (lineBreaks(text, open, pos) > MAX_QUOTED_LINES) return error('unclosed-quote', open)
      fields.push(value)
      if (pos >= text.length) {
        if (!final) return { kind: 'more' }
        return { kind: 'record', fields, next: pos, lines: lineBreaks(text, start, pos) }
      }
      const code = text.charCodeAt(pos)
      if (code === delimiterCode) {
        pos++
        continue
      }
      if (isBreak(code)) {
        if (code === 13 && pos + 1 >= text.length && !final) return { kind: 'more' }
        const next = code === 13 && text.charCodeAt(pos + 1) === 10 ? pos + 2 : pos + 1
        return { kind: 'record', fields, next, lines: lineBreaks(text, start, next) }
      }
      fields.pop()
      return error('text-after-quote', pos)
    }
    unquoted.lastIndex = pos
    const stop = unquoted.exec(text)
    if (!stop) {
      if (!final) return { kind: 'more' }
      fields.push(text.slice(pos))
      return { kind: 'record', fields, next: text.length, lines: lineBreaks(text, start, text.length) }
    }
    const at = stop.index
    const code = text.charCodeAt(at)
    if (code === QUOTE) return error('stray-quote', at)
    fields.push(text.slice(pos, at))
    if (code === delimiterCode) {
      pos = at + 1
      continue
    }
    if (code === 13 && at + 1 >= text.length && !final) return { kind: 'more' }
    const next = code === 13 && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1
    return { kind: 'record', fields, next, lines: lineBreaks(text, start, next) }
  }
}

export async function* csvRecords(
  chunks: AsyncIterable<string>,
  delimiter: ',' | ';',
): AsyncGenerator<CsvRecord> {
  const unquoted = new RegExp(`[${delimiter}\\r\\n"]`, 'g')
  let text = ''
  let pos = 0
  let line = 1
  /** Skipping the rest of a broken line (its quotes mean nothing now). */
  let skipping = false

  function* records(final: boolean): Generator<CsvRecord> {
    while (pos < text.length) {
      if (skipping) {
        const next = afterLineEnd(text, pos)
        if (next === -1) {
          if (!final && text.charCodeAt(text.length - 1) === 13) return
          pos = text.length
          return
        }
        pos = next
        line++
        skipping = false
        continue
      }
      const code = text.charCodeAt(pos)
      if (isBreak(code)) {
        // An empty line.
        if (code === 13 && pos + 1 >= text.length && !final) return
        pos += code === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1
        line++
        continue
      }
      const parsed = parseRecord(text, pos, delimiter, final, unquoted)
      if (parsed.kind === 'more') {
        if (text.length - pos <= MAX_RECORD_CHARS) return
        // Far too long for a record: report it and drop the rest of its first line.
        yield { line, error: 'too-long', field: 0, fields: [], errorLine: line, rereadFollowing: false }
        skipping = true
        continue
      }
      if (parsed.kind === 'record') {
        const endsWithBreak = isBreak(text.charCodeAt(parsed.next - 1))
        yield { line, lastLine: line + parsed.lines - (endsWithBreak ? 1 : 0), fields: parsed.fields }
        pos = parsed.next
        line += parsed.lines
        continue
      }
      if (parsed.error === 'unclosed-quote' || parsed.lines > 0) {
        // The quote that opened on this line never closed where it should: whatever followed was read
        // as part of the cell. Report this line and read the following lines again as records.
        const next = afterLineEnd(text, pos)
        yield {
          line,
          error: parsed.error,
          field: parsed.field,
          fields: parsed.fields,
          errorLine: line + parsed.lines,
          rereadFollowing: next !== -1,
        }
        pos = next === -1 ? text.length : next
        line++
        continue
      }
      yield {
        line,
        error: parsed.error,
        field: parsed.field,
        fields: parsed.fields,
        errorLine: line,
        rereadFollowing: false,
      }
      pos = parsed.at
      skipping = true
    }
  }

  for await (const chunk of chunks) {
    text = pos > 0 ? text.slice(pos) + chunk : text + chunk
    pos = 0
    yield* records(false)
  }
  yield* records(true)
}
