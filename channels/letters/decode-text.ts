/**
 * Turns the bytes of a member file into text, whatever a Nordic spreadsheet program saved:
 * UTF-8 with or without BOM, or Windows-1252 ("CSV (semikolonsepareret)" in Excel on Windows).
 *
 * The encoding is decided from the whole file (readMemberFile reads it once for that; a stream
 * without a file is judged on its first SAMPLE_BYTES), line by line: a line whose non-ASCII bytes are
 * valid UTF-8 counts for UTF-8, any other for Windows-1252. Deciding at the first non-ASCII byte, as
 * before, read a UTF-8 file whose first such line was pasted from elsewhere as Windows-1252 and
 * printed every later name as mojibake ("Ã˜le").
 *
 * A line that does not read in the file's encoding is reported (line, byte offset, the byte) so its
 * record can be rejected, and the text goes on: one pasted line must not stop 300,000 letters, nor
 * print as mojibake. A file with no clear majority (more than one such line for every four good
 * ones) is refused: it mixes encodings, and any choice would turn many letters into rejections.
 */
import iconv from 'iconv-lite'

export type TextEncodingName = 'utf-8' | 'windows-1252' | 'ascii'

/** Bytes Windows-1252 leaves undefined: a line containing them is not Windows-1252 text. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])

/** Without a whole file to read first, the encoding is decided on this much of the stream. */
const SAMPLE_BYTES = 8 * 1024 * 1024

/** A good line in the file's encoding for every this many lines that do not read in it, at least. */
const CLEAR_MAJORITY = 4

export class MemberFileEncodingError extends Error {}

/** Where a line does not read in the file's encoding. Offsets count from the file's first byte. */
export interface EncodingProblem {
  line: number
  offset: number
  byte: number
  kind: 'not-utf-8' | 'utf-8-in-windows-1252' | 'neither'
}

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`

/** Why a line is rejected; names the place and the byte, never the text. */
export function encodingProblemReason(problem: EncodingProblem): string {
  const at = `byte ${hex(problem.byte)} at byte offset ${problem.offset}`
  if (problem.kind === 'not-utf-8')
    return `${at} is not valid UTF-8, the encoding of the rest of the file (the line was probably pasted from another program); correct it and save the file as "CSV UTF-8"`
  if (problem.kind === 'neither')
    return `${at} is neither UTF-8 nor Windows-1252 text; correct the line and save the file as "CSV UTF-8"`
  return `this line is UTF-8 (from ${at}) in a Windows-1252 file; correct it and save the file as "CSV UTF-8"`
}

/** What one physical line with non-ASCII bytes holds. */
interface HighLine {
  line: number
  /** First non-ASCII byte. */
  first: { offset: number; byte: number }
  /** First byte where UTF-8 breaks, when it does. */
  notUtf8?: { offset: number; byte: number }
  /** First byte Windows-1252 leaves undefined, when there is one. */
  undefinedInCp1252?: { offset: number; byte: number }
}

/**
 * Walks the bytes once, counting physical lines as csv-records.ts does (\r\n, \n and \r each end one)
 * and reporting each line that has non-ASCII bytes. UTF-8 validity follows the WHATWG decoder
 * (no overlong forms, surrogates or code points past U+10FFFF), so it agrees with TextDecoder.
 */
class LineScanner {
  private line = 1
  private offset = 0
  private need = 0
  private low = 0x80
  private high = 0xbf
  private sequence = { offset: 0, byte: 0 }
  private afterCr = false
  private current: HighLine | undefined
  constructor(private readonly onHighLine: (line: HighLine) => void) {}

  scan(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]
      if (this.need > 0) {
        if (b >= this.low && b <= this.high) {
          this.need--
          this.low = 0x80
          this.high = 0xbf
          continue
        }
        this.breakUtf8(this.sequence.offset, this.sequence.byte)
      }
      if (b < 0x80) {
        if (b === 10) {
          if (!this.afterCr) this.endLine()
          this.afterCr = false
        } else if (b === 13) {
          this.endLine()
          this.afterCr = true
        } else this.afterCr = false
        continue
      }
      this.afterCr = false
      const offset = this.offset + i
      const line = (this.current ??= { line: this.line, first: { offset, byte: b } })
      if (CP1252_UNDEFINED.has(b)) line.undefinedInCp1252 ??= { offset, byte: b }
      this.sequence = { offset, byte: b }
      if (b >= 0xc2 && b <= 0xdf) this.need = 1
      else if (b >= 0xe0 && b <= 0xef) {
        this.need = 2
        if (b === 0xe0) this.low = 0xa0
        if (b === 0xed) this.high = 0x9f
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.need = 3
        if (b === 0xf0) this.low = 0x90
        if (b === 0xf4) this.high = 0x8f
      } else this.breakUtf8(offset, b)
    }
    this.offset += bytes.length
  }

  finish(): void {
    if (this.need > 0) this.breakUtf8(this.sequence.offset, this.sequence.byte)
    if (this.current) this.onHighLine(this.current)
    this.current = undefined
  }

  private breakUtf8(offset: number, byte: number): void {
    this.need = 0
    this.low = 0x80
    this.high = 0xbf
    this.current!.notUtf8 ??= { offset, byte }
  }

  private endLine(): void {
    if (this.need > 0) this.breakUtf8(this.sequence.offset, this.sequence.byte)
    if (this.current) this.onHighLine(this.current)
    this.current = undefined
    this.line++
  }
}

/** Tallies lines by how they read, keeping the first example of each problem for messages. */
class EncodingTally {
  utf8 = 0
  cp1252 = 0
  neither = 0
  bom = false
  firstNotUtf8: EncodingProblem | undefined
  firstNeither: EncodingProblem | undefined
  firstUtf8: EncodingProblem | undefined
  readonly scanner = new LineScanner((line) => this.count(line))

  private count(line: HighLine): void {
    if (!line.notUtf8) {
      this.utf8++
      this.firstUtf8 ??= { line: line.line, ...line.first, kind: 'utf-8-in-windows-1252' }
      return
    }
    this.firstNotUtf8 ??= { line: line.line, ...line.notUtf8, kind: 'not-utf-8' }
    if (line.undefinedInCp1252) {
      this.neither++
      this.firstNeither ??= { line: line.line, ...line.undefinedInCp1252, kind: 'neither' }
    } else this.cp1252++
  }

  scan(bytes: Uint8Array, first: boolean): void {
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) this.bom = true
    this.scanner.scan(bytes)
  }

  /** The file's encoding, or a refusal naming the place when no encoding reads it. */
  decide(source: string): TextEncodingName {
    this.scanner.finish()
    if (!this.bom && this.utf8 + this.cp1252 + this.neither === 0) return 'ascii'
    const place = (p: EncodingProblem) => `line ${p.line}, byte offset ${p.offset}`
    if (!this.bom && this.utf8 === 0 && this.cp1252 === 0) {
      const p = this.firstNeither!
      throw new MemberFileEncodingError(
        `${source}: byte ${hex(p.byte)} at ${place(p)} is neither UTF-8 nor Windows-1252 text. Save the file as "CSV UTF-8".`,
      )
    }
    const encoding = this.bom || this.utf8 >= this.cp1252 ? 'utf-8' : 'windows-1252'
    const good = encoding === 'utf-8' ? this.utf8 : this.cp1252
    const bad = encoding === 'utf-8' ? this.cp1252 + this.neither : this.utf8 + this.neither
    if (bad * CLEAR_MAJORITY > good) {
      const p = this.firstNotUtf8!
      const lines = (n: number) => `${n} line${n === 1 ? '' : 's'}`
      throw new MemberFileEncodingError(
        `${source}: invalid UTF-8 at ${place(p)} (byte ${hex(p.byte)}), while ${lines(this.utf8)} read as UTF-8: the file mixes encodings (${lines(this.utf8)} UTF-8, ${lines(this.cp1252)} Windows-1252${this.neither ? `, ${lines(this.neither)} neither` : ''}), so no one encoding reads it. Save it again as "CSV UTF-8".`,
      )
    }
    return encoding
  }
}

/** Reads the whole byte stream once and decides its encoding (memory stays flat: bytes are only counted). */
export async function detectMemberFileEncoding(
  chunks: AsyncIterable<Uint8Array>,
  source: string,
): Promise<TextEncodingName> {
  const tally = new EncodingTally()
  let first = true
  for await (const chunk of chunks) {
    tally.scan(chunk, first)
    first = false
  }
  return tally.decide(source)
}

/** The problem a line has in `encoding`, if any. */
function problemIn(encoding: TextEncodingName, line: HighLine): EncodingProblem | undefined {
  if (encoding !== 'windows-1252')
    return line.notUtf8 ? { line: line.line, ...line.notUtf8, kind: 'not-utf-8' } : undefined
  if (line.undefinedInCp1252) return { line: line.line, ...line.undefinedInCp1252, kind: 'neither' }
  return line.notUtf8 ? undefined : { line: line.line, ...line.first, kind: 'utf-8-in-windows-1252' }
}

export interface DecodeOptions {
  /** The encoding decided beforehand (detectMemberFileEncoding); otherwise decided on the first SAMPLE_BYTES. */
  encoding?: TextEncodingName
  /**
   * Told of each line that does not read in the encoding, in line order, before the text of that
   * line's end is yielded. Its text is still yielded (with U+FFFD or the Windows-1252 reading), so
   * the CSV structure stays whole and only that record is rejected.
   */
  onProblem?: (problem: EncodingProblem) => void
}

/**
 * Decodes a byte stream to text chunks (a UTF-8 byte order mark is dropped). `onEncoding` is told
 * the encoding once it is known; `source` names the file in error messages.
 */
export async function* decodeMemberFile(
  chunks: AsyncIterable<Uint8Array>,
  source: string,
  onEncoding?: (encoding: TextEncodingName) => void,
  options: DecodeOptions = {},
): AsyncGenerator<string> {
  const iterator = chunks[Symbol.asyncIterator]()
  const sample: Uint8Array[] = []
  let encoding = options.encoding
  if (!encoding) {
    const tally = new EncodingTally()
    let size = 0
    while (size < SAMPLE_BYTES) {
      const next = await iterator.next()
      if (next.done) break
      tally.scan(next.value, size === 0)
      sample.push(next.value)
      size += next.value.length
    }
    encoding = tally.decide(source)
  }
  onEncoding?.(encoding)
  const chosen = encoding
  const scanner = new LineScanner((line) => {
    const problem = problemIn(chosen, line)
    if (problem) options.onProblem?.(problem)
  })
  const utf8 =
    chosen === 'windows-1252' ? undefined : new TextDecoder('utf-8', { fatal: false, ignoreBOM: false })
  const cp1252 = chosen === 'windows-1252' ? iconv.getDecoder('win1252') : undefined
  const decode = (bytes: Uint8Array): string => {
    scanner.scan(bytes)
    return utf8
      ? utf8.decode(bytes, { stream: true })
      : cp1252!.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  }
  for (const chunk of sample) {
    const text = decode(chunk)
    if (text) yield text
  }
  sample.length = 0
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const text = decode(next.value)
    if (text) yield text
  }
  scanner.finish()
  const tail = utf8 ? utf8.decode() : (cp1252!.end() ?? '')
  if (tail) yield tail
}
