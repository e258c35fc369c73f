/**
 * The member numbers seen so far in a member file, to reject duplicates. This is the one piece of
 * state that must grow with the file, so it is kept small: a JavaScript Set of strings costs ~60
 * bytes a number, this ~11–16 bytes for the usual shapes (`123456`, `B0000001`, `DK-4711`).
 *
 * A number of up to 10 characters from 0-9, A-Z and `-` is encoded exactly as one double (bijective
 * base 38, so `007` and `7` stay different) and kept in an open-addressing hash table; anything
 * else (lower case, longer, other characters) goes to an ordinary Set. Exact: never a false duplicate.
 */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-'
const BASE = ALPHABET.length + 1
/** 38^10 < 2^53: ten digits of base 38 fit a double exactly. */
const MAX_ENCODED_LENGTH = 10
const DIGIT = new Int8Array(128).fill(0)
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i + 1

/** The number's code (≥ 1), or 0 when it has another shape. */
function encode(memberNumber: string): number {
  if (memberNumber.length === 0 || memberNumber.length > MAX_ENCODED_LENGTH) return 0
  let code = 0
  for (let i = 0; i < memberNumber.length; i++) {
    const c = memberNumber.charCodeAt(i)
    const digit = c < 128 ? DIGIT[c] : 0
    if (digit === 0) return 0
    code = code * BASE + digit
  }
  return code
}

const scratch = new Float64Array(1)
const scratchWords = new Uint32Array(scratch.buffer)
function hash(code: number): number {
  scratch[0] = code
  return Math.imul(scratchWords[0] ^ Math.imul(scratchWords[1], 0x9e3779b1), 0x85ebca6b) >>> 0
}

export class MemberNumberSet {
  /** Open addressing, linear probing; 0 marks a free slot (codes are ≥ 1). */
  private table = new Float64Array(1 << 12)
  private encodedCount = 0
  private readonly others = new Set<string>()

  /** Adds the number; false when it was there already. */
  add(memberNumber: string): boolean {
    const code = encode(memberNumber)
    if (code === 0) {
      if (this.others.has(memberNumber)) return false
      this.others.add(memberNumber)
      return true
    }
    if (!this.insert(code)) return false
    // At most three quarters full: probes stay short with this hash.
    if (++this.encodedCount * 4 > this.table.length * 3) this.grow()
    return true
  }

  get size(): number {
    return this.encodedCount + this.others.size
  }

  /** Bytes held, for the benchmark's per-letter figure. */
  get bytes(): number {
    return this.table.byteLength + this.others.size * 60
  }

  private insert(code: number): boolean {
    const mask = this.table.length - 1
    for (let slot = hash(code) & mask; ; slot = (slot + 1) & mask) {
      const held = this.table[slot]
      if (held === 0) {
        this.table[slot] = code
        return true
      }
      if (held === code) return false
    }
  }

  private grow(): void {
    const old = this.table
    this.table = new Float64Array(old.length * 2)
    for (const code of old) if (code !== 0) this.insert(code)
  }
}
