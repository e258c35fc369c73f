/**
 * `budstikke import-wordpress EXPORT.xml`: a WordPress export into the CMS through the same import path
 * as `budstikke import` (cms/import/import-content.ts: one transaction per item, the same hashes, the
 * same report). The export is streamed, never held whole:
 *
 * 1. a first pass gathers the index (slugs, attachments, old addresses, topics: wxr-index.ts);
 * 2. topics, then every post and page, converted (convert-item.ts) and imported one at a time;
 * 3. posts that link to posts later in the file are imported once more, now that their targets exist,
 *    so those links become internal links too.
 *
 * Counts: every `<item>` of the export is read, and is imported (created, updated or unchanged),
 * skipped (attachments, revisions, auto-drafts, other post types, trash never imported) or rejected.
 */
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import type { z } from 'zod'
import { documentPath, topicPath } from '../../../channels/site/routes.ts'
import type { Locale } from '../../../channels/snapshot/schema.ts'
import { openItemImporter, type ImportProblem, type ItemImporter } from '../import-content.ts'
import { SECTIONS, articleItemSchema, termItemSchema, type Section } from '../import-schema.ts'
import { convertItem, type ConvertOptions } from './convert-item.ts'
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

const SCHEMA_OF: Partial<Record<string, z.ZodType>> = { articles: articleItemSchema }

export async function importWordPress(
  payload: Payload | null,
  file: string,
  options: WordPressImportOptions,
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
  const convertOptions: ConvertOptions = {
    locale: options.locale,
    uploadedFile: uploadsLookup(uploadsDir),
    hasUploads: uploadsDir !== undefined,
    hiddenStatus: 'draft',
    documentPath: (collection, slug) => newDocumentPath(collection, slug, options.locale),
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
    const outcome = await importer.importItem('topics', item, where)
    report.topics[outcome]++
  }
  if (importer) {
    // Topic problems are reported as problems, but only posts and pages count as items read.
    report.rejected.push(...importer.report.rejected.splice(0))
  }

  const linkingForward = new Set<number>()
  let done = 0
  options.onProgress?.(0, report.read)
  for await (const event of readWxr(file)) {
    if (event.kind !== 'item') continue
    await importOne(event.item, wxrIndex, convertOptions, importer, report, linkingForward)
    options.onProgress?.(++done, report.read)
  }

  // 3. Posts whose links point forward, once more: their targets exist now.
  if (importer && linkingForward.size > 0) {
    for await (const event of readWxr(file)) {
      if (event.kind !== 'item' || !linkingForward.has(event.item.id)) continue
      const converted = convertItem(event.item, wxrIndex, convertOptions)
      if (converted.kind !== 'import' || !isSection(converted.section)) continue
      const document = `${converted.section}/${String(converted.item.slug)} (`
      // The first pass's "no such document (yet)" for this item no longer holds.
      importer.report.warnings = importer.report.warnings.filter(
        (w) => !(w.path.startsWith(document) && w.message.startsWith('link to ')),
      )
      // Counted once, in pass 2; only a rejection (in the importer's report) shows.
      await importer.importItem(converted.section, converted.item, converted.label)
    }
  }

  if (importer) {
    report.rejected.push(...importer.report.rejected)
    report.warnings.push(...importer.report.warnings)
  }
  return report
}

async function importOne(
  item: WxrItem,
  index: WxrIndex,
  options: ConvertOptions,
  importer: ItemImporter | null,
  report: WordPressReport,
  linkingForward: Set<number>,
): Promise<void> {
  const converted = convertItem(item, index, options)
  const skip = (reason: string) => {
    report.skipped++
    report.skippedBy[reason] = (report.skippedBy[reason] ?? 0) + 1
  }
  if (converted.kind === 'skip') return skip(converted.reason)
  if (!isSection(converted.section))
    return skip(`${item.type} (this version imports no ${converted.section})`)
  for (const message of converted.warnings) report.warnings.push({ path: converted.label, message })
  const slug = String(converted.item.slug)
  if (!importer) {
    const schema = SCHEMA_OF[converted.section]
    const parsed = schema?.safeParse(converted.item)
    if (parsed && !parsed.success) {
      report.rejectedItems++
      for (const issue of parsed.error.issues)
        report.rejected.push({ path: `${converted.label}.${issue.path.join('.')}`, message: issue.message })
    } else if (converted.onlyIfPresent) skip('trash')
    else report.wouldImport++
    return
  }
  if (converted.onlyIfPresent && !(await importer.hasDocument(converted.section, slug, options.locale)))
    return skip('trash')
  const outcome = await importer.importItem(converted.section, converted.item, converted.label)
  if (outcome === 'rejected') report.rejectedItems++
  else report[outcome]++
  if (converted.linksForward) linkingForward.add(item.id)
}

function isSection(section: WordPressCollection): section is WordPressCollection & Section {
  return (SECTIONS as readonly string[]).includes(section)
}

function newDocumentPath(collection: WordPressCollection, slug: string, locale: Locale): string {
  if (collection === 'articles') return documentPath('articles', locale, slug)
  return `${locale === 'da' ? '' : `/${locale}`}/${slug}/`
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
