/**
 * The site's URL layout, in one place: pages, feeds, the language switcher and link resolution
 * all build paths here. Danish is the default locale at `/`; sv, nb and en live under `/sv/`, `/nb/`,
 * `/en/` with the same (Danish) path segments, so a path differs between locales only by prefix and slug.
 */
import { PAGE_COLLECTION, type PageCollection } from '../snapshot/collections.ts'
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../snapshot/locales.ts'

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

/**
 * A site page (collection `pages`) at its place in the hierarchy: its ancestors' slugs, root first, then
 * its own: `/bliv-medlem/`, `/om-os/styrelse/`, `/sv/om-oss/styrelsen/`.
 */
export function pagePath(locale: Locale, slugs: readonly string[]): string {
  return `${localePrefix(locale)}/${slugs.join('/')}/`
}

/**
 * First path segments the site itself uses: its sections (articles live under `artikler/`, so no page
 * path can meet an article's), the locale prefixes and the folders publish writes beside the pages.
 * A top-level page may not take one (its path would be another page's or a folder's).
 */
const RESERVED_ROOT_SEGMENTS: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(SECTION).map(([name, segment]) => [segment, `the site's ${name} section`]),
  ),
  ...Object.fromEntries(LOCALES.map((locale) => [locale, `the ${locale} locale prefix`])),
  media: "the site's media folder",
  social: "the social cards' folder",
  pagefind: "the search index's folder",
  _astro: "the site's asset folder",
  '404': 'the not-found page',
  'rss.xml': 'the RSS feed',
  'robots.txt': 'robots.txt',
}

/** Why a top-level page may not have this slug, or null when it may. */
export function reservedPageSlug(slug: string): string | null {
  const use = Object.hasOwn(RESERVED_ROOT_SEGMENTS, slug) ? RESERVED_ROOT_SEGMENTS[slug] : undefined
  return use
    ? `"${slug}" is taken by ${use} (/${slug}/); a top-level page needs another slug, or a parent page`
    : null
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
