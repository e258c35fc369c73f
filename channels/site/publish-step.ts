/**
 * The public site and its feeds, into `<out>/site/`; after the cards (order 10), whose og.png the pages
 * point at. Astro cannot build single pages, so the site is rebuilt whole when anything it shows changed,
 * and copied from the previous output when nothing did (see site-cache.ts).
 */
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { hashSources, projectRoot } from '../shared/content-hash.ts'
import { mediaPath } from '../snapshot/read-snapshot.ts'
import type { PublishContext, PublishStep } from '../types.ts'
import { buildSite } from './build-site.ts'
import { copyFolderExcept } from './copy-tree.ts'
import { readSiteCache, SITE_SOURCES, siteHash, writeSiteCache } from './site-cache.ts'
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
  async run(context) {
    const started = Date.now()
    const siteDir = path.join(context.outDir, 'site')
    await mkdir(siteDir, { recursive: true })
    // One build date for the hash, the model and the Astro build: expiry is judged once.
    const buildDate = context.buildDate ?? defaultBuildDate()
    const model = buildSiteModel(context.loaded.snapshot, {
      buildDate,
      mediaExists: (media) => existsSync(mediaPath(context.loaded, media)),
    })
    const pages = model.pages.length + 1 // and the 404 page
    context.progress?.(0, pages)
    const hash = await siteHash(model, context.loaded, siteDir, await hashSources(SITE_SOURCES))

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

    const result = await buildSite({
      loaded: context.loaded,
      snapshotFile: path.join(context.loaded.dir, 'snapshot.json'),
      siteDir,
      buildDate,
      model,
      assetCacheDir: ASTRO_ASSET_CACHE,
      freshAssetCache: context.full,
      onPage: (written) => context.progress?.(Math.min(written, pages), pages),
      log: context.log,
    })
    await writeSiteCache(siteDir, hash)
    context.progress?.(pages, pages)
    return {
      channel: 'site',
      rendered: result.pages,
      reused: 0,
      warnings: result.warnings,
      seconds: (Date.now() - started) / 1000,
    }
  },
}

/**
 * Copies the previous site when its hash matches, except `social/`: the cards channel has already
 * written this run's cards there (and the hash covers which exist), so they are neither overwritten nor lost.
 */
async function reusePreviousSite(context: PublishContext, siteDir: string, hash: string): Promise<boolean> {
  if (context.full || !context.previousOutDir) return false
  const previousSite = path.join(context.previousOutDir, 'site')
  if (path.resolve(previousSite) === path.resolve(siteDir)) return false
  if ((await readSiteCache(previousSite)) !== hash || !existsSync(path.join(previousSite, 'index.html')))
    return false
  await copyFolderExcept(previousSite, siteDir, ['social'])
  return true
}
