/**
 * Which search records go into which Pagefind index (shard), decided from the records alone, so a full
 * build and an incremental publish make the same shards and the same bytes.
 *
 * Why shards: Pagefind cannot update an index (its word chunks and metadata are global to the index),
 * and its cost grows with the pages it reads: about 0.8 CPU ms a record, 8.5 CPU s at 10,000 records
 * (parsing and indexing about two thirds, creating 10,000 fragment files in the kernel the rest). Split
 * into shards of at most about SHARD_SIZE records, one edit re-indexes one shard (about 0.45 CPU s at
 * 625 records) and the others are carried over; the search page merges a locale's shards (Pagefind's
 * `mergeIndex`).
 *
 * Rules:
 * - Shards never mix languages: Pagefind answers a language missing from an index with the index's
 *   largest language, so a Swedish search in a Danish-only shard would list Danish pages.
 * - A language with n records has the least power of two of shards that keeps them at or under
 *   SHARD_SIZE (10,000 → 16 of about 625); a page's shard is a hash of its path modulo that count, so
 *   a page stays in its shard until its language's count crosses a power of two (then that language is
 *   re-indexed whole, once). Shard 0 of a language with more than one shard holds about 500 records or
 *   more, so it is never empty in practice, and every language is in the root bundle.
 * - Shard 0 of every language is indexed together into the root bundle (`pagefind/`), which also holds
 *   Pagefind's scripts and WebAssembly; a site under SHARD_SIZE pages a language therefore has exactly
 *   the single index it had before shards. The other shards go to `pagefind/<lang>-<i>/`, data only.
 */
import { createHash } from 'node:crypto'

/** Records a shard aims to stay under. */
export const SHARD_SIZE = 1000

/** The root bundle's shard: shard 0 of every language. */
export const ROOT_SHARD = 'root'

/** What the indexer knows of one record. */
export interface RecordInfo {
  /** `<html lang>` of the record, as written. */
  lang: string
  /** sha256 of the record's bytes. */
  hash: string
}

/** Shards for a language of `records` records: a power of two. */
export function shardCount(records: number): number {
  let count = 1
  while (records / count > SHARD_SIZE) count *= 2
  return count
}

/** The shard (0 … count-1) of a page, from its record path (`artikler/x/index.html`). */
export function shardIndex(page: string, count: number): number {
  return createHash('sha256').update(page).digest().readUInt32BE(0) % count
}

/** A folder name from a language tag (`da`, `pt-BR` → `pt-br`); empty when the page has none. */
function langFolder(lang: string): string {
  return lang.toLowerCase().replace(/[^a-z0-9-]/g, '_') || 'unknown'
}

/** The shard name of shard `index` of `lang`: also its folder under `pagefind/` (the root is `pagefind/`). */
export function shardName(lang: string, index: number): string {
  return index === 0 ? ROOT_SHARD : `${langFolder(lang)}-${index}`
}

/** Shard name → its record paths (sorted), for a set of records. */
export function planShards(records: ReadonlyMap<string, RecordInfo>): Map<string, string[]> {
  const byLang = new Map<string, string[]>()
  for (const [page, info] of records) {
    const pages = byLang.get(info.lang) ?? []
    pages.push(page)
    byLang.set(info.lang, pages)
  }
  const shards = new Map<string, string[]>()
  for (const [lang, pages] of byLang) {
    const count = shardCount(pages.length)
    for (const page of pages) {
      const name = shardName(lang, shardIndex(page, count))
      const members = shards.get(name) ?? []
      members.push(page)
      shards.set(name, members)
    }
  }
  for (const members of shards.values()) members.sort()
  return new Map([...shards].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** What a shard's index is made from: its record paths and their contents' hashes. */
export function shardDigest(members: readonly string[], records: ReadonlyMap<string, RecordInfo>): string {
  const hash = createHash('sha256')
  for (const page of members) hash.update(`${page}\t${records.get(page)!.hash}\n`)
  return hash.digest('hex')
}

/**
 * For the search page: each language's shards other than the root, as folder names under `pagefind/`
 * (`{ "da": ["da-1", "da-2", "da-3"] }`); languages with one shard are left out.
 */
export function mergeList(shards: ReadonlyMap<string, string[]>, records: ReadonlyMap<string, RecordInfo>) {
  const list: Record<string, string[]> = {}
  for (const [name, members] of shards) {
    if (name === ROOT_SHARD) continue
    const lang = records.get(members[0])!.lang.toLowerCase()
    ;(list[lang] ??= []).push(name)
  }
  for (const names of Object.values(list))
    names.sort((a, b) => Number(a.slice(a.lastIndexOf('-') + 1)) - Number(b.slice(b.lastIndexOf('-') + 1)))
  return Object.fromEntries(Object.entries(list).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
