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
import { parseSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { ChannelWarning } from '../../channels/types.ts'
import { EXPORT_REPORT, type ExportReport } from '../../channels/preview/preview-manifest.ts'
import { ExportContext, PreviewExportError, type PreviewTarget } from './export-context.ts'
import { readPreviewSources, readPublishedSources, type OnProgress, type Sources } from './sources.ts'
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
}

export interface ExportResult {
  snapshot: Snapshot
  warnings: ChannelWarning[]
}

export async function exportSnapshot(payload: Payload, options: ExportOptions): Promise<ExportResult> {
  const now = options.now ?? new Date()
  // Scheduled publishing: run the jobs that are due, so what should be public by now is.
  await payload.jobs.run({ limit: 1000 })
  return runExport(payload, options.dir, new ExportContext(now), (p) =>
    readPublishedSources(p, options.onProgress),
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

/** `budstikke export --out FILE` and `publish`: open the CMS, export, write the file, close. */
export async function exportSnapshotToFile(
  file: string,
  now?: Date,
  onProgress?: ExportOptions['onProgress'],
): Promise<ExportResult & { json: string }> {
  const { openPayload, closePayload } = await import('../payload-client.ts')
  const payload = await openPayload()
  try {
    const result = await exportSnapshot(payload, { dir: path.dirname(path.resolve(file)), now, onProgress })
    // The file's text is returned too: publish reads it from memory, not back from the disk.
    const json = JSON.stringify(result.snapshot, null, 2) + '\n'
    await writeFile(file, json)
    for (const warning of result.warnings)
      console.warn(
        `export: ${warning.document}${warning.field ? ` ${warning.field}` : ''}: ${warning.message}`,
      )
    return { ...result, json }
  } finally {
    await closePayload()
  }
}

/** Reads, maps each collection, settles links, copies media, validates: the one export, published or preview. */
async function runExport(
  payload: Payload,
  dir: string,
  context: ExportContext,
  read: (payload: Payload) => Promise<Sources>,
): Promise<ExportResult> {
  const sources = await read(payload)
  const warn = (document: string, field: string, message: string) => context.warn(document, field, message)
  // Pages first: their paths are what links to them in every other body become.
  const pages = exportPages(sources.pages, {
    entries: (doc) =>
      localizedEntries<PageField>(context, 'pages', doc as (typeof sources.pages)[number], 'title'),
    warn,
    paths: context.pagePaths,
  })
  const snapshot: Snapshot = {
    version: SNAPSHOT_VERSION,
    generatedAt: context.now.toISOString(),
    defaultLocale: DEFAULT_LOCALE,
    locales: [...LOCALES],
    organisation: mapOrganisation(context, sources.organisation),
    topics: sources.topics.map(mapTerm),
    segments: sources.segments.map(mapTerm),
    articles: sources.articles.flatMap((doc) => mapArticle(context, doc)),
    benefits: sources.benefits.flatMap((doc) => mapBenefit(context, doc)),
    campaigns: sources.campaigns.flatMap((doc) => mapCampaign(context, doc)),
    pages,
    newsletters: sources.newsletters.flatMap((doc) => mapNewsletter(context, doc)),
    letters: sources.letters.flatMap((doc) => mapLetter(context, doc)),
    redirects: context.preview ? [] : await exportRedirects(payload, warn),
    navigation: { header: {}, footer: {} },
  }
  // A preview shows the site's own menu: it holds no pages to link to.
  if (sources.navigation) snapshot.navigation = exportNavigation(sources.navigation, snapshot, warn)
  // No key of a hidden document in the snapshot, the editions' meta.json or the report.
  dropUnpublishedReferences(snapshot, context.now, warn)
  const linked = settleExportLinks(context, snapshot)
  if (context.preview) checkPreviewEntries(linked, context.preview, context.warnings)
  await context.media.copyTo(dir)
  return { snapshot: parseSnapshot(linked, 'exported snapshot'), warnings: context.warnings }
}
