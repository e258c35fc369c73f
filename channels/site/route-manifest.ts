/**
 * The site's record of its last complete output, kept beside it in `<out>/site-state/routes.json` (not
 * in `site/`, which is deployed): the source hash the pages were rendered with, each page's digest
 * (route-digests.ts) and the `/_astro/` files its HTML uses, and the other files Astro generated. The
 * previous complete output is the cache: publish swaps outputs in whole, so the manifest always describes
 * the files beside it, and a killed publish never leaves one that disagrees with them.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

export const SITE_STATE = 'site-state'
export const MANIFEST_FILE = 'routes.json'
export const RECORDS_DIR = 'search'
/** Bump when the meaning of a digest changes. */
const MANIFEST_VERSION = 1

export interface RouteManifest {
  version: number
  sourceHash: string
  /** Page path → its digest and the `_astro/…` files its HTML refers to. */
  pages: Record<string, { digest: string; assets: string[] }>
  /** Files Astro wrote that are not pages (feeds, 404, sitemap, stylesheet, images), relative to `site/`. */
  generated: string[]
}

/** `/sv/artikler/x/` → `sv/artikler/x/index.html` (Astro's `format: 'directory'`). */
export function pageFile(pagePath: string): string {
  return `${pagePath.replace(/^\/+/, '')}index.html`
}

/** The `/_astro/…` files a page's HTML refers to (stylesheet, hero images), relative to the site. */
export function assetsOf(html: string): string[] {
  return [...new Set([...html.matchAll(/\/(_astro\/[^"'\s),]+)/g)].map((m) => m[1]))].sort()
}

export async function readRouteManifest(stateDir: string): Promise<RouteManifest | null> {
  try {
    const manifest = JSON.parse(await readFile(path.join(stateDir, MANIFEST_FILE), 'utf8')) as RouteManifest
    return manifest.version === MANIFEST_VERSION && manifest.pages && Array.isArray(manifest.generated)
      ? manifest
      : null
  } catch {
    return null
  }
}

export async function writeRouteManifest(
  stateDir: string,
  manifest: Omit<RouteManifest, 'version'>,
): Promise<void> {
  const sorted = Object.fromEntries(
    Object.entries(manifest.pages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  )
  await writeFile(
    path.join(stateDir, MANIFEST_FILE),
    JSON.stringify({
      version: MANIFEST_VERSION,
      sourceHash: manifest.sourceHash,
      pages: sorted,
      generated: [...manifest.generated].sort(),
    }) + '\n',
  )
}
