/**
 * What every mapping step of one export shares: "now", the previewed document (if any), the media it
 * collects and the warnings it gathers. One context per export run.
 */
import type { LocalizedCollection } from '../../channels/snapshot/collections.ts'
import type { PagePaths } from './export-pages.ts'
import type { ChannelWarning } from '../../channels/types.ts'
import type { PreviewCollection } from '../preview/preview-paths.ts'
import { MediaCollector } from './media.ts'

export type { PerLocale } from '../lib/payload-docs.ts'

export interface PreviewTarget {
  collection: PreviewCollection
  /** Payload document id. */
  id: string
}

/** The draft cannot be previewed as it stands; the message names the document and the field. */
export class PreviewExportError extends Error {}

export class ExportContext {
  readonly warnings: ChannelWarning[] = []
  readonly media: MediaCollector
  /** Each published page's path per locale, known before any body is converted (links to pages). */
  readonly pagePaths: PagePaths = new Map()

  constructor(
    /** "Now" for due dates, expiry and `generatedAt`. */
    readonly now: Date,
    /** Set for a preview snapshot: this document is read as its latest draft. */
    readonly preview?: PreviewTarget,
  ) {
    this.media = new MediaCollector((document, field, message) => this.warn(document, field, message))
  }

  warn(document: string, field: string, message: string): void {
    this.warnings.push({ document, field, message })
  }

  /** Whether `doc` is the previewed draft (shown whatever its dates). */
  isPreviewTarget(collection: LocalizedCollection, doc: { id: number | string }): boolean {
    return this.preview?.collection === collection && String(this.preview.id) === String(doc.id)
  }
}

/** A date field's value, or null when empty or not a date. */
export function dateOf(value: unknown): Date | null {
  if (typeof value !== 'string' || !value) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

export function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}
