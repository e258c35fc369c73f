/**
 * Validating an export that reused entries from the export cache. Every part of the snapshot is checked
 * against the snapshot schema as in a full export, except entries the cache holds in their final,
 * validated form: a document's entries that have no internal link (articles, benefits, letters; an
 * edition's items and a campaign's related documents are settled on the export date, so those two are
 * always checked). Settling links and dropping references leave such an entry as it is, and zod gives
 * back what it was given for what it has already validated, so the snapshot is the same byte for byte.
 */
import { z } from 'zod'
import { invalidSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { settleBlocks } from '../../channels/snapshot/links.ts'
import {
  articleSchema,
  benefitSchema,
  campaignSchema,
  letterSchema,
  newsletterSchema,
  snapshotSchema,
  type Block,
  type Snapshot,
} from '../../channels/snapshot/schema.ts'
import { upgradeSnapshot } from '../../channels/snapshot/upgrade.ts'
import { CACHED_COLLECTIONS, type CachedCollection } from './export-cache.ts'

const ENTRY_SCHEMAS = {
  articles: articleSchema,
  benefits: benefitSchema,
  campaigns: campaignSchema,
  newsletters: newsletterSchema,
  letters: letterSchema,
}

/** The snapshot without the documents' lists, which are checked entry by entry. */
const shellSchema = snapshotSchema.extend(
  Object.fromEntries(CACHED_COLLECTIONS.map((c) => [c, z.array(z.unknown())])) as Record<
    CachedCollection,
    z.ZodArray<z.ZodUnknown>
  >,
)

/** The exported snapshot validated; `validated[collection][i]` marks an entry already in final, valid form. */
export function parseExport(raw: Snapshot, validated: Record<CachedCollection, boolean[]>): Snapshot {
  const issues: Array<{ path: PropertyKey[]; message: string }> = []
  const shell = shellSchema.safeParse(raw)
  if (!shell.success) issues.push(...shell.error.issues)
  const lists = Object.fromEntries(
    CACHED_COLLECTIONS.map((collection) => [
      collection,
      raw[collection].map((entry, i) => {
        if (validated[collection][i]) return entry
        const result = ENTRY_SCHEMAS[collection].safeParse(entry)
        if (result.success) return result.data
        issues.push(
          ...result.error.issues.map((issue) => ({ ...issue, path: [collection, i, ...issue.path] })),
        )
        return entry
      }),
    ]),
  )
  if (issues.length > 0 || !shell.success) throw invalidSnapshot('exported snapshot', issues)
  return upgradeSnapshot({ ...shell.data, ...lists } as Snapshot)
}

/** Whether a document's entries are the same in every snapshot (no internal link to settle, no reference to drop). */
export function isFinal(collection: CachedCollection, entries: unknown[]): boolean {
  if (collection === 'campaigns' || collection === 'newsletters') return false
  return entries.every((entry) => {
    let linked = false
    settleBlocks((entry as { body: Block[] }).body, (target) => ((linked = true), target))
    return !linked
  })
}
