/**
 * The public site and its feeds, into `<out>/site/`; after the cards (order 10), whose og.png the pages
 * point at. Three ways, cheapest first:
 * - nothing the site shows changed (site-cache.ts): the previous `site/` is copied;
 * - only content changed (the site's sources and packages are those of the previous output): only the
 *   pages whose digest changed are rendered (route-digests.ts), with the same Astro components, and the
 *   unchanged pages are copied from the previous output (route-manifest.ts); feeds, sitemap, 404 page,
 *   stylesheet and search index are written for the whole site every time;
 * - otherwise (or `--full`) every page is rendered.
 * `<out>/site-state/` (not deployed) keeps the route manifest and the search records for the next publish.
 */
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { hashSources, projectRoot } from '../shared/content-hash.ts'
import { mediaPath } from '../snapshot/read-snapshot.ts'
import type { PublishContext, PublishStep } from '../types.ts'
import { buildSite } from './build-site.ts'
import { copyFiles, copyFolderExcept } from './copy-tree.ts'
import { pageDigests } from './route-digests.ts'
import {
  assetsOf,
  pageFile,
  readRouteManifest,
  RECORDS_DIR,
  SITE_STATE,
  writeRouteManifest,
  type RouteManifest,
} from './route-manifest.ts'
import { removeRecords } from './search-records.ts'
import {
  mediaFileHashes,
  readSiteCache,
  SITE_SOURCES,
  siteHash,
  socialCards,
  writeSiteCache,
} from './site-cache.ts'
import { buildSiteModel } from './site-model.ts'
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
      context.log(`site: unchanged, ${pages} pages copied from the previous output`)
      return {
        channel: 'site',
        rendered: 0,
        reused: pages,
        warnings: model.warnings,
        seconds: (Date.now() - started) / 1000,
      }
    }

    const digests = pageDigests(model, { mediaHashes, socialCards: new Set(cards) })
    const previous = await usablePrevious(context, siteDir, sourceHash)
    const recordsDir = path.join(stateDir, RECORDS_DIR)
    await rm(stateDir, { recursive: true, force: true })
    await mkdir(stateDir, { recursive: true })

    // Pages to render: all, or those whose digest changed; the others are copied from the previous output.
    let routes: string[] | undefined
    const kept: RouteManifest['pages'] = {}
    let keptGenerated: string[] = []
    if (previous) {
      const { manifest, siteDir: previousSite } = previous
      routes = []
      for (const [pagePath, digest] of digests) {
        const before = manifest.pages[pagePath]
        if (before?.digest === digest) kept[pagePath] = before
        else routes.push(pagePath)
      }
      const gone = Object.keys(manifest.pages).filter((p) => !digests.has(p))
      const keptAssets = new Set(Object.values(kept).flatMap((page) => page.assets))
      keptGenerated = manifest.generated.filter((file) => keptAssets.has(file))
      await copyFiles(previousSite, siteDir, [...Object.keys(kept).map(pageFile), ...keptGenerated])
      const previousRecords = path.join(previous.stateDir, RECORDS_DIR)
      if (existsSync(previousRecords)) await copyFolderExcept(previousRecords, recordsDir, [])
      await removeRecords(recordsDir, [...gone, ...routes].map(pageFile))
      context.log(
        `site: ${routes.length} of ${digests.size} pages changed, ${gone.length} gone; ${Object.keys(kept).length} copied from the previous output`,
      )
    }

    const result = await buildSite({
      loaded: context.loaded,
      snapshotFile: path.join(context.loaded.dir, 'snapshot.json'),
      siteDir,
      buildDate,
      model,
      routes,
      recordsDir,
      assetCacheDir: ASTRO_ASSET_CACHE,
      freshAssetCache: context.full,
      onPage: (written) => context.progress?.(Math.min(written, pages), pages),
      log: context.log,
    })

    // The manifest for the next publish: every page's digest and assets, and what Astro generated besides.
    const rendered = new Set((routes ?? [...digests.keys()]).map(pageFile))
    const manifestPages: RouteManifest['pages'] = { ...kept }
    for (const pagePath of routes ?? digests.keys()) {
      const html = await readFile(path.join(siteDir, pageFile(pagePath)), 'utf8')
      manifestPages[pagePath] = { digest: digests.get(pagePath)!, assets: assetsOf(html) }
    }
    const generated = new Set([...keptGenerated, ...result.written.filter((file) => !rendered.has(file))])
    await writeRouteManifest(stateDir, { sourceHash, pages: manifestPages, generated: [...generated] })
    await writeSiteCache(siteDir, hash)
    context.progress?.(pages, pages)
    return {
      channel: 'site',
      rendered: result.pages,
      reused: pages - result.pages,
      warnings: result.warnings,
      seconds: (Date.now() - started) / 1000,
    }
  },
}

/** The previous output's site and manifest, when its pages were rendered by the same sources. */
async function usablePrevious(context: PublishContext, siteDir: string, sourceHash: string) {
  if (context.full || !context.previousOutDir) return null
  const previousSite = path.join(context.previousOutDir, 'site')
  if (path.resolve(previousSite) === path.resolve(siteDir)) return null
  const stateDir = path.join(context.previousOutDir, SITE_STATE)
  const manifest = await readRouteManifest(stateDir)
  if (!manifest || manifest.sourceHash !== sourceHash) return null
  return { manifest, siteDir: previousSite, stateDir }
}

/**
 * Copies the previous site when its hash matches, except `social/`: the cards channel has already
 * written this run's cards there (and the hash covers which exist), so they are neither overwritten nor
 * lost. The site's state (manifest, search records) comes along.
 */
async function reusePreviousSite(context: PublishContext, siteDir: string, hash: string): Promise<boolean> {
  if (context.full || !context.previousOutDir) return false
  const previousSite = path.join(context.previousOutDir, 'site')
  if (path.resolve(previousSite) === path.resolve(siteDir)) return false
  if ((await readSiteCache(previousSite)) !== hash || !existsSync(path.join(previousSite, 'index.html')))
    return false
  await copyFolderExcept(previousSite, siteDir, ['social'])
  const previousState = path.join(context.previousOutDir, SITE_STATE)
  if (existsSync(previousState))
    await copyFolderExcept(previousState, path.join(context.outDir, SITE_STATE), [])
  return true
}
