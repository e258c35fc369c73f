/**
 * The export cache (`<data>/cache/export.json`): each published document's mapped snapshot entries as
 * the last export made them (before links are settled), with what they were made from: the document's
 * `updatedAt`, the `updatedAt` of every document it showed (a topic's name, a picture's alt text, a
 * linked article's slug), the media files it looked at, its dates and the warnings its mapping gave.
 * The next export reuses an entry while all of that is unchanged (incremental-export.ts).
 *
 * It holds only what the snapshot published: a document whose entries named something unpublished (a
 * link to a draft, an edition item that was dropped) is not kept. The file carries a key made from the
 * code that maps (this folder, the snapshot model, the collections, the installed packages) and the
 * database: another Budstikke version, a config change or another database starts a full export.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { hashSources, hashValue, type SourceSet } from '../../channels/shared/content-hash.ts'
import { SNAPSHOT_VERSION } from '../../channels/snapshot/schema.ts'
import { dataDir, rootDir } from '../lib/paths.ts'

/** The collections whose documents are mapped one by one and can be reused. */
export const CACHED_COLLECTIONS = ['articles', 'benefits', 'campaigns', 'newsletters', 'letters'] as const
export type CachedCollection = (typeof CACHED_COLLECTIONS)[number]

/** One document's mapping as the last export made it. */
export interface CachedDocument {
  updatedAt: string
  /** `collection:id` → that document's `updatedAt` when it was shown (null: it did not exist). */
  deps: Record<string, string | null>
  /** The dates that decide visibility on the export date (publishedAt, validFrom, validTo, endsAt). */
  dates: Record<string, string | null>
  /** What those dates decided on the last export date (see `dateState`). */
  state: string
  /** Media file name → whether it was on disk. */
  files: Record<string, boolean>
  /** The entries, one per locale (none when not shown: scheduled for later, expired, no slug). */
  entries: unknown[]
  /**
   * The entries are as the last snapshot held them, validated: they have no internal link and nothing
   * else the steps after mapping change, so they are the same in every snapshot until the document or
   * what it shows changes (validate-export.ts).
   */
  final?: boolean
  warnings: Array<[document: string, field: string, message: string]>
}

export interface ExportCache {
  key: string
  /** Hash of every site page's path per locale: a link to a page is written with it. */
  pagePaths: string
  documents: Record<CachedCollection, Record<string, CachedDocument>>
}

export function exportCacheFile(): string {
  return path.join(dataDir(), 'cache', 'export.json')
}

/**
 * The code an export maps with (hashed as the channels hash theirs: dot-folders such as the admin's
 * `cms/.next/` build output left out), plus what else decides its output.
 */
const EXPORT_SOURCES: SourceSet = {
  paths: [
    'cms',
    'channels/snapshot',
    'channels/shared',
    'channels/site/routes.ts',
    'package.json',
    'package-lock.json',
  ],
  packages: [],
}

/** What the cache was made by; a cache with another key is not used. */
export async function exportCacheKey(): Promise<string> {
  return hashValue({
    snapshot: SNAPSHOT_VERSION,
    database: process.env.DATABASE_URI ?? '',
    dataDir: dataDir(),
    sources: await hashSources(EXPORT_SOURCES, rootDir),
  })
}

export type LoadedCache = { cache: ExportCache } | { reason: string }

/** The cache, or why a full export runs instead (one line). */
export async function loadExportCache(file: string, key: string): Promise<LoadedCache> {
  if (!existsSync(file)) return { reason: 'no export cache yet' }
  let cache: ExportCache
  try {
    const text = await readFile(file, 'utf8')
    // The first line is the hash of the rest: a file cut short or changed by hand is not used.
    const newline = text.indexOf('\n')
    const body = text.slice(newline + 1)
    if (newline < 0 || text.slice(0, newline) !== createHash('sha256').update(body).digest('hex'))
      return { reason: `${file} is damaged (its checksum does not match)` }
    cache = JSON.parse(body) as ExportCache
  } catch (error) {
    return { reason: `${file} is unreadable (${firstLine(error)})` }
  }
  if (!isCacheShape(cache)) return { reason: `${file} is not an export cache` }
  if (cache.key !== key) return { reason: 'the export cache was made by another version or configuration' }
  return { cache }
}

function isCacheShape(value: unknown): value is ExportCache {
  if (typeof value !== 'object' || value === null) return false
  const cache = value as Partial<ExportCache>
  return (
    typeof cache.key === 'string' &&
    typeof cache.pagePaths === 'string' &&
    typeof cache.documents === 'object' &&
    cache.documents !== null &&
    CACHED_COLLECTIONS.every((c) => typeof cache.documents?.[c] === 'object' && cache.documents[c] !== null)
  )
}

/**
 * Written beside and renamed over the old one, so a crash leaves the old cache or the new one. A cache
 * that cannot be written is removed (the next export is full) and named in one line; the export stands.
 */
export async function saveExportCache(file: string, cache: ExportCache): Promise<string | null> {
  const temporary = `${file}.${process.pid}.tmp`
  try {
    await mkdir(path.dirname(file), { recursive: true })
    const body = JSON.stringify(cache)
    const checksum = createHash('sha256').update(body).digest('hex')
    await writeFile(temporary, `${checksum}\n${body}`, { mode: 0o600 })
    await rename(temporary, file)
    return null
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {})
    await rm(file, { force: true }).catch(() => {})
    return `export cache not written: ${file}: ${firstLine(error)}`
  }
}

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split('\n')[0]
}
