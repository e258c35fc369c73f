/**
 * Links to the public site from outside it (newsletters, cards and their posts, letters, feeds):
 * the site's own path layout (channels/site/routes.ts) with the slug encoded once, on the
 * Organisation's site URL. The one place a channel joins a site URL and a path.
 */
import type { PageCollection } from '../snapshot/collections.ts'
import type { Locale } from '../snapshot/locales.ts'
import type { Page } from '../snapshot/schema.ts'
import { documentPath, pagePath } from '../site/routes.ts'

/** Site path of a document page as a link: `/artikler/ok26/`, `/sv/artikler/ok26-omrostning/`; the slug percent-encoded. */
export function documentLinkPath(collection: PageCollection, locale: Locale, slug: string): string {
  return documentPath(collection, locale, encodeURIComponent(slug))
}

/**
 * Site path of a snapshot page (the `pages` collection) under its parents' slugs, as the site writes
 * it and its menus link to it: `/om-os/bestyrelsen/`, `/sv/om-oss/`.
 */
export function contentPagePath(page: Pick<Page, 'locale' | 'parentSlugs' | 'slug'>): string {
  return pagePath(page.locale, [...page.parentSlugs, page.slug])
}

/** `https://site.example` + a site path; an absolute URL (any scheme) passes through, `//host/…` gets https. */
export function absoluteUrl(siteUrl: string, pathOrUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl)) return pathOrUrl
  if (pathOrUrl.startsWith('//')) return `https:${pathOrUrl}`
  return `${siteUrl.replace(/\/+$/, '')}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`
}

/** Absolute URL of a document page. */
export function documentUrl(
  siteUrl: string,
  collection: PageCollection,
  locale: Locale,
  slug: string,
): string {
  return absoluteUrl(siteUrl, documentLinkPath(collection, locale, slug))
}
