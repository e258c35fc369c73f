/**
 * Turns the bytes of a member file into text, whatever a Nordic spreadsheet program saved:
 * UTF-8 with or without BOM, or Windows-1252 ("CSV (semikolonsepareret)" in Excel on Windows).
 *
 * The choice is made at the first non-ASCII byte (ASCII is the same in both): a valid UTF-8
 * sequence means UTF-8, anything else must look like Windows-1252 or the file is refused.
 * A file that changes encoding later (invalid UTF-8 after valid UTF-8) is refused with its byte offset:
 * printing mojibake on 300,000 letters is worse than stopping.
 */
import iconv from 'iconv-lite'

export type TextEncodingName = 'utf-8' | 'windows-1252' | 'ascii'

/** Bytes Windows-1252 leaves undefined: a file containing them is not Windows-1252 text. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])

/** Length of a valid UTF-8 sequence at `i`, 0 when invalid, -1 when cut off by the end of `bytes`. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0
  if (length === 0) return 0
  for (let k = 1; k < length; k++) {
    if (i + k >= bytes.length) return -1
    if ((bytes[i + k] & 0xc0) !== 0x80) return 0
  }
  return length
}

export class MemberFileEncodingError extends Error {}

/**
 * Decodes a byte stream to text chunks. `onEncoding` is told the detected encoding once it is known.
 * `source` names the file in error messages.
 */
export async function* decodeMemberFile(chunks: AsyncIterable<Uint8Array>, source: string, onEncoding?: (encoding: TextEncodingName) => void): AsyncGenerator<string> {
  let encoding: TextEncodingName | undefined
  let utf8: TextDecoder | undefined
  let cp1252: ReturnType<typeof iconv.getDecoder> | undefined
  let offset = 0
  let pending: Uint8Array = new Uint8Array(0)
  let first = true

  const decideAndDecode = (bytes: Uint8Array, isLast: boolean): string => {
    if (encoding === 'utf-8') {
      try {
        return utf8!.decode(bytes, { stream: !isLast })
      } catch {
        throw new MemberFileEncodingError(`${source}: invalid UTF-8 near byte ${offset}; the file mixes encodings. Save it again as "CSV UTF-8".`)
      }
    }
    if (encoding === 'windows-1252') {
      for (let i = 0; i < bytes.length; i++) {
        if (CP1252_UNDEFINED.has(bytes[i])) throw new MemberFileEncodingError(`${source}: byte 0x${bytes[i].toString(16)} at byte ${offset + i} is neither UTF-8 nor Windows-1252 text. Save the file as "CSV UTF-8".`)
      }
      return cp1252!.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) + (isLast ? cp1252!.end() ?? '' : '')
    }
    const firstHigh = bytes.findIndex((b) => b >= 0x80)
    if (firstHigh === -1) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
    const length = utf8SequenceLength(bytes, firstHigh)
    if (length === -1 && !isLast) throw new NeedMoreBytes()
    const ascii = Buffer.from(bytes.buffer, bytes.byteOffset, firstHigh).toString('latin1')
    if (length > 0) {
      encoding = 'utf-8'
      utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
    } else {
      encoding = 'windows-1252'
      cp1252 = iconv.getDecoder('win1252')
    }
    onEncoding?.(encoding)
    return ascii + decideAndDecode(bytes.subarray(firstHigh), isLast)
  }

  for await (const chunk of chunks) {
    let bytes: Uint8Array = pending.length ? Buffer.concat([pending, chunk]) : chunk
    pending = new Uint8Array(0)
    if (first) {
      first = false
      // A UTF-8 byte order mark settles the question at once (and is not part of the header).
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        encoding = 'utf-8'
        utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
        onEncoding?.(encoding)
        bytes = bytes.subarray(3)
        offset = 3
      }
    }
    let text: string
    try {
      text = decideAndDecode(bytes, false)
    } catch (error) {
      if (!(error instanceof NeedMoreBytes)) throw error
      pending = bytes
      continue
    }
    offset += bytes.length
    if (text) yield text
  }
  const tail = decideAndDecode(pending, true)
  if (tail) yield tail
  if (!encoding) onEncoding?.('ascii')
}

class NeedMoreBytes extends Error {}
