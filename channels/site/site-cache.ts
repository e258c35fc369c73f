/**
 * Whether the site in the previous output is the site this snapshot would build: one hash of everything
 * any page shows; when it matches, the previous `site/` is carried over whole and Astro does not run.
 * When it does not, publish-step.ts compares the per-page digests (route-digests.ts) and renders only
 * the pages that changed.
 *
 * The hash is kept in the site's own output (`site/.cache.json`, the shared manifest format of
 * channels/shared/output-cache.ts) rather than in a cache folder of its own: the previous complete
 * output is the cache. Publish swaps outputs in whole, so the manifest always
 * describes the files beside it, and a killed publish never leaves a manifest that disagrees with them.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import {
  hashValue,
  readManifest,
  writeManifest,
  type ManifestKind,
  type SourceSet,
} from '../shared/output-cache.ts'
import { mediaPath, type LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import type { Block, Media } from '../snapshot/schema.ts'
import { LOCALES } from '../snapshot/schema.ts'
import type { SiteModel } from './site-model.ts'

/** `site/.cache.json`: one entry, the hash of the whole site (bump the version when its meaning changes). */
const SITE_MANIFEST: ManifestKind = { channel: 'site', version: 2 }
const WHOLE_SITE = 'site'

/** The code the site is built with: editing any of it (or upgrading Astro, sharp, Pagefind) rebuilds the site. */
export const SITE_SOURCES: SourceSet = {
  paths: ['channels/site', 'channels/shared', 'channels/snapshot', 'site', 'astro.config.mjs'],
  packages: ['astro', '@astrojs/sitemap', '@astrojs/rss', 'pagefind', 'sharp'],
}

/**
 * Hash of the site as the pages will show it: the model's visible documents, pages and topics (built
 * for this build date, so a benefit that expired since the last publish changes it), the Organisation,
 * the bytes of every image the pages use, which social cards exist for og:image (the cards channel has
 * already written them into the site folder), and the source hash.
 */
export async function siteHash(
  model: SiteModel,
  loaded: LoadedSnapshot,
  siteDir: string,
  sourceHash: string,
  known: { mediaHashes?: Map<string, string[]>; socialCards?: string[] } = {},
): Promise<string> {
  const hashes = known.mediaHashes ?? (await mediaFileHashes(model, loaded))
  const media = [...usedMedia(model).values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((item) => ({ media: item, bytes: hashes.get(item.id) }))
  return hashValue({
    version: SITE_MANIFEST.version,
    sourceHash,
    organisation: model.organisation,
    topics: model.topics,
    pages: model.pages,
    articles: model.articles,
    benefits: model.benefits,
    campaigns: model.campaigns,
    endedCampaigns: model.endedCampaigns,
    contentPages: model.contentPages,
    navigation: LOCALES.map((locale) => [
      model.navigation('header', locale),
      model.navigation('footer', locale),
    ]),
    media,
    socialCards: known.socialCards ?? (await socialCards(siteDir)),
    // Editors' redirects (documents' old paths are in the documents above): redirect-files.ts writes them.
    redirects: loaded.snapshot.redirects,
  })
}

/** The sha256 of each file (original, then renditions) of every image the pages show, by media id. */
export async function mediaFileHashes(
  model: SiteModel,
  loaded: LoadedSnapshot,
): Promise<Map<string, string[]>> {
  const used = [...usedMedia(model).values()]
  const hashes = new Map<string, string[]>()
  let next = 0
  const worker = async () => {
    while (next < used.length) {
      const item = used[next++]
      hashes.set(item.id, await Promise.all(renditions(item).map((r) => fileHash(mediaPath(loaded, r)))))
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  return hashes
}

/** Every image a page shows, as usable (renditions whose file is missing left out), by media id. */
export function usedMedia(model: SiteModel): Map<string, Media> {
  const used = new Map<string, Media>()
  const add = (media: Media | null) => {
    const usable = model.usableMedia(media)
    if (usable) used.set(usable.id, usable)
  }
  const addBlocks = (blocks: Block[]) => blocks.forEach((block) => block.type === 'image' && add(block.image))
  add(model.organisation.logo)
  for (const locale of LOCALES) {
    for (const article of model.articles[locale]) {
      add(article.hero)
      addBlocks(article.body)
    }
    for (const benefit of model.benefits[locale]) {
      add(benefit.logo)
      addBlocks(benefit.body)
    }
    for (const campaign of [...model.campaigns[locale], ...model.endedCampaigns[locale]]) {
      add(campaign.hero)
      addBlocks(campaign.body)
    }
    for (const page of model.contentPages[locale]) addBlocks(page.body)
    addBlocks(model.organisation.localized[locale].about)
  }
  return used
}

export function renditions(media: Media) {
  return [media, ...Object.values(media.sizes)]
}

async function fileHash(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex')
}

/** `social/<kind>/<slug>/<locale>/og.png` paths under the site folder, sorted (what og-image.ts looks for). */
export async function socialCards(siteDir: string): Promise<string[]> {
  const root = path.join(siteDir, 'social')
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile() && entry.name === 'og.png')
    .map((entry) => path.relative(siteDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}

export async function readSiteCache(siteDir: string): Promise<string | null> {
  return (await readManifest(siteDir, SITE_MANIFEST))?.entries[WHOLE_SITE]?.hash ?? null
}

/** The whole-site hash, in the shared manifest format (channels/shared/output-cache.ts). */
export async function writeSiteCache(siteDir: string, hash: string, sourceHash: string): Promise<void> {
  await writeManifest(siteDir, { ...SITE_MANIFEST, sourceHash, entries: { [WHOLE_SITE]: { hash } } })
}
