/**
 * The site's per-page record of its last complete output, kept in `<out>/site-state/.cache.json` (beside
 * `site/`, so it is not deployed) through the shared output cache (channels/shared/output-cache.ts):
 * the source hash the pages were rendered with and, per page path, its digest (route-digests.ts) and
 * the `/_astro/` files its HTML uses (its hero images, the stylesheet), which are carried over with it.
 */
import type { CacheEntry, ManifestKind } from '../shared/output-cache.ts'

export const SITE_STATE = 'site-state'
export const RECORDS_DIR = 'search'
/** Bump the version when the meaning of a digest changes. */
export const ROUTES_MANIFEST: ManifestKind = { channel: 'site', version: 1 }

export interface RouteEntry extends CacheEntry {
  /** `_astro/…` files the page's HTML refers to, relative to the site folder. */
  assets: string[]
}

/** `/sv/artikler/x/` → `sv/artikler/x/index.html` (Astro's `format: 'directory'`). */
export function pageFile(pagePath: string): string {
  return `${pagePath.replace(/^\/+/, '')}index.html`
}

/** The `/_astro/…` files a page's HTML refers to (stylesheet, hero images), relative to the site. */
export function assetsOf(html: string): string[] {
  return [...new Set([...html.matchAll(/\/(_astro\/[^"'\s),]+)/g)].map((m) => m[1]))].sort()
}
