import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeMemberFile } from '../../channels/letters/decode-text.ts'

async function decode(chunks: Uint8Array[]): Promise<{ text: string; encoding: string | undefined }> {
  let encoding: string | undefined
  async function* source() {
    yield* chunks
  }
  let text = ''
  for await (const part of decodeMemberFile(source(), 'members.csv', (e) => (encoding = e))) text += part
  return { text, encoding }
}

/** Every way of cutting the bytes in two: a character split across chunks must survive. */
function splits(bytes: Uint8Array): Uint8Array[][] {
  return Array.from({ length: bytes.length + 1 }, (_, i) => [bytes.subarray(0, i), bytes.subarray(i)])
}

describe('member file decoding', () => {
  const text = 'member_number;first_name\nX1;Søren Ærø Ŋåla\n'

  it('decodes UTF-8 wherever the chunks are cut', async () => {
    for (const chunks of splits(Buffer.from(text)))
      expect(await decode(chunks)).toEqual({ text, encoding: 'utf-8' })
  })

  it('decodes Windows-1252 wherever the chunks are cut', async () => {
    const cp = 'member_number;first_name\nX1;Søren Ærø\n'
    for (const chunks of splits(iconv.encode(cp, 'win1252')))
      expect(await decode(chunks)).toEqual({ text: cp, encoding: 'windows-1252' })
  })

  it('drops a UTF-8 byte order mark', async () => {
    expect(await decode([Buffer.from('\uFEFF' + text)])).toEqual({ text, encoding: 'utf-8' })
  })
})
