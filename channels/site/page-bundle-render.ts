/**
 * Renders the touched pages of an incremental publish through a kept page bundle (keep-page-bundle.mjs),
 * without an Astro build: a process of its own started by page-bundle.ts, run by plain Node (its type
 * stripping; no tsx hooks on the bundle's chunks, and no test runner rewriting its `import()`).
 *
 * It re-creates what Astro's default prerenderer had (astro/dist/core/build/default-prerenderer.js): the
 * bundle's app, with the stylesheets and scripts of each page's head; points the bundle's pages at the
 * site model of the snapshot to publish (site-model-override.ts); hands each hero to Astro's <Image> with
 * the metadata the build gave it and names the WebP files as the build does (an `addStaticImage` made as
 * Astro's vite-plugin-assets.js makes it), and writes each page, feed, the 404 page, robots.txt and the
 * sitemap where the build writes them, under `stageDir`.
 *
 * What it cannot give byte for byte, it refuses (exit 3, the reason on stderr, nothing written outside
 * `stageDir`): a hero the bundle's list does not know (a new or changed image: its WebP files must be
 * encoded by Astro), or a WebP file the previous output lacks. The caller then runs Astro.
 *
 * Usage: node page-bundle-render.ts <job.json>
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Snapshot } from '../snapshot/schema.ts'
import type { SiteModel } from './site-model.ts'
import { buildSiteModel } from './site-model.ts'
import { setSiteModelOverride } from './site-model-override.ts'
import { planSitemapOptions, sitemapEntries } from './render-plan.ts'
import { assetsOf } from './route-manifest.ts'
import { KEPT_ASSETS } from './keep-page-bundle.mjs'

export interface PageBundleJob {
  bundleDir: string
  /** The snapshot as the publish parsed it (JSON), and the folder its media paths are relative to. */
  snapshotJson: string
  snapshotDir: string
  buildDate: string
  /** The site being published: social cards are there already (og:image). */
  siteDir: string
  /**
   * The previous complete site: the hero WebP files and stylesheets the rendered pages use come from it,
   * else from the bundle's own copy of its builds' `/_astro/` files (keep-page-bundle.mjs). None in a full
   * build into a clean folder.
   */
  previousSiteDir?: string
  /** Where the rendered files go (then moved over the carried pages by the caller). */
  stageDir: string
  /** Page paths to render, or null for every page; feeds, 404, robots.txt and the sitemap are always written. */
  routes: string[] | null
  /**
   * This process's share when several render one build side by side: every `of`-th page of the route
   * table from `index` on; part 0 also writes everything that is not a page of the table (feeds, 404,
   * robots.txt, sitemap, `site/public`, the heroes' originals). Default: all of it.
   */
  part?: { index: number; of: number }
  /** sha256 of each hero's image file, by media id. */
  heroHashes: Record<string, string>
  /** File the result is written to (JSON: `{ written }`). */
  resultFile: string
}

/** Exit code meaning "the bundle cannot give this output; use Astro" (the reason on stderr). */
export const UNUSABLE_EXIT = 3

class Unusable extends Error {}

interface BundleDescription {
  version: number
  entry: string
  pageStyles: [string, { styles: unknown[] }][]
  entrySpecifierToBundleMap: [string, string][]
  scripts: unknown[]
  site: string
  base: string
  assetsPrefix: unknown
  buildFormat: string
  imageService: string
}

type ImageMeta = { src: string; width: number; height: number; format: string }
type RouteData = { type: string; component: string; route: string }
interface BundleApp {
  setInternals(internals: unknown): void
  setOptions(options: unknown): void
  routeCache: { clearAll(): void }
  render(request: Request, options: { routeData: RouteData }): Promise<Response>
}

const astroFile = (relative: string) =>
  import(pathToFileURL(path.join(process.cwd(), 'node_modules/astro/dist', relative)).href)

async function main(jobFile: string): Promise<void> {
  const clock = stopwatch()
  const job = JSON.parse(await readFile(jobFile, 'utf8')) as PageBundleJob
  const description = await readDescription(job.bundleDir)
  const images = JSON.parse(await readFile(path.join(job.bundleDir, 'images.json'), 'utf8')) as Record<
    string,
    ImageMeta
  >
  const snapshot = JSON.parse(await readFile(job.snapshotJson, 'utf8')) as Snapshot
  const model = buildSiteModel(snapshot, {
    buildDate: new Date(job.buildDate),
    mediaExists: (media) => existsSync(path.resolve(job.snapshotDir, media.file)),
  })
  clock.lap('model')
  const missing = giveHeroes(model, job, images)
  // Every page is rendered: a hero the bundle has not seen would be met anyway, so say it before rendering.
  if (job.routes === null && missing.unknown.size > 0)
    throw new Unusable(
      `new or changed hero image (${[...missing.unknown].slice(0, 3).join(', ')}): its WebP files are made by Astro`,
    )
  setSiteModelOverride({ model, outDir: job.siteDir })
  const produced = new Set<string>()
  await installStaticImages(description, produced)

  const { app } = (await import(
    pathToFileURL(path.join(job.bundleDir, 'prerender', description.entry)).href
  )) as { app: BundleApp }
  const warnings: string[] = []
  const logger = {
    warn: (_label: unknown, message: string) => warnings.push(message),
    options: {
      destination: {
        write(event: { level: string; message: string }) {
          if (event.level === 'warn' || event.level === 'error') warnings.push(event.message)
          return true
        },
      },
    },
  }
  app.setInternals({
    pagesByKeys: new Map(description.pageStyles),
    entrySpecifierToBundleMap: new Map(description.entrySpecifierToBundleMap),
  })
  app.setOptions({ settings: { scripts: description.scripts }, logger })
  app.routeCache.clearAll()

  const { StaticPaths } = await import('astro/runtime/prerender/static-paths.js')
  const { createRequest } = await astroFile('core/request.js')
  const { getOutputFilename } = await astroFile('core/output-filename.js')
  clock.lap('bundle')
  const all = (await new StaticPaths(
    app as unknown as ConstructorParameters<typeof StaticPaths>[0],
  ).getAll()) as { pathname: string; route: RouteData }[]
  clock.lap('paths')
  const pagePaths = new Set(model.pages.map((page) => page.path))
  const wanted = job.routes && new Set(job.routes)
  const part = job.part ?? { index: 0, of: 1 }
  let pageNumber = 0
  const origin = new URL(description.site).origin
  const written: string[] = []
  const seen = new Set<string>()
  const pageAssets = assetsNamed()
  const folders = new Set<string>()
  for (const { pathname, route } of all) {
    const sitePath = pathname.endsWith('/') ? pathname : `${pathname}/`
    const tablePage = route.type === 'page' && pagePaths.has(sitePath)
    if (tablePage && wanted && !wanted.has(sitePath)) continue
    // Astro renders a path once, the first route's (generate.js).
    const normalized = pathname.replace(/\/+$/, '')
    if (seen.has(normalized)) continue
    seen.add(normalized)
    // Every process walks the same list in the same order, so the shares neither overlap nor leave a gap.
    if (tablePage ? pageNumber++ % part.of !== part.index : part.index !== 0) continue
    const url = new URL(route.type === 'page' && !/\.\w+$/.test(pathname) ? sitePath : pathname, origin)
    const request = createRequest({
      url,
      headers: new Headers(),
      logger,
      isPrerendered: true,
      routePattern: route.component,
    }) as Request
    const response = await app.render(request, { routeData: route })
    if (response.status >= 300 && response.status < 400)
      throw new Unusable(`${pathname} answered with a redirect`)
    if (!response.body) continue
    const file = (getOutputFilename(description.buildFormat, pathname, route) as string).replace(/^\/+/, '')
    const target = path.join(job.stageDir, file)
    const bytes = Buffer.from(await response.arrayBuffer())
    // Synchronous: a page's folder and file are two quick system calls, and awaiting each through libuv's
    // thread pool left this process waiting more than rendering (half of a full build's wall time).
    const folder = path.dirname(target)
    if (!folders.has(folder)) mkdirSync(folder, { recursive: true })
    folders.add(folder)
    writeFileSync(target, bytes)
    written.push(file)
    if (file.endsWith('.html')) pageAssets.note(bytes.toString('utf8'))
    // One line per page written: the publish's progress display counts them (as Astro's log lines).
    if (file.endsWith('.html')) process.stdout.write('page\n')
  }
  clock.lap('render')
  if (missing.used.size > 0)
    throw new Unusable(
      `new or changed hero image (${[...missing.used].slice(0, 3).join(', ')}): its WebP files are made by Astro`,
    )
  for (const line of warnings) process.stderr.write(`[WARN] ${line}\n`)

  // Astro's build also writes the original of every hero in the content collections (all documents of
  // the snapshot, shown or not), as `/_astro/<name>.<hash>.<ext>`: the same files, from the previous output.
  if (part.index === 0) {
    for (const original of await heroOriginals(snapshot, job, images)) produced.add(original)
    written.push(...(await writeSitemap(model, description, job.stageDir)))
    written.push(...(await copyPublicFiles(job.stageDir)))
    // A full build writes every file of Astro's output that is not an image (a stylesheet or script
    // bundled on its own), whether or not a page names it.
    if (job.routes === null) for (const file of await keptStaticAssets(job.bundleDir)) produced.add(file)
  }
  written.push(...(await bringAssets(job, pageAssets, produced)))
  clock.lap('files')
  await writeFile(job.resultFile, JSON.stringify({ written: written.sort(), timing: clock.summary() }))
}

/** Wall seconds per phase and the process's CPU seconds, for the publish log. */
function stopwatch() {
  const laps: string[] = []
  let last = performance.now()
  return {
    lap(name: string) {
      const now = performance.now()
      laps.push(`${name} ${((now - last) / 1000).toFixed(1)} s`)
      last = now
    },
    summary() {
      const cpu = process.cpuUsage()
      return `${laps.join(', ')}; ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU s`
    },
  }
}

async function readDescription(bundleDir: string): Promise<BundleDescription> {
  const { PAGE_BUNDLE_VERSION } = await import('./keep-page-bundle.mjs')
  let description: BundleDescription
  try {
    description = JSON.parse(await readFile(path.join(bundleDir, 'bundle.json'), 'utf8')) as BundleDescription
  } catch (error) {
    throw new Unusable(`no readable bundle.json (${(error as Error).message})`)
  }
  if (description.version !== PAGE_BUNDLE_VERSION)
    throw new Unusable(`bundle version ${description.version}, not ${PAGE_BUNDLE_VERSION}`)
  if (!existsSync(path.join(bundleDir, 'prerender', description.entry)))
    throw new Unusable(`its entry ${description.entry} is missing`)
  // The image URLs below are made for the site at the root (as this project configures it).
  if (description.base !== '/' || description.assetsPrefix)
    throw new Unusable(`base ${description.base} or an assets prefix: not supported`)
  return description
}

/**
 * Each visible article's and campaign's hero as the build's content collections gave it (`heroImage`,
 * content.config.ts): the image metadata of that file's bytes, null when the file is missing. A hero the
 * bundle's list lacks is noted when a page actually shows it, so only the pages rendered now count.
 */
function giveHeroes(model: SiteModel, job: PageBundleJob, images: Record<string, ImageMeta>) {
  const used = new Set<string>()
  const unknown = new Set<string>()
  const docs = Object.values({ ...model.articles }).flat() as Array<{
    hero?: { id: string; file: string } | null
  }>
  for (const list of [model.campaigns, model.endedCampaigns]) docs.push(...Object.values(list).flat())
  for (const doc of docs) {
    const hero = doc.hero
    const exists = hero ? existsSync(path.resolve(job.snapshotDir, hero.file)) : false
    const meta = hero && exists ? images[job.heroHashes[hero.id] ?? ''] : undefined
    if (hero && exists && !meta) unknown.add(hero.file)
    Object.defineProperty(doc, 'heroImage', {
      configurable: true,
      enumerable: false,
      get: () => {
        if (!hero || !exists) return null
        if (meta) return { ...meta }
        used.add(hero.file)
        return null
      },
    })
  }
  return { used, unknown }
}

const IMAGE_FILE = /\.(?:webp|avif|png|jpe?g|gif|svg|tiff?)$/i

/** The non-image files the bundle's Astro builds wrote to `/_astro/` (constant for the bundle's sources). */
async function keptStaticAssets(bundleDir: string): Promise<string[]> {
  const names = await readdir(path.join(bundleDir, KEPT_ASSETS, '_astro')).catch(() => [] as string[])
  return names
    .filter((name) => !IMAGE_FILE.test(name) && !/\.\d+$/.test(name))
    .map((name) => `_astro/${name}`)
}

async function heroOriginals(snapshot: Snapshot, job: PageBundleJob, images: Record<string, ImageMeta>) {
  const originals = new Set<string>()
  for (const doc of [...snapshot.articles, ...snapshot.campaigns]) {
    const hero = doc.hero
    const file = hero && path.resolve(job.snapshotDir, hero.file)
    if (!hero || !file || !existsSync(file)) continue
    const sha =
      job.heroHashes[hero.id] ??
      createHash('sha256')
        .update(await readFile(file))
        .digest('hex')
    const meta = images[sha]
    if (!meta) throw new Unusable(`hero image ${hero.file} (not shown) is new to the bundle`)
    originals.add(meta.src.replace(/^\//, ''))
  }
  return originals
}

/** `addStaticImage` as Astro's build defines it (astro/dist/assets/vite-plugin-assets.js), noting each file. */
async function installStaticImages(description: BundleDescription, produced: Set<string>): Promise<void> {
  const { hashTransform, propsToFilename } = await astroFile('assets/utils/hash.js')
  const { createPlaceholderURL, stringifyPlaceholderURL } = await astroFile('assets/utils/url.js')
  const { joinPaths, prependForwardSlash } = await import('@astrojs/internal-helpers/path')
  const holder = globalThis as { astroAsset?: Record<string, unknown> }
  holder.astroAsset ??= {}
  holder.astroAsset.addStaticImage = (options: { src: unknown }, hashProperties: string[]) => {
    if (!options.src || typeof options.src !== 'object')
      throw new Unusable('an image that is not a hero from the content collections')
    const original = (options.src as ImageMeta).src
    const hash = hashTransform(options, description.imageService, hashProperties)
    const finalPath = prependForwardSlash(
      joinPaths('', prependForwardSlash(propsToFilename(original, options, hash))),
    )
    produced.add(finalPath.replace(/^\//, ''))
    return stringifyPlaceholderURL(
      createPlaceholderURL(encodeURI(prependForwardSlash(joinPaths(description.base, finalPath)))),
    )
  }
}

async function writeSitemap(model: SiteModel, description: BundleDescription, stageDir: string) {
  const { default: sitemap } = await import('@astrojs/sitemap')
  const integration = sitemap(planSitemapOptions({ routes: null, sitemap: sitemapEntries(model) }))
  const hooks = integration.hooks as Record<string, (options: unknown) => Promise<void> | void>
  const silent = { info() {}, warn() {}, error() {}, debug() {} }
  await hooks['astro:routes:resolved']({ routes: [] })
  await hooks['astro:config:done']({
    config: {
      site: description.site,
      base: description.base,
      trailingSlash: 'ignore',
      build: { format: description.buildFormat },
    },
  })
  const before = new Set(await readdir(stageDir))
  await hooks['astro:build:done']({ dir: pathToFileURL(`${stageDir}/`), pages: [], logger: silent })
  return (await readdir(stageDir)).filter((name) => !before.has(name))
}

/** Astro copies `site/public/` into every build's output. */
async function copyPublicFiles(stageDir: string): Promise<string[]> {
  const publicDir = path.join(process.cwd(), 'site/public')
  const files = (await readdir(publicDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())
  const copied: string[] = []
  for (const entry of files) {
    const file = path.relative(publicDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')
    await mkdir(path.dirname(path.join(stageDir, file)), { recursive: true })
    await copyFile(path.join(publicDir, file), path.join(stageDir, file))
    copied.push(file)
  }
  return copied
}

/**
 * The `/_astro/` files the rendered pages name, noted as each page is written. Required: what a `src`/`href`
 * attribute loads (the stylesheet). A page's text may mention `/_astro/…` without it being a file: those
 * are only taken if there.
 */
function assetsNamed() {
  const wanted = new Set<string>()
  const required = new Set<string>()
  return {
    wanted,
    required,
    note(html: string) {
      if (!html.includes('/_astro/')) return
      for (const asset of assetsOf(html)) wanted.add(asset)
      for (const match of html.matchAll(/(?:src|href)="\/(_astro\/[^"]+)"/g)) required.add(match[1])
    },
  }
}

/**
 * The `/_astro/` files the rendered pages use, from the previous output; one that is not there (a hero
 * Astro must encode, a stylesheet) means the bundle cannot give this output.
 */
async function bringAssets(
  job: PageBundleJob,
  pageAssets: ReturnType<typeof assetsNamed>,
  produced: Set<string>,
): Promise<string[]> {
  const required = new Set([...produced, ...pageAssets.required])
  const wanted = new Set([...produced, ...pageAssets.wanted])
  const brought: string[] = []
  for (const asset of [...wanted].sort()) {
    if (existsSync(path.join(job.siteDir, asset))) continue
    const from = [job.previousSiteDir, path.join(job.bundleDir, KEPT_ASSETS)]
      .filter((dir) => dir !== undefined)
      .map((dir) => path.join(dir, asset))
      .find((file) => existsSync(file))
    if (!from) {
      if (required.has(asset))
        throw new Unusable(`${asset} is neither in the previous output nor in the bundle`)
      continue
    }
    await mkdir(path.dirname(path.join(job.stageDir, asset)), { recursive: true })
    await copyFile(from, path.join(job.stageDir, asset))
    brought.push(asset)
  }
  return brought
}

if (import.meta.main) {
  main(process.argv[2]).catch((error: unknown) => {
    if (error instanceof Unusable) {
      process.stderr.write(`unusable: ${error.message}\n`)
      process.exit(UNUSABLE_EXIT)
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`)
    process.exit(1)
  })
}
