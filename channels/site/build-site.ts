/**
 * Builds the public site from a snapshot: Astro (programmatically) renders every page and feed,
 * then the media the pages use are copied beside them and Pagefind indexes every locale.
 * The same site model that drives the pages gives the warnings, so the report matches the output.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import { mediaPath } from '../snapshot/read-snapshot.ts'
import type { Block, Media } from '../snapshot/schema.ts'
import { LOCALES } from '../snapshot/schema.ts'
import type { ChannelWarning } from '../types.ts'
import { siteFeeds } from './feeds.ts'
import { SITE_ENV } from './site-env.ts'
import { buildSiteModel, type SiteModel } from './site-model.ts'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface BuildSiteOptions {
  loaded: LoadedSnapshot
  /** Absolute path of the snapshot file the Astro content loader reads (the one `loaded` came from). */
  snapshotFile: string
  /** Where the site goes (publish: `<out>/site`). Files already there (social cards) are kept. */
  siteDir: string
  /** Scratch folder for Astro's cache and server bundle (default: beside siteDir). */
  workDir?: string
  buildDate?: Date
  /** Pagefind indexing (skipped in the benchmark, which compares page rendering with Hugo). */
  search?: boolean
  log?: (line: string) => void
}

export interface BuildSiteResult {
  /** HTML pages written (the route table plus the 404 page). */
  pages: number
  feeds: number
  mediaFiles: number
  warnings: ChannelWarning[]
  seconds: { astro: number; search: number }
}

export async function buildSite(options: BuildSiteOptions): Promise<BuildSiteResult> {
  const buildDate = options.buildDate ?? new Date()
  const siteDir = path.resolve(options.siteDir)
  // Beside the site (same disk, so the final move is a rename), never inside it.
  const workDir = path.resolve(options.workDir ?? `${siteDir}.astro-work`)
  const model = buildSiteModel(options.loaded.snapshot, { buildDate, mediaExists: (media) => existsSync(mediaPath(options.loaded, media)) })

  const astroOut = path.join(workDir, 'dist')
  const env = {
    [SITE_ENV.snapshot]: path.resolve(options.snapshotFile),
    [SITE_ENV.outDir]: siteDir,
    [SITE_ENV.astroOutDir]: astroOut,
    [SITE_ENV.buildDate]: buildDate.toISOString(),
    [SITE_ENV.workDir]: workDir,
    // No network here, and a build must not phone home.
    ASTRO_TELEMETRY_DISABLED: '1',
  }
  const astroStarted = Date.now()
  try {
    await runAstroBuild(env, options.log)
    await moveInto(astroOut, siteDir)
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
  const astroSeconds = (Date.now() - astroStarted) / 1000

  const warnings = [...model.warnings]
  const mediaFiles = await copyMedia(model, options.loaded, siteDir, warnings)

  let searchSeconds = 0
  if (options.search !== false) {
    const started = Date.now()
    await indexForSearch(siteDir)
    searchSeconds = (Date.now() - started) / 1000
  }
  const pages = model.pages.length + 1
  options.log?.(`site: ${pages} pages, ${siteFeeds(model).length} feeds, ${mediaFiles} media files (Astro ${astroSeconds.toFixed(1)} s, search index ${searchSeconds.toFixed(1)} s)`)
  return { pages, feeds: siteFeeds(model).length, mediaFiles, warnings, seconds: { astro: astroSeconds, search: searchSeconds } }
}

/** Astro's build() in a child Node process (see astro-build.mjs); its warnings go to the log, its errors into the thrown message. */
function runAstroBuild(env: Record<string, string>, log?: (line: string) => void): Promise<void> {
  const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'astro-build.mjs')
  return new Promise((resolve, reject) => {
    // NODE_OPTIONS emptied so a parent's loader (tsx) does not follow into the child.
    const child = spawn(process.execPath, [runner, projectRoot], { cwd: projectRoot, env: { ...process.env, ...env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] })
    const tail: string[] = []
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        tail.push(line)
        if (tail.length > 40) tail.shift()
        if (/\[WARN\]/.test(line)) log?.(`site: astro: ${line.replace(/^.*?\[WARN\]\s*/, '')}`)
      }
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.on('error', (error) => reject(new Error(`site: cannot start the Astro build: ${error.message}`)))
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`site: Astro build failed (exit ${code}):\n${tail.join('\n')}`))))
  })
}

/** Moves Astro's output into the site folder entry by entry, keeping what other channels put there (social/). */
async function moveInto(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true })
  for (const entry of await readdir(from)) {
    const target = path.join(to, entry)
    if (existsSync(target)) await rm(target, { recursive: true, force: true })
    await rename(path.join(from, entry), target)
  }
}

/** Every image a page shows, with the renditions that exist, copied to its public URL under the site. */
async function copyMedia(model: SiteModel, loaded: LoadedSnapshot, siteDir: string, warnings: ChannelWarning[]): Promise<number> {
  const used = new Map<string, Media>()
  const add = (media: Media | null) => {
    const usable = model.usableMedia(media)
    if (usable) used.set(usable.id, usable)
  }
  const addBlocks = (blocks: Block[]) => blocks.forEach((block) => block.type === 'image' && add(block.image))
  add(model.organisation.logo)
  for (const locale of LOCALES) {
    for (const article of model.articles[locale]) add(article.hero), addBlocks(article.body)
    for (const benefit of model.benefits[locale]) add(benefit.logo), addBlocks(benefit.body)
    for (const campaign of [...model.campaigns[locale], ...model.endedCampaigns[locale]]) add(campaign.hero), addBlocks(campaign.body)
    addBlocks(model.organisation.localized[locale].about)
  }
  let copied = 0
  const root = path.resolve(siteDir)
  for (const media of used.values()) {
    for (const rendition of [media, ...Object.values(media.sizes)]) {
      const target = path.resolve(root, `.${rendition.url.split(/[?#]/)[0]}`)
      // A URL such as `/../../etc/x` must not write outside the site.
      if (!rendition.url.startsWith('/') || !target.startsWith(root + path.sep)) {
        warnings.push({ document: `media/${media.id}`, field: 'url', message: `URL ${rendition.url} is not a site path; file not copied` })
        continue
      }
      await mkdir(path.dirname(target), { recursive: true })
      await copyFile(mediaPath(loaded, rendition), target)
      copied++
    }
  }
  return copied
}

/** Pagefind's own index (one per `<html lang>`), for the search page; runs over the finished HTML. */
async function indexForSearch(siteDir: string): Promise<void> {
  const pagefind = await import('pagefind')
  const { index, errors } = await pagefind.createIndex({})
  if (!index) throw new Error(`site: Pagefind could not start: ${errors.join('; ')}`)
  try {
    const added = await index.addDirectory({ path: siteDir })
    if (added.errors.length > 0) throw new Error(`site: Pagefind indexing failed: ${added.errors.join('; ')}`)
    const written = await index.writeFiles({ outputPath: path.join(siteDir, 'pagefind') })
    if (written.errors.length > 0) throw new Error(`site: Pagefind could not write its index: ${written.errors.join('; ')}`)
  } finally {
    await pagefind.close()
  }
}
