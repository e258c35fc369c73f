/**
 * What a rendered preview holds: `preview.json` in the preview folder, read by the admin's preview
 * page. Plain types and constants only, so the admin server can read a manifest without loading
 * any renderer.
 */
import type { ChannelWarning } from '../types.ts'

export const PREVIEW_MANIFEST = 'preview.json'
/** Written instead of preview.json when no preview could be made (e.g. the draft has no title): the message names document and field. */
export const PREVIEW_ERROR_FILE = 'preview-error.txt'
/** Beside a preview snapshot: what its export met (warnings naming document and field) and how long it took. */
export const EXPORT_REPORT = 'export.json'
export interface ExportReport {
  warnings: ChannelWarning[]
  seconds: number
}

/** Everything a preview writes into its folder (replaced by the next preview into the same folder). */
export const PREVIEW_OUTPUTS = [
  'snapshot',
  'web',
  'email',
  'letter',
  'cards',
  PREVIEW_MANIFEST,
  PREVIEW_ERROR_FILE,
] as const

export const PREVIEW_CHANNELS = ['web', 'email', 'pdf', 'cards'] as const
export type PreviewChannel = (typeof PREVIEW_CHANNELS)[number]

/** A channel's part of the preview: rendered, not applicable to this kind of document, or failed. */
export type ChannelPreview<Extra = object> =
  | ({ status: 'ok'; seconds: number } & Extra)
  | {
      status: 'not-applicable'
      /** In English (the CLI prints it). */
      reason: string
      /** The same reason as an admin text key (`previewPage.reason.<key>`), in the editor's language on the preview page. */
      reasonKey?: string
    }
  | { status: 'failed'; message: string; seconds: number }

export interface CardImage {
  format: 'og' | 'square' | 'story'
  /** Relative to the preview folder, with forward slashes. */
  path: string
  width: number
  height: number
}

export interface PreviewManifest {
  document: {
    collection: string
    id: string
    key: string
    slug: string
    /** The locale shown (the requested one when the draft has it, else the default locale). */
    locale: string
    requestedLocale: string
    /** Locales in which the draft has its own text. */
    locales: string[]
    /** Title, name or subject as the draft has it in `locale`. */
    title: string
    /** `articles/slug (da)`: how warnings and errors name the document. */
    label: string
    updatedAt: string
  }
  renderedAt: string
  channels: {
    /**
     * `path`: the page's HTML file; `sitePath`: where it would be on the public site; `bundleSeconds`:
     * the Astro build of the page bundle this preview waited for (0 when the renderer was warm).
     */
    web: ChannelPreview<{ path: string; sitePath: string; bundleSeconds?: number }>
    email: ChannelPreview<{
      path: string
      textPath: string
      subject: string
      preheader: string
      sampleEdition: boolean
    }>
    pdf: ChannelPreview<{ path: string; pages: number }>
    cards: ChannelPreview<{ images: CardImage[]; post: string }>
  }
  /** Problems the export and the channels met and worked around, naming document and field. */
  warnings: ChannelWarning[]
  /**
   * False while the cards are still being drawn and the rest of the site copy rendered (the admin shows
   * a preview before; its files appear within a second). Absent in a preview made in one go.
   */
  complete?: boolean
  /** `shown`: until the manifest was first written (the admin showed the preview from then on). */
  seconds: { export?: number; shown?: number; total: number }
}
