/**
 * The site's URL layout, in one place: pages, feeds, the language switcher and link resolution
 * all build paths here. Danish is the default locale at `/`; sv, nb and en live under `/sv/`, `/nb/`,
 * `/en/` with the same (Danish) path segments, so a path differs between locales only by prefix and slug.
 */
import { PAGE_COLLECTION, type PageCollection } from '../snapshot/collections.ts'
import { DEFAULT_LOCALE, type Locale } from '../snapshot/locales.ts'

export type { PageCollection }

export const SECTION = {
  articles: PAGE_COLLECTION.articles.section,
  topics: 'emner',
  benefits: PAGE_COLLECTION.benefits.section,
  campaigns: PAGE_COLLECTION.campaigns.section,
  about: 'om',
  search: 'soeg',
  archive: 'arkiv',
} as const

export function localePrefix(locale: Locale): string {
  return locale === DEFAULT_LOCALE ? '' : `/${locale}`
}

export function homePath(locale: Locale): string {
  return `${localePrefix(locale)}/`
}

export function documentPath(collection: PageCollection, locale: Locale, slug: string): string {
  return `${localePrefix(locale)}/${SECTION[collection]}/${slug}/`
}

export function topicPath(locale: Locale, topic: string, page = 1): string {
  return `${localePrefix(locale)}/${SECTION.topics}/${topic}/${page > 1 ? `${page}/` : ''}`
}

/** Every article of a locale, newest first, paginated like a topic. */
export function archivePath(locale: Locale, page = 1): string {
  return `${localePrefix(locale)}/${SECTION.archive}/${page > 1 ? `${page}/` : ''}`
}

export function sectionPath(section: 'benefits' | 'campaigns' | 'about' | 'search', locale: Locale): string {
  return `${localePrefix(locale)}/${SECTION[section]}/`
}

export function feedPath(locale: Locale, scope: { topic?: string; benefits?: boolean } = {}): string {
  if (scope.topic) return `${localePrefix(locale)}/${SECTION.topics}/${scope.topic}/rss.xml`
  if (scope.benefits) return `${localePrefix(locale)}/${SECTION.benefits}/rss.xml`
  return `${localePrefix(locale)}/rss.xml`
}

/** `/sv/artikler/x/` → `sv/artikler/x` : the form Astro's rest parameter expects (undefined for `/`). */
export function toRestParam(pagePath: string): string | undefined {
  const trimmed = pagePath.replace(/^\/+|\/+$/g, '')
  return trimmed === '' ? undefined : trimmed
}
