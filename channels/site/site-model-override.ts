/**
 * How a warm site renderer (warm-site-renderer.ts) shows another snapshot through an Astro bundle built
 * once: it hands the bundle's pages the site model to render from, instead of the content collections
 * baked into the bundle when it was built. The bundle carries its own copy of this module, so the two
 * copies meet on `globalThis` under a registered symbol (the one place the host and the bundle share).
 * Unset in a normal build: the pages read the content collections.
 */
import type { SiteModel } from './site-model.ts'

export interface SiteModelOverride {
  model: SiteModel
  /** The folder the pages are written to (where social cards would be looked up). */
  outDir: string
}

const KEY = Symbol.for('budstikke.site.modelOverride')
type Holder = { [KEY]?: SiteModelOverride | null }

export function setSiteModelOverride(override: SiteModelOverride | null): void {
  ;(globalThis as Holder)[KEY] = override
}

export function siteModelOverride(): SiteModelOverride | null {
  return (globalThis as Holder)[KEY] ?? null
}
