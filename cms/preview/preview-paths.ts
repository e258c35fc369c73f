/**
 * Which documents have a preview and where its page is. Kept free of renderer and database imports:
 * the collection configs (and so every CLI start) load it.
 */
import { collectionNames, PAGES } from '../../channels/snapshot/collections.ts'
import type { PreviewCollection } from '../../channels/preview/render-preview.ts'
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../channels/snapshot/locales.ts'

/** The collections an editor can preview: the ones with drafts (the published collections and the site's pages). */
export const PREVIEW_COLLECTIONS: readonly PreviewCollection[] = [...collectionNames, PAGES]
export type { PreviewCollection }

export function isPreviewCollection(value: string): value is PreviewCollection {
  return (PREVIEW_COLLECTIONS as readonly string[]).includes(value)
}

export function asLocale(value: string | null | undefined): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE
}

/** The admin path of a document's preview page (Payload's `admin.preview` and the Preview tab point here). */
export function previewPagePath(
  collection: PreviewCollection,
  id: string | number,
  locale?: string,
  embed = false,
): string {
  return `/preview/${collection}/${encodeURIComponent(String(id))}?locale=${asLocale(locale)}${embed ? '&embed=1' : ''}`
}
