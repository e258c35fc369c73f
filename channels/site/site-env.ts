import { defaultBuildDate } from '../snapshot/visibility.ts'

/**
 * How a build tells the Astro site what to read: the site reads ONLY the snapshot named here (never the CMS).
 * Environment variables, because Astro evaluates the config and the content loader in the same process
 * as `build()` and they are the one channel both `astro build` on the command line and the publish step share.
 */
export const SITE_ENV = {
  /** Absolute path of snapshot.json (media paths are relative to its folder). */
  snapshot: 'BUDSTIKKE_SNAPSHOT',
  /** The folder the site is written into; social cards are looked up under it (`social/…/og.png`). */
  outDir: 'BUDSTIKKE_SITE_OUT',
  /** Where Astro itself writes (it empties that folder first), when it differs from outDir. */
  astroOutDir: 'BUDSTIKKE_ASTRO_OUT',
  /** Scratch folder for Astro's cache and server bundle, one per build. */
  workDir: 'BUDSTIKKE_SITE_WORK',
  /**
   * Where builds make their scratch folders (default `<project>/.tmp/site-work`); must be inside the
   * project, where Astro's page bundle finds node_modules. Tests give a build a disk of its own with it.
   */
  workRoot: 'BUDSTIKKE_SITE_WORK_ROOT',
  /** JSON file: the pages this run renders and the whole site's sitemap (render-plan.ts). */
  plan: 'BUDSTIKKE_SITE_PLAN',
  /** ISO date the build judges expiry against (default: now). */
  buildDate: 'BUDSTIKKE_BUILD_DATE',
} as const

export function siteBuildDate(): Date {
  return defaultBuildDate()
}
