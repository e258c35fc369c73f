/**
 * CMS → snapshot. Reads published, due documents through Payload's Local API (every locale at once),
 * marks text that fell back to the default locale, converts rich text to the block tree once,
 * settles every internal link, copies media files beside the snapshot, and validates the result
 * against the snapshot schema.
 *
 * A preview snapshot (`exportPreviewSnapshot`) is mapped by the same code: one document's latest
 * draft, the published documents it refers to, the terms and the Organisation. Nothing else, so the
 * channels render it in seconds; it is never written into the publish output.
 *
 * This file runs the jobs; each lives in its own module: reading (sources.ts), localizing
 * (localize.ts), one mapper per collection (map-*.ts), references and links (refs.ts), media
 * (media.ts), the Organisation (organisation.ts), the preview's checks (preview-check.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Payload } from 'payload'
import { DEFAULT_LOCALE, LOCALES, SNAPSHOT_VERSION, type Snapshot } from '../../channels/snapshot/schema.ts'
import { hashValue } from '../../channels/shared/content-hash.ts'
import { parseSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { isFinal, parseExport } from './validate-export.ts'
import { documentLabel, type ChannelWarning } from '../../channels/types.ts'
import { EXPORT_REPORT, type ExportReport } from '../../channels/preview/preview-manifest.ts'
import { ExportContext, PreviewExportError, type PreviewTarget } from './export-context.ts'
import {
  readPreviewSources,
  readPublishedSources,
  type DocOf,
  type DocumentCollection,
  type OnProgress,
  type Sources,
} from './sources.ts'
import {
  CACHED_COLLECTIONS,
  exportCacheFile,
  exportCacheKey,
  loadExportCache,
  saveExportCache,
  type CachedCollection,
  type CachedDocument,
  type ExportCache,
} from './export-cache.ts'
import {
  dateState,
  datesOf,
  dependenciesOf,
  listDocuments,
  planCollection,
  relationFields,
  type Listing,
  type Plan,
} from './incremental-export.ts'
import { mapArticle } from './map-articles.ts'
import { mapBenefit } from './map-benefits.ts'
import { mapCampaign } from './map-campaigns.ts'
import { mapNewsletter } from './map-newsletters.ts'
import { mapLetter } from './map-letters.ts'
import { mapOrganisation } from './organisation.ts'
import { mapTerm, settleExportLinks } from './refs.ts'
import { checkPreviewEntries } from './preview-check.ts'
import { exportRedirects } from './export-redirects.ts'
import { exportPages } from './export-pages.ts'
import { dropUnpublishedReferences } from './published-references.ts'
import { exportNavigation } from './export-navigation.ts'
import { localizedEntries } from './localize.ts'
import type { PageField } from '../lib/payload-docs.ts'

export { PreviewExportError, type PreviewTarget }

export interface ExportOptions {
  /** Folder of the snapshot file: media files are copied into `<dir>/media/`. */
  dir: string
  /** "Now" for due dates, expiry and the snapshot's `generatedAt` (tests pin it). */
  now?: Date
  /** Published documents read of all there are (total undefined until every collection has answered). */
  onProgress?: OnProgress
  /**
   * The export cache file (export-cache.ts): documents unchanged since the export that wrote it are not
   * read again. Without it every document is read and mapped, and no cache is written.
   */
  cache?: string
  /** With `cache`: read nothing from it, export in full and write it anew (`publish --full`). */
  fresh?: boolean
}

export interface ExportResult {
  snapshot: Snapshot
  warnings: ChannelWarning[]
  /** With `cache`: incremental (how many documents reused and read), or full and why. */
  cache?: CacheReport
  /** With `cache`: why the cache could not be written (the export stands; the next one is full). */
  cacheNote?: string | null
}

export async function exportSnapshot(payload: Payload, options: ExportOptions): Promise<ExportResult> {
  const now = options.now ?? new Date()
  // Scheduled publishing: run the jobs that are due, so what should be public by now is.
  await payload.jobs.run({ limit: 1000 })
  let cacheUse: CacheUse | undefined
  if (options.cache) {
    const key = await exportCacheKey()
    const loaded = options.fresh
      ? { reason: 'a full export was asked for' }
      : await loadExportCache(options.cache, key)
    cacheUse = {
      file: options.cache,
      key,
      loaded: 'cache' in loaded ? { cache: loaded.cache, listing: await listDocuments(payload) } : loaded,
    }
  }
  return runExport(
    payload,
    options.dir,
    new ExportContext(now),
    (p, documents) => readPublishedSources(p, options.onProgress, documents),
    cacheUse,
  )
}

/**
 * The preview snapshot of one document: its latest draft (saved, not necessarily published), shown
 * even when it is scheduled for later or outside its validity, plus the published documents it refers
 * to (an edition's items, a campaign's related articles and benefits, a letter's campaign). Scheduled
 * jobs are not run: looking at a preview must not publish anything.
 */
export async function exportPreviewSnapshot(
  payload: Payload,
  options: ExportOptions & { target: PreviewTarget },
): Promise<ExportResult> {
  const context = new ExportContext(options.now ?? new Date(), options.target)
  return runExport(payload, options.dir, context, (p) => readPreviewSources(p, options.target))
}

/**
 * The preview snapshot as a file (media beside it) plus `export.json` with its warnings and time: what
 * `budstikke preview --snapshot` reads. The admin server calls this itself (its Payload is already
 * open), then renders in a child process.
 */
export async function writePreviewSnapshot(
  payload: Payload,
  file: string,
  target: PreviewTarget,
  now = new Date(),
): Promise<ExportResult> {
  const started = performance.now()
  const dir = path.dirname(path.resolve(file))
  await mkdir(dir, { recursive: true })
  const result = await exportPreviewSnapshot(payload, { dir, now, target })
  await writeFile(file, JSON.stringify(result.snapshot, null, 2) + '\n')
  const report: ExportReport = {
    warnings: result.warnings,
    seconds: Math.round(performance.now() - started) / 1000,
  }
  await writeFile(path.join(dir, EXPORT_REPORT), JSON.stringify(report, null, 2) + '\n')
  return result
}

/**
 * `budstikke export --out FILE` and `publish`: open the CMS, export, write the file, close. The export
 * cache in the data folder makes the export after an edit read only what changed (`full`: not read).
 */
export async function exportSnapshotToFile(
  file: string,
  now?: Date,
  onProgress?: ExportOptions['onProgress'],
  options: { full?: boolean } = {},
): Promise<ExportResult & { json: string }> {
  const { openPayload, closePayload } = await import('../payload-client.ts')
  const payload = await openPayload()
  try {
    const result = await exportSnapshot(payload, {
      dir: path.dirname(path.resolve(file)),
      now,
      onProgress,
      cache: exportCacheFile(),
      fresh: options.full,
    })
    // The file's text is returned too: publish reads it from memory, not back from the disk.
    const json = JSON.stringify(result.snapshot, null, 2) + '\n'
    await writeFile(file, json)
    if (result.cache && !result.cache.incremental && !options.full)
      console.warn(`export: full export: ${result.cache.reason}`)
    if (result.cacheNote) console.warn(`export: ${result.cacheNote}`)
    for (const warning of result.warnings)
      console.warn(
        `export: ${warning.document}${warning.field ? ` ${warning.field}` : ''}: ${warning.message}`,
      )
    return { ...result, json }
  } finally {
    await closePayload()
  }
}

/** How an export uses the export cache (publish exports only; a preview never does). */
interface CacheUse {
  file: string
  key: string
  /** The cache and the listing of every document, or why this export is full. */
  loaded: { cache: ExportCache; listing: Listing } | { reason: string }
}

/** What one export did with the cache, for the one line `budstikke export` and `publish` print. */
export type CacheReport =
  { incremental: true; reused: number; read: number } | { incremental: false; reason: string }

/** Reads, maps each collection, settles links, copies media, validates: the one export, published or preview. */
async function runExport(
  payload: Payload,
  dir: string,
  context: ExportContext,
  read: (payload: Payload, documents?: Partial<Record<DocumentCollection, string[]>>) => Promise<Sources>,
  cacheUse?: CacheUse,
): Promise<ExportResult> {
  const incremental = cacheUse && 'cache' in cacheUse.loaded ? cacheUse.loaded : null
  // An incremental export reads the documents it maps one by one after the pages (below).
  const sources = await read(
    payload,
    incremental ? Object.fromEntries(CACHED_COLLECTIONS.map((c) => [c, []])) : undefined,
  )
  const warn = (document: string, field: string, message: string) => context.warn(document, field, message)
  // Pages first: their paths are what links to them in every other body become.
  const pages = exportPages(sources.pages, {
    entries: (doc) =>
      localizedEntries<PageField>(context, 'pages', doc as (typeof sources.pages)[number], 'title'),
    warn,
    paths: context.pagePaths,
  })
  const organisation = mapOrganisation(context, sources.organisation)
  const pagePaths = hashValue([...context.pagePaths])
  const mapped = cacheUse ? new DocumentMapper(payload, context) : null
  let reused = 0
  let reread = 0
  let documents: { [C in CachedCollection]: DocOf[C][] } = sources
  if (incremental && mapped) {
    const plans = Object.fromEntries(
      CACHED_COLLECTIONS.map((c) => [
        c,
        planCollection(c, incremental.cache, incremental.listing, pagePaths, context.now, context.media),
      ]),
    ) as Record<CachedCollection, Plan>
    const changed = await readPublishedSources(
      payload,
      undefined,
      Object.fromEntries(CACHED_COLLECTIONS.map((c) => [c, plans[c].read])),
    )
    for (const c of CACHED_COLLECTIONS) {
      reused += plans[c].reuse.size
      reread += plans[c].read.length
    }
    documents = changed
    mapped.plans = plans
    mapped.listing = incremental.listing
  }
  const mapCollection = <C extends CachedCollection>(collection: C): Snapshot[C] =>
    mapped
      ? mapped.map(collection, documents[collection])
      : ((documents[collection] as DocOf[C][]).flatMap((doc) =>
          (MAPPERS[collection] as (context: ExportContext, doc: DocOf[C]) => unknown[])(context, doc),
        ) as Snapshot[C])
  const snapshot: Snapshot = {
    version: SNAPSHOT_VERSION,
    generatedAt: context.now.toISOString(),
    defaultLocale: DEFAULT_LOCALE,
    locales: [...LOCALES],
    organisation,
    topics: sources.topics.map(mapTerm),
    segments: sources.segments.map(mapTerm),
    articles: mapCollection('articles'),
    benefits: mapCollection('benefits'),
    campaigns: mapCollection('campaigns'),
    pages,
    newsletters: mapCollection('newsletters'),
    letters: mapCollection('letters'),
    redirects: context.preview ? [] : await exportRedirects(payload, warn),
    navigation: { header: {}, footer: {} },
  }
  const mappedWarnings = context.warnings.length
  // A preview shows the site's own menu: it holds no pages to link to.
  if (sources.navigation) snapshot.navigation = exportNavigation(sources.navigation, snapshot, warn)
  // No key of a hidden document in the snapshot, the editions' meta.json or the report.
  dropUnpublishedReferences(snapshot, context.now, warn)
  const linked = settleExportLinks(context, snapshot)
  if (context.preview) checkPreviewEntries(linked, context.preview, context.warnings)
  await context.media.copyTo(dir)
  const result = {
    snapshot: mapped ? parseExport(linked, mapped.validated()) : parseSnapshot(linked, 'exported snapshot'),
    warnings: context.warnings,
  }
  if (!cacheUse || !mapped) return result
  // Kept only for documents none of whose entries named something this export left out.
  const named = new Set(context.warnings.slice(mappedWarnings).map((w) => w.document))
  const cacheNote = await saveExportCache(
    cacheUse.file,
    mapped.cache(cacheUse.key, pagePaths, named, result.snapshot),
  )
  const cache: CacheReport =
    'reason' in cacheUse.loaded
      ? { incremental: false, reason: cacheUse.loaded.reason }
      : { incremental: true, reused, read: reread }
  return { ...result, cache, cacheNote }
}

const MAPPERS: { [C in CachedCollection]: (context: ExportContext, doc: DocOf[C]) => Snapshot[C] } = {
  articles: mapArticle,
  benefits: mapBenefit,
  campaigns: mapCampaign,
  newsletters: mapNewsletter,
  letters: mapLetter,
}

/**
 * Maps the documents of an export that keeps the cache: each read document is mapped and recorded
 * (entries, warnings, media files, what it showed); a planned one is taken from the cache, its warnings
 * given again in the same place, so the snapshot and the warnings are those of a full export.
 */
class DocumentMapper {
  plans: Record<CachedCollection, Plan> | null = null
  listing: Listing | null = null
  private readonly records = Object.fromEntries(CACHED_COLLECTIONS.map((c) => [c, new Map()])) as Record<
    CachedCollection,
    Map<string, CachedDocument>
  >
  /** Where each document's first entry is in the snapshot's list, and whether it came from the cache. */
  private readonly placed = Object.fromEntries(CACHED_COLLECTIONS.map((c) => [c, new Map()])) as Record<
    CachedCollection,
    Map<CachedDocument, { at: number; reused: boolean }>
  >

  constructor(
    private readonly payload: Payload,
    private readonly context: ExportContext,
  ) {}

  map<C extends CachedCollection>(collection: C, docs: DocOf[C][]): Snapshot[C] {
    const relations = relationFields(this.payload, collection)
    const byId = new Map(docs.map((doc) => [String(doc.id), doc]))
    const order = this.listing ? this.listing.published[collection] : [...byId.keys()]
    const plan = this.plans?.[collection]
    const out: unknown[] = []
    for (const id of order) {
      let record = plan?.reuse.get(id)
      if (record) {
        for (const [document, field, message] of record.warnings) this.context.warn(document, field, message)
      } else {
        const doc = byId.get(id)
        // Published between the listing and the read: the next export takes it.
        if (!doc) continue
        record = this.record(collection, doc, relations)
      }
      this.records[collection].set(id, record)
      this.placed[collection].set(record, { at: out.length, reused: plan?.reuse.has(id) === true })
      // Copies: the steps after mapping replace an entry's fields (never inside them); the cache keeps the mapped ones.
      for (const entry of record.entries) out.push({ ...(entry as object) })
    }
    return out as Snapshot[C]
  }

  private record<C extends CachedCollection>(
    collection: C,
    doc: DocOf[C],
    relations: Map<string, string | string[]>,
  ): CachedDocument {
    const before = this.context.warnings.length
    const { result: entries, files } = this.context.media.recordFiles(() =>
      MAPPERS[collection](this.context, doc),
    )
    const raw = doc as unknown as Record<string, unknown>
    const dates = datesOf(raw)
    const deps = dependenciesOf(raw, relations)
    return {
      updatedAt: deps && typeof raw.updatedAt === 'string' ? raw.updatedAt : '',
      // Shows a document of a collection it cannot tell: not kept (no `updatedAt`), so read every time.
      deps: deps ?? {},
      dates,
      state: dateState(dates, this.context.now),
      files,
      entries,
      warnings: this.context.warnings.slice(before).map((w) => [w.document, w.field ?? '', w.message]),
    }
  }

  /** By position in each list: the entries taken from the cache in their validated, final form. */
  validated(): Record<CachedCollection, boolean[]> {
    const validated = Object.fromEntries(CACHED_COLLECTIONS.map((c) => [c, [] as boolean[]]))
    for (const collection of CACHED_COLLECTIONS)
      for (const [record, { at, reused }] of this.placed[collection])
        if (reused && record.final) record.entries.forEach((_, i) => (validated[collection][at + i] = true))
    return validated as Record<CachedCollection, boolean[]>
  }

  /**
   * The cache to write: every document mapped or reused, but those named by a warning after mapping.
   * Entries the steps after mapping leave as they are are kept as the validated snapshot holds them.
   */
  cache(key: string, pagePaths: string, named: Set<string>, snapshot: Snapshot): ExportCache {
    const documents = Object.fromEntries(CACHED_COLLECTIONS.map((c) => [c, {}])) as ExportCache['documents']
    for (const collection of CACHED_COLLECTIONS)
      for (const [id, record] of this.records[collection]) {
        const labels = (record.entries as Array<{ slug: string; locale: string }>).map((e) =>
          documentLabel(collection, e),
        )
        if (!record.updatedAt || labels.some((label) => named.has(label))) continue
        const place = this.placed[collection].get(record)
        if (place && !record.final && isFinal(collection, record.entries)) {
          const entries = snapshot[collection].slice(place.at, place.at + record.entries.length)
          documents[collection][id] = { ...record, entries, final: true }
        } else documents[collection][id] = record
      }
    return { key, pagePaths, documents }
  }
}
