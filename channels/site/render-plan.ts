/**
 * What one Astro run renders, handed from the publish step to the Astro child as a JSON file named by
 * `BUDSTIKKE_SITE_PLAN`: the page paths to render (all of them in a full build, the touched ones in an
 * incremental one) and the whole site's sitemap entries (every page, rendered or copied), so the sitemap
 * is the same whichever pages this run renders. Without a plan (`npx astro build`) every page is
 * rendered and the sitemap comes from the built pages.
 */
import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { setting } from '../shared/config.ts'
import { DEFAULT_LOCALE, LOCALES } from '../snapshot/locales.ts'
import type { SiteModel } from './site-model.ts'

export interface SitemapLink {
  lang: string
  url: string
}

export interface SitemapEntry {
  url: string
  links?: SitemapLink[]
}

export interface RenderPlan {
  /** Page paths (`/sv/artikler/x/`) to render; null: every page. */
  routes: string[] | null
  /** Every page of the site with its language alternates, by absolute URL. */
  sitemap: SitemapEntry[]
}

/** Pages the sitemap leaves out (search pages are noindex; the 404 page has no address). */
export const NOT_IN_SITEMAP = /\/(soeg|404)\/$/

/**
 * The sitemap entries of the whole site: each page with the hreflang alternates its head declares
 * (both come from `model.alternates`), x-default last, and none when it exists in one language only.
 */
export function sitemapEntries(model: SiteModel): SitemapEntry[] {
  const site = model.organisation.siteUrl
  const absolute = (p: string) => new URL(p, site).href
  const entries: SitemapEntry[] = []
  for (const page of model.pages) {
    const url = absolute(page.path)
    if (NOT_IN_SITEMAP.test(url)) continue
    const alternates = model.alternates(page)
    const languages = LOCALES.filter((l) => alternates[l])
    if (languages.length < 2) {
      entries.push({ url })
      continue
    }
    const links: SitemapLink[] = languages.map((l) => ({ lang: l, url: absolute(alternates[l]!) }))
    if (alternates[DEFAULT_LOCALE])
      links.push({ lang: 'x-default', url: absolute(alternates[DEFAULT_LOCALE]) })
    entries.push({ url, links })
  }
  return entries
}

/**
 * The options of `@astrojs/sitemap` for a plan: the plan's pages are the sitemap, with their alternates.
 * One place for the Astro config (astro.config.mjs) and the page bundle's render (page-bundle-render.ts),
 * so both write the same sitemap.
 */
export function planSitemapOptions(plan: RenderPlan) {
  const links = new Map(plan.sitemap.map((entry) => [entry.url, entry.links]))
  return {
    customPages: [...links.keys()],
    filter: (page: string) => links.has(page),
    serialize: <Item extends { url: string }>(item: Item) => {
      const alternates = links.get(item.url)
      return alternates ? { ...item, links: alternates } : item
    },
  }
}

export async function writeRenderPlan(file: string, plan: RenderPlan): Promise<void> {
  await writeFile(file, JSON.stringify(plan))
}

let cached: { file: string; plan: RenderPlan } | undefined

/** The plan of this Astro run, or null when there is none (every page, sitemap from the built pages). */
export function renderPlan(): RenderPlan | null {
  const file = setting('BUDSTIKKE_SITE_PLAN')
  if (!file) return null
  if (cached?.file !== file) cached = { file, plan: JSON.parse(readFileSync(file, 'utf8')) as RenderPlan }
  return cached.plan
}
