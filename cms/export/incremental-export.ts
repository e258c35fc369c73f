/**
 * The export after an edit: every document's id, `updatedAt` and status is read with a cheap `select`
 * (no relations, no locales), and only the documents that changed, or that show a document that changed,
 * are read, mapped and checked again; the others' entries come from the export cache (export-cache.ts).
 * What depends on the export date is decided on the export date for every document: whether it is shown
 * (scheduled, expired, a campaign's end) is compared with what it was when the entry was made, and
 * links and references are settled over the whole snapshot as in a full export.
 *
 * A document "shows" another when the read at depth 2 populated it (a topic, a picture, a linked
 * article, an edition's item): what the mapping reads of it changes only with its `updatedAt`. A
 * populated document whose collection is not known from the schema makes its document uncacheable.
 */
import type { CollectionSlug, FlattenedField, Payload } from 'payload'
import { isLocale } from '../../channels/snapshot/locales.ts'
import { endedAt, visibleAt } from '../../channels/snapshot/visibility.ts'
import type { ExportCache, CachedCollection, CachedDocument } from './export-cache.ts'
import { CACHED_COLLECTIONS } from './export-cache.ts'
import { dateOf } from './export-context.ts'
import { compareIds } from './sources.ts'
import type { MediaCollector } from './media.ts'

/** Collections whose `updatedAt` is listed: the cached ones and everything their documents show. */
const LISTED = [...CACHED_COLLECTIONS, 'pages', 'media', 'topics', 'segments'] as const
const VERSIONED = new Set<string>([...CACHED_COLLECTIONS, 'pages'])

/** Every document's `updatedAt` by `collection:id`, and each cached collection's published ids in export order. */
export interface Listing {
  updatedAt: Map<string, string | null>
  published: Record<CachedCollection, string[]>
}

export async function listDocuments(payload: Payload): Promise<Listing> {
  const updatedAt = new Map<string, string | null>()
  const published = Object.fromEntries(
    CACHED_COLLECTIONS.map((c) => [c, [] as string[]]),
  ) as Listing['published']
  await Promise.all(
    LISTED.map(async (collection) => {
      for (const row of await listRows(payload, collection, VERSIONED.has(collection))) {
        updatedAt.set(`${collection}:${row.id}`, row.updatedAt ?? null)
        if (collection in published && row._status === 'published')
          published[collection as CachedCollection].push(String(row.id))
      }
    }),
  )
  return { updatedAt, published }
}

interface Row {
  id: number | string
  updatedAt?: string | null
  _status?: string | null
}

/** The Drizzle side of Payload's SQLite adapter, as far as a plain select needs it. */
interface SqliteDb {
  name: string
  drizzle?: { select(fields: Record<string, unknown>): { from(table: unknown): PromiseLike<Row[]> } }
  tables?: Record<string, Record<string, unknown> | undefined>
}

/**
 * Every document's id, `updatedAt` and status, in Payload's `sort: 'id'` order. On SQLite one plain
 * select of the collection's own table (10,000 rows through Payload's `find` cost 0.4 CPU s, most of it
 * its per-document read hooks); elsewhere (MongoDB) Payload's `find` with a `select`.
 */
async function listRows(payload: Payload, collection: CollectionSlug, versioned: boolean): Promise<Row[]> {
  const db = payload.db as unknown as SqliteDb
  const table = db.name === 'sqlite' ? db.tables?.[collection] : undefined
  if (db.drizzle && table?.id && table.updatedAt && (!versioned || table._status)) {
    const rows = await db.drizzle
      .select({ id: table.id, updatedAt: table.updatedAt, ...(versioned ? { _status: table._status } : {}) })
      .from(table)
    return rows.sort((a, b) => compareIds(a.id, b.id))
  }
  const result = await payload.find({
    collection,
    depth: 0,
    draft: false,
    overrideAccess: true,
    pagination: false,
    sort: 'id',
    select: versioned ? { updatedAt: true, _status: true } : { updatedAt: true },
  })
  return result.docs as unknown as Row[]
}

/** The dates that decide, on the export date, whether and how a document is shown. */
const DATE_FIELDS = ['publishedAt', 'validFrom', 'validTo', 'endsAt'] as const

export function datesOf(doc: Record<string, unknown>): Record<string, string | null> {
  return Object.fromEntries(
    DATE_FIELDS.map((field) => [field, typeof doc[field] === 'string' ? (doc[field] as string) : null]),
  )
}

/** What the dates decide on `now`: published yet, valid yet, still valid, ended (the mapping's only use of "now"). */
export function dateState(dates: Record<string, string | null>, now: Date): string {
  const iso = (field: string) => dateOf(dates[field])?.toISOString()
  return [
    visibleAt({ publishedAt: iso('publishedAt') }, now),
    visibleAt({ validFrom: iso('validFrom') }, now),
    visibleAt({ validTo: iso('validTo') }, now),
    endedAt({ endsAt: iso('endsAt') }, now),
  ]
    .map((b) => (b ? '1' : '0'))
    .join('')
}

/** Which published documents are reused from the cache, and which are read again. */
export interface Plan {
  reuse: Map<string, CachedDocument>
  read: string[]
}

export function planCollection(
  collection: CachedCollection,
  cache: ExportCache,
  listing: Listing,
  pagePaths: string,
  now: Date,
  media: MediaCollector,
): Plan {
  const reuse = new Map<string, CachedDocument>()
  const read: string[] = []
  const cached = cache.documents[collection]
  for (const id of listing.published[collection]) {
    const record = Object.hasOwn(cached, id) ? cached[id] : undefined
    const usable =
      record !== undefined &&
      record.updatedAt === listing.updatedAt.get(`${collection}:${id}`) &&
      Object.entries(record.deps).every(
        ([dep, updatedAt]) =>
          (listing.updatedAt.get(dep) ?? null) === updatedAt &&
          // A link to a site page is written with the page's path, which its parents make too.
          (!dep.startsWith('pages:') || cache.pagePaths === pagePaths),
      ) &&
      record.state === dateState(record.dates, now) &&
      media.reuseFiles(record.files)
    if (usable) reuse.set(id, record)
    else read.push(id)
  }
  return { reuse, read }
}

/** Where the collection's relationship and upload fields are (dotted names), and what they point at. */
export function relationFields(payload: Payload, collection: CollectionSlug): Map<string, string | string[]> {
  const found = new Map<string, string | string[]>()
  const visit = (fields: FlattenedField[], prefix: string) => {
    for (const field of fields) {
      const name = 'name' in field && field.name ? `${prefix}${field.name}` : prefix.replace(/\.$/, '')
      if (field.type === 'relationship' || field.type === 'upload') found.set(name, field.relationTo)
      else if (field.type === 'blocks')
        for (const block of field.blocks) visit(block.flattenedFields, `${name}.`)
      else if ('flattenedFields' in field) visit(field.flattenedFields, `${name}.`)
    }
  }
  visit(payload.collections[collection].config.flattenedFields, '')
  return found
}

/**
 * The documents `doc` (read at depth 2, every locale) shows, as `collection:id` → `updatedAt` (null:
 * not found), or null when it shows a document whose collection cannot be told.
 */
export function dependenciesOf(
  doc: Record<string, unknown>,
  relations: Map<string, string | string[]>,
): Record<string, string | null> | null {
  const deps: Record<string, string | null> = {}
  let known = true
  const add = (collection: string, value: unknown) => {
    if (typeof value === 'number' || typeof value === 'string') deps[`${collection}:${value}`] = null
    else if (typeof value === 'object' && value !== null && 'id' in value) {
      const updatedAt = (value as { updatedAt?: unknown }).updatedAt
      if (typeof updatedAt === 'string')
        deps[`${collection}:${String((value as { id: unknown }).id)}`] = updatedAt
      else known = false
    }
  }
  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) return value.forEach((item) => walk(item, at))
    const relation = relations.get(at)
    if (typeof value !== 'object' || value === null) {
      if (typeof relation === 'string' && value !== null && value !== undefined) add(relation, value)
      return
    }
    const record = value as Record<string, unknown>
    // A polymorphic relationship, a rich text upload, relationship or internal link: it names its collection.
    if (typeof record.relationTo === 'string' && 'value' in record) {
      add(record.relationTo, record.value)
      for (const [key, child] of Object.entries(record)) if (key !== 'value') walk(child, `${at}.${key}`)
      return
    }
    if (typeof relation === 'string' && 'id' in record) return add(relation, record)
    // Populated, but from where? Then its document is always read again.
    if ('id' in record && 'updatedAt' in record && at !== '') {
      known = false
      return
    }
    for (const [key, child] of Object.entries(record))
      walk(child, isLocale(key) ? at : at === '' ? key : `${at}.${key}`)
  }
  // The document itself: its own fields, not a populated one.
  for (const [key, child] of Object.entries(doc)) walk(child, key)
  return known ? deps : null
}
