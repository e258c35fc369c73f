/**
 * The public site and its feeds, into `<out>/site/`; after the cards (order 10), whose og.png the pages
 * point at. Three ways, cheapest first:
 * - nothing the site shows changed (site-cache.ts): the previous `site/` is copied;
 * - only content changed (the site's sources and packages are those of the previous output): only the
 *   pages whose digest changed are rendered (route-digests.ts), with the same Astro components (through
 *   the page bundle the last Astro build kept, page-bundle.ts, else an Astro run), and the unchanged pages
 *   are copied from the previous output (route-manifest.ts); feeds, sitemap, 404 page, stylesheet and
 *   search index are written for the whole site every time;
 * - otherwise (or `--full`) every page is rendered: through the kept page bundle on every core when one
 *   exists for these site sources, else by Astro (build-site.ts).
 * `<out>/site-state/` (not deployed) keeps the route manifest and the search records for the next publish.
 */
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { hashSources, projectRoot } from '../shared/content-hash.ts'
import { mediaPath } from '../snapshot/read-snapshot.ts'
import type { PublishContext, PublishStep } from '../types.ts'
import { buildSite } from './build-site.ts'
import { pageDigests } from './route-digests.ts'
import {
  assetsOf,
  pageFile,
  RECORDS_DIR,
  ROUTES_MANIFEST,
  SITE_STATE,
  type RouteEntry,
} from './route-manifest.ts'
import {
  carryOverFiles,
  carryOverTree,
  planReuse,
  readManifest,
  removeOutputs,
  writeManifest,
} from '../shared/output-cache.ts'
import {
  mediaFileHashes,
  readSiteCache,
  SITE_SOURCES,
  siteHash,
  socialCards,
  writeSiteCache,
} from './site-cache.ts'
import { buildSiteModel } from './site-model.ts'
import { pageBundleDir } from './page-bundle.ts'
import { defaultBuildDate } from '../snapshot/visibility.ts'

/**
 * Astro's image cache between publishes: in the project's scratch folder (git-ignored), never in the
 * output (which is deployed). With it a rebuild of the exported demo site (63 hero images) took ~35 %
 * less CPU (measured for issue 7): the heroes are not encoded to WebP again.
 */
export const ASTRO_ASSET_CACHE = path.join(projectRoot, '.tmp/astro-cache/assets')

export const publishStep: PublishStep = {
  name: 'site',
  order: 30,
  outputs: ['site', SITE_STATE],
  async run(context) {
    const started = Date.now()
    const siteDir = path.join(context.outDir, 'site')
    const stateDir = path.join(context.outDir, SITE_STATE)
    await mkdir(siteDir, { recursive: true })
    // One build date for the hash, the model and the Astro build: expiry is judged once.
    const buildDate = context.buildDate ?? defaultBuildDate()
    const model = buildSiteModel(context.loaded.snapshot, {
      buildDate,
      mediaExists: (media) => existsSync(mediaPath(context.loaded, media)),
    })
    const pages = model.pages.length + 1 // and the 404 page
    context.progress?.(0, pages)
    const sourceHash = await hashSources(SITE_SOURCES)
    const mediaHashes = await mediaFileHashes(model, context.loaded)
    const cards = await socialCards(siteDir)
    const hash = await siteHash(model, context.loaded, siteDir, sourceHash, {
      mediaHashes,
      socialCards: cards,
    })

    if (await reusePreviousSite(context, siteDir, hash)) {
      context.progress?.(pages, pages)
      context.log(`site: unchanged, ${pages} pages carried over from the previous output`)
      return {
        channel: 'site',
        rendered: 0,
        reused: pages,
        warnings: model.warnings,
        seconds: (Date.now() - started) / 1000,
      }
    }

    const digests = pageDigests(model, { mediaHashes, socialCards: new Set(cards) })
    const previous = await usablePrevious(context, siteDir)
    const recordsDir = path.join(stateDir, RECORDS_DIR)
    await rm(stateDir, { recursive: true, force: true })
    await mkdir(stateDir, { recursive: true })

    // Pages to render: all, or those whose digest changed or that are new; the others are carried over
    // from the previous output (hard links: nothing below writes into a carried file, see output-cache.ts).
    const plan = planReuse(previous?.manifest ?? null, sourceHash, digests)
    let routes: string[] | undefined
    let carried: Promise<void> | undefined
    const kept: Record<string, RouteEntry> = {}
    if (previous && plan.reuse.length > 0) {
      routes = plan.render
      for (const pagePath of plan.reuse) kept[pagePath] = previous.manifest.entries[pagePath]
      // Only files the previous site has: a page's text may mention `/_astro/…` without it being a file.
      const assets = [...new Set(Object.values(kept).flatMap((page) => page.assets))].filter((file) =>
        existsSync(path.join(previous.siteDir, file)),
      )
      // While the touched pages are rendered (buildSite places them only after this is done): linking
      // 11,000 pages took 2–3 s of a publish after one edit, the render about as long.
      carried = (async () => {
        await carryOverFiles(previous.siteDir, siteDir, [...plan.reuse.map(pageFile), ...assets])
        await carryOverTree(path.join(previous.stateDir, RECORDS_DIR), recordsDir)
        await removeOutputs(recordsDir, plan.drop.map(pageFile))
      })()
      // Its failure is thrown where buildSite awaits it; until then it must not count as unhandled.
      carried.catch(() => {})
      const gone = plan.drop.filter((pagePath) => !digests.has(pagePath)).length
      context.log(
        `site: ${plan.render.length} of ${digests.size} pages to render, ${gone} gone; ${plan.reuse.length} carried over from the previous output`,
      )
    }

    const result = await buildSite({
      loaded: context.loaded,
      snapshotFile: path.join(context.loaded.dir, 'snapshot.json'),
      siteDir,
      buildDate,
      model,
      routes,
      siteReady: carried,
      recordsDir,
      assetCacheDir: ASTRO_ASSET_CACHE,
      pageBundle: {
        dir: pageBundleDir(sourceHash, model.organisation.siteUrl),
        previousSiteDir: routes ? previous?.siteDir : undefined,
        mediaHashes,
      },
      freshAssetCache: context.full,
      onPage: (written) => context.progress?.(Math.min(written, pages), pages),
      log: context.log,
    })

    // The manifest for the next publish: every page's digest and the assets its HTML uses.
    const entries: Record<string, RouteEntry> = { ...kept }
    for (const pagePath of routes ?? digests.keys()) {
      const html = await readFile(path.join(siteDir, pageFile(pagePath)), 'utf8')
      entries[pagePath] = { hash: digests.get(pagePath)!, assets: assetsOf(html) }
    }
    await writeManifest(stateDir, { ...ROUTES_MANIFEST, sourceHash, entries })
    await writeSiteCache(siteDir, hash, sourceHash)
    context.progress?.(pages, pages)
    return {
      channel: 'site',
      rendered: result.pages,
      reused: pages - result.pages,
      warnings: result.warnings,
      seconds: (Date.now() - started) / 1000,
      way: result.renderer,
    }
  },
}

/** The previous output's site, its state folder and its route manifest (null with `--full` or none). */
async function usablePrevious(context: PublishContext, siteDir: string) {
  if (context.full || !context.previousOutDir) return null
  const previousSite = path.join(context.previousOutDir, 'site')
  if (path.resolve(previousSite) === path.resolve(siteDir)) return null
  const stateDir = path.join(context.previousOutDir, SITE_STATE)
  const manifest = await readManifest<RouteEntry>(stateDir, ROUTES_MANIFEST)
  return manifest && { manifest, siteDir: previousSite, stateDir }
}

/**
 * Carries the previous site over when its hash matches, except `social/`: the cards channel has already
 * written this run's cards there (and the hash covers which exist), so they are neither overwritten nor
 * lost. The site's state (route manifest, search records) comes along.
 */
async function reusePreviousSite(context: PublishContext, siteDir: string, hash: string): Promise<boolean> {
  if (context.full || !context.previousOutDir) return false
  const previousSite = path.join(context.previousOutDir, 'site')
  if (path.resolve(previousSite) === path.resolve(siteDir)) return false
  if ((await readSiteCache(previousSite)) !== hash || !existsSync(path.join(previousSite, 'index.html')))
    return false
  await carryOverTree(previousSite, siteDir, ['social'])
  await carryOverTree(path.join(context.previousOutDir, SITE_STATE), path.join(context.outDir, SITE_STATE))
  return true
}
