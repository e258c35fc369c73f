/**
 * `budstikke import-wordpress EXPORT.xml`: a WordPress export into the CMS through the same import path
 * as `budstikke import` (cms/import/import-content.ts: one transaction per item, on SQLite a savepoint
 * in a batch of items; the same hashes, the same report). The export is streamed, never held whole:
 *
 * 1. a first pass gathers the index (slugs, attachments, old addresses, topics: wxr-index.ts);
 * 2. topics, then every post and page, converted (convert-item.ts) and imported one at a time;
 * 3. posts that link to posts later in the file are imported once more, now that their targets exist,
 *    so those links become internal links too.
 *
 * In passes 2 and 3 the items are read and converted a few ahead of the one being written, and the
 * first pass of each body's HTML → Lexical runs on a thread of its own (html-conversion-thread.ts):
 * the writes keep the main thread busy, the conversion uses the second core. At most `READ_AHEAD`
 * items wait to be written, and a bounded number of bodies for the thread, so memory stays flat. A
 * post is written as soon as its turn comes; it waits for its body's conversion only if it changed.
 *
 * Counts: every `<item>` of the export is read, and is imported (created, updated or unchanged),
 * skipped (attachments, revisions, auto-drafts, other post types, trash never imported) or rejected.
 */
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import type { z } from 'zod'
import { documentPath, pagePath, topicPath } from '../../../channels/site/routes.ts'
import type { Locale } from '../../../channels/snapshot/schema.ts'
import { CODE_LANGUAGES } from '../../fields/rich-text.ts'
import { HtmlConversionThread, type BodyConversion } from '../html-conversion-thread.ts'
import { openItemImporter, type ImportProblem, type ItemImporter } from '../import-content.ts'
import { articleItemSchema, pageItemSchema, termItemSchema } from '../import-schema.ts'
import { convertItem, type ConvertOptions, type Converted } from './convert-item.ts'
import { WxrIndex, type WordPressCollection } from './wxr-index.ts'
import { readWxr, type WxrItem } from './wxr-reader.ts'

export interface WordPressImportOptions {
  /** A copy of the site's `wp-content/uploads`. */
  uploadsDir?: string
  locale: Locale
  /** Read and convert everything, write nothing. */
  dryRun?: boolean
  /** Items of the export done, of all (known after the first pass). */
  onProgress?: (done: number, total: number) => void
}

export interface WordPressReport {
  /** `<item>`s in the export. */
  read: number
  created: number
  updated: number
  unchanged: number
  /** Dry run: items that would be imported. */
  wouldImport: number
  skipped: number
  /** Skipped items by reason (`attachment`, `inherit`, `trash`, `post type nav_menu_item`). */
  skippedBy: Record<string, number>
  /** Items rejected (each may have several problems in `rejected`). */
  rejectedItems: number
  rejected: ImportProblem[]
  warnings: ImportProblem[]
  topics: { created: number; updated: number; unchanged: number; rejected: number }
}

/** Items read and converted ahead of the one being written (their bodies on the conversion thread meanwhile). */
const READ_AHEAD = 32
/**
 * After this many unchanged posts in a row, bodies are no longer converted ahead: a re-run of the same
 * export would otherwise convert every body on the thread for posts whose hash then matches. A changed
 * post is still converted (on the main thread, when it is written), and the next changed one resumes it.
 */
const UNCHANGED_BEFORE_PAUSE = 8

const SCHEMA_OF: Record<WordPressCollection, z.ZodType> = {
  articles: articleItemSchema,
  pages: pageItemSchema,
}

export async function importWordPress(
  payload: Payload | null,
  file: string,
  options: WordPressImportOptions,
): Promise<WordPressReport> {
  const opened: ItemImporter[] = []
  // Started first: it loads its modules while the export is indexed.
  const thread = payload && !options.dryRun ? new HtmlConversionThread(CODE_LANGUAGES) : null
  try {
    return await importWith(payload, file, options, opened, thread)
  } finally {
    await thread?.close()
    // Whatever went in before an error (a broken export, say) stays in, as with a transaction per item.
    for (const importer of opened) await importer.flush()
  }
}

async function importWith(
  payload: Payload | null,
  file: string,
  options: WordPressImportOptions,
  opened: ItemImporter[],
  thread: HtmlConversionThread | null,
): Promise<WordPressReport> {
  const report: WordPressReport = {
    read: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    wouldImport: 0,
    skipped: 0,
    skippedBy: {},
    rejectedItems: 0,
    rejected: [],
    warnings: [],
    topics: { created: 0, updated: 0, unchanged: 0, rejected: 0 },
  }
  const uploadsDir = options.uploadsDir ? path.resolve(options.uploadsDir) : undefined
  if (uploadsDir && !(existsSync(uploadsDir) && statSync(uploadsDir).isDirectory()))
    throw new Error(`${options.uploadsDir}: --uploads must name a folder (a copy of wp-content/uploads)`)

  // 1. The index.
  let index: WxrIndex | null = null
  for await (const event of readWxr(file)) {
    if (event.kind === 'site') index = new WxrIndex(event.site)
    else {
      index!.add(event.item)
      report.read++
    }
  }
  if (!index) throw new Error(`${file}: not a WordPress export`)
  const wxrIndex = index

  const importer =
    payload && !options.dryRun
      ? openItemImporter(payload, { baseDir: uploadsDir ?? path.dirname(path.resolve(file)) })
      : null
  if (importer) opened.push(importer)
  const convertOptions: ConvertOptions = {
    locale: options.locale,
    uploadedFile: uploadsLookup(uploadsDir),
    hasUploads: uploadsDir !== undefined,
    documentPath: (document) =>
      document.collection === 'articles'
        ? documentPath('articles', options.locale, document.slug)
        : pagePath(options.locale, wxrIndex.pageSlugs(document)),
    topicPath: (slug) => topicPath(options.locale, slug),
  }

  // 2. Topics, then the posts and pages in file order.
  for (const [position, topic] of wxrIndex.topics().entries()) {
    const item = { slug: topic.slug, name: { [options.locale]: topic.name } }
    const where = `topics[${position}] (${topic.slug})`
    if (!importer) {
      if (!termItemSchema.safeParse(item).success) report.topics.rejected++
      continue
    }
    await importer.importItem('topics', item, where, (outcome, change) => (report.topics[outcome] += change))
  }
  if (importer) {
    await importer.flush()
    // Topic problems are reported as problems, but only posts and pages count as items read.
    report.rejected.push(...importer.report.rejected.splice(0))
  }

  const run: RunState = {
    index: wxrIndex,
    options: convertOptions,
    importer,
    report,
    linkingForward: new Set(),
    pagesIn: new Set(),
    waitingFor: new Map(),
    unchangedInARow: 0,
  }
  let done = 0
  options.onProgress?.(0, report.read)
  for await (const prepared of readAhead(preparedItems(file, run, thread, () => true))) {
    await importOne(prepared, run)
    options.onProgress?.(++done, report.read)
  }
  // Pages whose parent was rejected: imported now, and rejected by name for want of it.
  for (const children of run.waitingFor.values())
    for (const child of children) await importConverted(child, run)

  // 3. Posts whose links point forward, once more: their targets exist now.
  if (importer && run.linkingForward.size > 0) {
    await importer.flush()
    const again = (item: WxrItem) => run.linkingForward.has(item.id)
    for await (const { converted, bodies } of readAhead(preparedItems(file, run, thread, again))) {
      if (converted.kind !== 'import') continue
      const document = `${converted.section}/${String(converted.item.slug)} (`
      // The first pass's "no such document (yet)" for this item no longer holds.
      importer.report.warnings = importer.report.warnings.filter(
        (w) => !(w.path.startsWith(document) && w.message.startsWith('link to ')),
      )
      // Counted once, in pass 2; only a rejection (in the importer's report) shows.
      await importer.importItem(converted.section, converted.item, converted.label, undefined, bodies)
    }
  }

  if (importer) {
    await importer.flush()
    report.rejected.push(...importer.report.rejected)
    report.warnings.push(...importer.report.warnings)
  }
  return report
}

interface RunState {
  index: WxrIndex
  options: ConvertOptions
  importer: ItemImporter | null
  report: WordPressReport
  /** Posts with links to posts later in the file. */
  linkingForward: Set<number>
  /** Pages imported so far (their children may follow). */
  pagesIn: Set<number>
  /** Pages that came before their parent page, by the parent's id. */
  waitingFor: Map<number, ReadyItem[]>
  /** Posts and pages written unchanged in a row (the conversion thread pauses while the export matches). */
  unchangedInARow: number
}

/** An item of the export converted, its body's HTML → Lexical first pass under way on the conversion thread. */
interface PreparedItem {
  item: WxrItem
  converted: Converted
  bodies?: Promise<Map<string, BodyConversion>>
}
/** An item to import (its body's first pass is awaited only if the item is written). */
interface ReadyItem {
  item: WxrItem
  converted: Extract<Converted, { kind: 'import' }>
  bodies?: Promise<Map<string, BodyConversion>>
}

/** The export's items that `wanted` picks, each converted and its body sent to the conversion thread. */
async function* preparedItems(
  file: string,
  run: RunState,
  thread: HtmlConversionThread | null,
  wanted: (item: WxrItem) => boolean,
): AsyncGenerator<PreparedItem> {
  for await (const event of readWxr(file)) {
    if (event.kind !== 'item' || !wanted(event.item)) continue
    const converted = convertItem(event.item, run.index, run.options)
    const html = converted.kind === 'import' ? (converted.item.body as { html?: unknown }).html : undefined
    // A body the thread has no room for (or while the export matches what is in) is converted on the
    // main thread, if its post changed at all.
    const ahead = thread && !thread.full && run.unchangedInARow < UNCHANGED_BEFORE_PAUSE
    yield {
      item: event.item,
      converted,
      ...(ahead && typeof html === 'string' ? { bodies: firstPass(thread, html) } : {}),
    }
  }
}

async function firstPass(thread: HtmlConversionThread, html: string): Promise<Map<string, BodyConversion>> {
  const conversion = await thread.convert(html)
  // No answer (the thread is gone): the importer converts the body itself.
  return new Map(conversion ? [[html, conversion]] : [])
}

/** The items of `source`, read up to READ_AHEAD ahead of the one the caller handles. */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const queue: T[] = []
  for await (const value of source) {
    queue.push(value)
    if (queue.length > READ_AHEAD) yield queue.shift()!
  }
  yield* queue
}

async function importOne(prepared: PreparedItem, run: RunState): Promise<void> {
  const { item, converted } = prepared
  if (converted.kind === 'skip') return skip(run.report, converted.reason)
  for (const message of converted.warnings) run.report.warnings.push({ path: converted.label, message })
  if (!run.importer) return checkOnly(converted, run.report)
  const ready: ReadyItem = { item, converted, bodies: prepared.bodies }
  // A page waits for its parent page (the import needs the parent to exist).
  if (converted.parentId !== null && !run.pagesIn.has(converted.parentId)) {
    const waiting = run.waitingFor.get(converted.parentId) ?? []
    waiting.push(ready)
    run.waitingFor.set(converted.parentId, waiting)
    return
  }
  await importConverted(ready, run)
}

async function importConverted({ item, converted, bodies }: ReadyItem, run: RunState): Promise<void> {
  const importer = run.importer!
  const slug = String(converted.item.slug)
  if (converted.onlyIfPresent && !(await importer.hasDocument(converted.section, slug, run.options.locale)))
    return skip(run.report, 'trash')
  const outcome = await importer.importItem(
    converted.section,
    converted.item,
    converted.label,
    (o, change) => {
      if (o === 'rejected') run.report.rejectedItems += change
      else run.report[o] += change
      run.unchangedInARow = o === 'unchanged' ? run.unchangedInARow + 1 : 0
    },
    bodies,
  )
  if (converted.linksForward) run.linkingForward.add(item.id)
  if (converted.section === 'pages' && outcome !== 'rejected') {
    run.pagesIn.add(item.id)
    const children = run.waitingFor.get(item.id) ?? []
    run.waitingFor.delete(item.id)
    for (const child of children) await importConverted(child, run)
  }
}

/** Dry run: the item is checked against the import format, nothing is written. */
function checkOnly(converted: Extract<Converted, { kind: 'import' }>, report: WordPressReport): void {
  const parsed = SCHEMA_OF[converted.section].safeParse(converted.item)
  if (!parsed.success) {
    report.rejectedItems++
    for (const issue of parsed.error.issues)
      report.rejected.push({ path: `${converted.label}.${issue.path.join('.')}`, message: issue.message })
  } else if (converted.onlyIfPresent) skip(report, 'trash')
  else report.wouldImport++
}

function skip(report: WordPressReport, reason: string): void {
  report.skipped++
  report.skippedBy[reason] = (report.skippedBy[reason] ?? 0) + 1
}

/**
 * The file under `--uploads` for a WordPress address, by the path after `/uploads/`: the full-size
 * original when WordPress's resized copy (`foto-300x200.jpg`) is named and the original is there,
 * else the file as named. Never outside the folder, never fetched from the network.
 */
export function uploadsLookup(uploadsDir: string | undefined): (url: string) => string | null {
  if (!uploadsDir) return () => null
  return (url) => {
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(url, 'http://old.invalid/').pathname)
    } catch {
      return null
    }
    const at = pathname.indexOf('/uploads/')
    if (at < 0) return null
    const relative = pathname.slice(at + '/uploads/'.length)
    if (relative.split('/').some((segment) => segment === '' || segment === '.' || segment === '..'))
      return null
    const original = relative.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1')
    for (const candidate of original === relative ? [relative] : [original, relative]) {
      const full = path.join(uploadsDir, ...candidate.split('/'))
      if (existsSync(full) && statSync(full).isFile()) return candidate
    }
    return null
  }
}
