/**
 * Which documents have a preview and where its page is. Kept free of renderer and database imports:
 * the collection configs (and so every CLI start) load it.
 */
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../channels/snapshot/schema.ts'

/** The collections an editor can preview: the ones with drafts. */
export const PREVIEW_COLLECTIONS = ['articles', 'benefits', 'campaigns', 'newsletters', 'letters'] as const
export type PreviewCollection = (typeof PREVIEW_COLLECTIONS)[number]

export function isPreviewCollection(value: string): value is PreviewCollection {
  return (PREVIEW_COLLECTIONS as readonly string[]).includes(value)
}

export function asLocale(value: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : DEFAULT_LOCALE
}

/** The admin path of a document's preview page (Payload's `admin.preview` and the Preview tab point here). */
export function previewPagePath(collection: PreviewCollection, id: string | number, locale?: string, embed = false): string {
  return `/preview/${collection}/${encodeURIComponent(String(id))}?locale=${asLocale(locale)}${embed ? '&embed=1' : ''}`
}
