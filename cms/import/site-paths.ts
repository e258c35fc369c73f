/**
 * The inverse of channels/site/routes.ts's `documentPath`: which document a path on the new site names
 * (`/artikler/slug/`, `/sv/fordele/slug/`). The import turns a link to such a path into an internal
 * link, so it follows the document and is shown as text while the document is not published.
 */
import { PAGE_COLLECTION, type PageCollection } from '../../channels/snapshot/collections.ts'
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../channels/snapshot/schema.ts'

export interface SitePathTarget {
  collection: PageCollection
  locale: Locale
  slug: string
}

const COLLECTION_OF_SECTION = new Map(
  (Object.entries(PAGE_COLLECTION) as [PageCollection, { section: string }][]).map(([collection, info]) => [
    info.section,
    collection,
  ]),
)

export function documentOfSitePath(href: string): SitePathTarget | null {
  const path = href.replace(/[?#].*$/, '')
  const match = /^\/(?:([a-z]{2})\/)?([a-z0-9-]+)\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(path)
  if (!match) return null
  const locale = (match[1] ?? DEFAULT_LOCALE) as Locale
  if (match[1] && (locale === DEFAULT_LOCALE || !(LOCALES as readonly string[]).includes(locale))) return null
  const collection = COLLECTION_OF_SECTION.get(match[2])
  return collection ? { collection, locale, slug: match[3] } : null
}
