/**
 * Builds the public site from a snapshot: the page bundle an Astro build kept for these site sources
 * (page-bundle.ts) renders the pages (the touched ones in an incremental publish, all of them in a full
 * build, spread over the cores); Astro itself (programmatically, in a child) runs when there is no bundle
 * yet or a hero image is new to it, for as few pages as it can, or when the bundle refuses. Then the media
 * the pages use are copied beside them and Pagefind indexes every locale.
 * The same site model that drives the pages gives the warnings, so the report matches the output.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { setting } from '../shared/config.ts'
import { copyFile, cp, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import type { LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import { mediaPath } from '../snapshot/read-snapshot.ts'
import type { ChannelWarning } from '../types.ts'
import { systemErrorFromOutput } from '../shared/child-system-error.ts'
import { siteFeeds } from './feeds.ts'
import { SITE_ENV } from './site-env.ts'
import { buildSiteModel, type SiteModel } from './site-model.ts'
import { renditions, usedMedia } from './site-cache.ts'
import { indexForSearch, updateRecords } from './search-records.ts'
import { sitemapEntries, writeRenderPlan } from './render-plan.ts'
import { isProcessAlive } from '../shared/process-alive.ts'
import { placeTree } from '../shared/output-cache.ts'
import { writeSecurityHeaders } from './security-headers.ts'
import { writeRedirectFiles } from './redirect-files.ts'
import { defaultBuildDate } from '../snapshot/visibility.ts'
import { hasBundle, knownImages, pruneBundles, renderWithPageBundle } from './page-bundle.ts'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface BuildSiteOptions {
  loaded: LoadedSnapshot
  /** Absolute path of the snapshot file the Astro content loader reads (the one `loaded` came from). */
  snapshotFile: string
  /** Where the site goes (publish: `<out>/site`). Files already there (social cards) are kept. */
  siteDir: string
  buildDate?: Date
  /** The site model for this snapshot and build date, when the caller already made it. */
  model?: SiteModel
  /**
   * Where Astro's image cache (the WebP renditions of the heroes) is kept between builds; outside the
   * output, so it is never deployed. Moved into the build's scratch folder for the build and back after,
   * so two builds at once never share it (the second starts without). Default: no cache kept.
   */
  assetCacheDir?: string
  /** Start without the kept image cache (publish --full); the new one replaces it. */
  freshAssetCache?: boolean
  /** Called as Astro writes each HTML page, with the number written so far. */
  onPage?: (written: number) => void
  /** Pagefind indexing (skipped in the benchmark, which compares page rendering with Hugo). */
  search?: boolean
  /**
   * Render only these page paths (an incremental publish: the caller has put the unchanged pages into
   * `siteDir` already); the feeds, the 404 page, robots.txt, the sitemap (of the whole site) and the
   * stylesheet are rendered every time. Default: every page.
   */
  routes?: string[]
  /**
   * Settles when the unchanged pages (and their search records) are in `siteDir` (an incremental publish
   * carries them over while the touched pages are rendered): nothing is placed into the site before.
   */
  siteReady?: Promise<void>
  /**
   * Where the per-page search records are kept between publishes (search-records.ts); they are brought up
   * to date for the pages this build renders. Default: a scratch folder (every page rendered, so all new).
   */
  recordsDir?: string
  /**
   * The kept page bundle (page-bundle.ts): every Astro run keeps its bundle in `dir`; an incremental
   * build (`routes`) renders through it instead of running Astro when it exists, taking the hero images
   * and stylesheet from `previousSiteDir` (else the bundle's own copy); a full build renders every page
   * through it, in one process per core, when it knows every hero, else Astro renders the pages of the
   * new heroes first. Default: one whole Astro run, nothing kept.
   */
  pageBundle?: {
    dir: string
    previousSiteDir?: string
    mediaHashes: Map<string, string[]>
    /**
     * A full build that needs Astro (no bundle yet, or new heroes) leaves the other pages to the bundle
     * when at least this many are left (default SPLIT_FROM); below, Astro renders the whole site.
     */
    splitFrom?: number
  }
  log?: (line: string) => void
}

export interface BuildSiteResult {
  /** HTML pages rendered (the route table, or the routes asked for, plus the 404 page). */
  pages: number
  feeds: number
  mediaFiles: number
  warnings: ChannelWarning[]
  seconds: { astro: number; search: number }
  /** What rendered the pages: the kept page bundle alone, or an Astro build (which may have left most pages to the bundle it kept). */
  renderer: 'page bundle' | 'astro'
  /** Files Astro wrote this build, relative to the site folder (`artikler/x/index.html`, `rss.xml`, `_astro/…`). */
  written: string[]
}

export async function buildSite(options: BuildSiteOptions): Promise<BuildSiteResult> {
  const buildDate = options.buildDate ?? defaultBuildDate()
  const siteDir = path.resolve(options.siteDir)
  // Astro's scratch (its output, cache and server bundle) is in the project's .tmp/, whatever disk the site
  // is on: Astro renames files into its output from its bundle under cwd, which must be in the project
  // (the bundle's imports are resolved from there). To a site on another disk the result is copied across.
  const workDir = await newWorkDir()
  const model =
    options.model ??
    buildSiteModel(options.loaded.snapshot, {
      buildDate,
      mediaExists: (media) => existsSync(mediaPath(options.loaded, media)),
    })

  const astroOut = path.join(workDir, 'dist')
  const planFile = path.join(workDir, 'plan.json')
  const env = {
    [SITE_ENV.snapshot]: path.resolve(options.snapshotFile),
    [SITE_ENV.outDir]: siteDir,
    [SITE_ENV.astroOutDir]: astroOut,
    [SITE_ENV.buildDate]: buildDate.toISOString(),
    [SITE_ENV.workDir]: workDir,
    [SITE_ENV.plan]: planFile,
    // No network here, and a build must not phone home.
    ASTRO_TELEMETRY_DISABLED: '1',
  }
  try {
    const astroStarted = Date.now()
    // Astro's cacheDir is `<workDir>/cache` (astro.config.mjs); its `assets/` holds the encoded images.
    const workAssets = path.join(workDir, 'cache', 'assets')
    let written: string[] | undefined
    let renderer: BuildSiteResult['renderer'] = 'astro'
    const bundle = options.pageBundle
    /** An Astro run over these pages (null: all), its output moved or merged into the site. */
    const astro = async (routes: string[] | null) => {
      await writeRenderPlan(planFile, { routes, sitemap: sitemapEntries(model) })
      try {
        if (options.assetCacheDir)
          await checkOutAssetCache(
            path.resolve(options.assetCacheDir),
            workAssets,
            options.freshAssetCache ?? false,
          )
        if (bundle) await pruneBundles(bundle.dir)
        await runAstroBuild(env, workDir, options.log, options.onPage, bundle?.dir)
        const files = await filesUnder(astroOut)
        await options.siteReady
        if (options.routes) await mergeInto(astroOut, siteDir, files)
        else await moveInto(astroOut, siteDir)
        return files
      } finally {
        if (options.assetCacheDir)
          await checkInAssetCache(workAssets, path.resolve(options.assetCacheDir)).catch((error) =>
            options.log?.(`site: Astro image cache not kept: ${(error as Error).message}`),
          )
      }
    }
    /** The pages through the kept bundle, spread over the cores when they are many; null when refused. */
    const throughBundle = async (routes: string[] | null, previousSiteDir?: string) => {
      const result = await renderWithPageBundle({
        bundleDir: bundle!.dir,
        loaded: options.loaded,
        model,
        buildDate,
        siteDir,
        previousSiteDir,
        workDir,
        routes,
        processes: renderProcesses(routes?.length ?? model.pages.length),
        mediaHashes: bundle!.mediaHashes,
        onPage: options.onPage,
      })
      for (const line of result.warnings) options.log?.(`site: astro: ${line}`)
      if (!result.ok) {
        options.log?.(`site: page bundle not used (${result.reason}); rendering with Astro`)
        return null
      }
      await options.siteReady
      // A full build into the site folder replaces its top-level entries, as Astro's output does.
      await placeStages(result.stages, siteDir, routes !== null)
      options.log?.(`site: page bundle render: ${result.timing}`)
      return result.written
    }

    if (options.routes) {
      // Incremental: the unchanged pages are in siteDir already; the touched ones through the bundle.
      if (bundle?.previousSiteDir)
        written = (await throughBundle(options.routes, bundle.previousSiteDir)) ?? undefined
      if (written) renderer = 'page bundle'
      else written = await astro(options.routes)
    } else if (bundle) {
      // Full: every page through the bundle of these sources, on every core. Without one (new sources), or
      // with heroes it has never seen, Astro renders only what needs it (each such hero's own page, which
      // encodes its WebP files, and keeps the bundle) and the bundle the other pages after it, when they are
      // enough to pay for the split; else Astro renders the whole site.
      const astroRoutes = await heroPagesNewTo(model, bundle.dir, bundle.mediaHashes)
      if (astroRoutes.length === 0 && (await hasBundle(bundle.dir))) {
        written = (await throughBundle(null)) ?? undefined
        if (written) renderer = 'page bundle'
      } else if (model.pages.length - astroRoutes.length >= (bundle.splitFrom ?? SPLIT_FROM)) {
        const byAstro = await astro(astroRoutes)
        const done = new Set(astroRoutes)
        const rest = await throughBundle(model.pages.map((page) => page.path).filter((p) => !done.has(p)))
        if (rest) {
          // Reported as Astro's: an Astro build ran (and made the bundle the other pages went through).
          written = [...new Set([...byAstro, ...rest])].sort()
          options.log?.(
            `site: Astro rendered ${astroRoutes.length} pages with new hero images, the kept page bundle the others`,
          )
        }
      }
      written ??= await astro(null)
    } else written = await astro(null)
    await options.siteReady
    const astroSeconds = (Date.now() - astroStarted) / 1000

    const warnings = [...model.warnings]
    const mediaFiles = await copyMedia(model, options.loaded, siteDir, warnings)

    let searchSeconds = 0
    if (options.search !== false) {
      const started = Date.now()
      const recordsDir = options.recordsDir ? path.resolve(options.recordsDir) : path.join(workDir, 'search')
      if (!options.routes) await rm(recordsDir, { recursive: true, force: true })
      await updateRecords(
        siteDir,
        written.filter((file) => file.endsWith('.html')),
        recordsDir,
      )
      await indexForSearch(siteDir, recordsDir)
      searchSeconds = (Date.now() - started) / 1000
    }
    await writeSecurityHeaders(siteDir)
    // After Pagefind, so redirect pages are not indexed; from the snapshot alone (channels/site/redirect-files.ts).
    const redirects = await writeRedirectFiles(siteDir, options.loaded.snapshot, model)
    warnings.push(...redirects.warnings)
    const pages = model.pages.length + 1
    const rendered = (options.routes?.length ?? model.pages.length) + 1
    options.log?.(
      `site: ${rendered} of ${pages} pages rendered, ${siteFeeds(model).length} feeds, ${mediaFiles} media files, ${redirects.redirects} redirects (${renderer === 'astro' ? 'Astro' : 'through the kept page bundle'} ${astroSeconds.toFixed(1)} s, search index ${searchSeconds.toFixed(1)} s)`,
    )
    return {
      pages: rendered,
      feeds: siteFeeds(model).length,
      mediaFiles,
      warnings,
      seconds: { astro: astroSeconds, search: searchSeconds },
      renderer,
      written,
    }
  } finally {
    // A failed build still lets the carry-over finish before the caller cleans up (its error is the caller's).
    await options.siteReady?.catch(() => {})
    await rm(workDir, { recursive: true, force: true })
  }
}

/**
 * The own pages (article, campaign) of documents whose hero image the bundle has never seen: only Astro
 * encodes a hero's WebP files, and a document's own page shows every rendition its cards use. All of them
 * when there is no bundle yet.
 */
async function heroPagesNewTo(
  model: SiteModel,
  bundleDir: string,
  mediaHashes: Map<string, string[]>,
): Promise<string[]> {
  const known = await knownImages(bundleDir)
  const newHero = (hero: { id: string } | null | undefined) => {
    // No hash: no file, so no hero on the page.
    const hash = hero ? mediaHashes.get(hero.id)?.[0] : undefined
    return hash !== undefined && !known.has(hash)
  }
  const keys = new Set<string>()
  for (const [locale, list] of Object.entries(model.articles))
    for (const doc of list) if (newHero(doc.hero)) keys.add(`article ${locale} ${doc.key}`)
  for (const lists of [model.campaigns, model.endedCampaigns])
    for (const [locale, list] of Object.entries(lists))
      for (const doc of list) if (newHero(doc.hero)) keys.add(`campaign ${locale} ${doc.key}`)
  return model.pages
    .filter((page) => 'key' in page && keys.has(`${page.kind} ${page.locale} ${page.key}`))
    .map((page) => page.path)
}

/**
 * Pages left to the bundle from which a full build that needs Astro splits the work. Measured (`npm run
 * bench site`, site/README.md): at 1,000 articles the split cost 1.7 CPU s and 4.4 s more than one whole
 * Astro run (the bundle's processes start after Astro's fixed cost); at 10,000 the two were even on a
 * loaded machine, and the bundle's processes run on both cores where Astro renders on one.
 */
const SPLIT_FROM = 5_000

/**
 * Processes to render this many pages through the bundle: one per core (at most 4) when there are
 * enough pages to pay each one's start (about 0.5 CPU s: Node, the site model, the bundle, the route list).
 */
function renderProcesses(pages: number): number {
  return pages < 200 ? 1 : Math.min(4, availableParallelism())
}

/**
 * Moves what the bundle's processes rendered into the site folder. An incremental build merges file by
 * file over the carried pages; a full one, as Astro's output is moved (moveInto), replaces the site's
 * top-level entries it writes, then merges the other processes' files into them.
 */
async function placeStages(
  stages: { dir: string; written: string[] }[],
  siteDir: string,
  incremental: boolean,
) {
  const replaced = new Set<string>()
  for (const [index, stage] of stages.entries()) {
    if (incremental) {
      await mergeInto(stage.dir, siteDir, stage.written)
      continue
    }
    const entries = await readdir(stage.dir).catch(() => [] as string[])
    if (index === 0) {
      await moveInto(stage.dir, siteDir)
      for (const entry of entries) replaced.add(entry)
      continue
    }
    for (const entry of entries.filter((e) => !replaced.has(e))) {
      await rm(path.join(siteDir, entry), { recursive: true, force: true })
      replaced.add(entry)
    }
    await mergeInto(stage.dir, siteDir, stage.written)
  }
}

/** Every file under a folder, relative to it, with `/` separators. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}

function workRoot(): string {
  const root = path.resolve(projectRoot, setting('BUDSTIKKE_SITE_WORK_ROOT') || '.tmp/site-work')
  if (!root.startsWith(projectRoot + path.sep))
    throw new Error(
      `${SITE_ENV.workRoot}=${root}: must be a folder inside the project (${projectRoot}), where Astro finds its packages`,
    )
  return root
}

/** A scratch folder named after this process; those of builds whose process is gone (killed) are removed first. */
export async function newWorkDir(): Promise<string> {
  const root = workRoot()
  await mkdir(root, { recursive: true })
  for (const name of await readdir(root)) {
    const pid = Number(/^build-(\d+)-/.exec(name)?.[1])
    if (pid && !isProcessAlive(pid)) await rm(path.join(root, name), { recursive: true, force: true })
  }
  return mkdtemp(path.join(root, `build-${process.pid}-`))
}

/**
 * Astro's build() in a child Node process (see astro-build.mjs); its warnings go to the log, its errors
 * into the thrown message, a system error (disk full, …) as itself.
 */
function runAstroBuild(
  env: Record<string, string>,
  workDir: string,
  log?: (line: string) => void,
  onPage?: (written: number) => void,
  keepBundleDir?: string,
): Promise<void> {
  const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'astro-build.mjs')
  const keep = keepBundleDir ? ['--keep-bundle', path.resolve(keepBundleDir)] : []
  return new Promise((resolve, reject) => {
    // NODE_OPTIONS emptied so a parent's loader (tsx) does not follow into the child.
    const child = spawn(process.execPath, [runner, projectRoot, ...keep], {
      cwd: projectRoot,
      env: { ...process.env, ...env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const tail: string[] = []
    let pages = 0
    const collect = (stream: NodeJS.ReadableStream) => {
      let partial = ''
      stream.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString('utf8')).split('\n')
        partial = lines.pop() ?? ''
        // Astro colours its log when it thinks it runs in CI (CI=true), even into a pipe: match on plain text.
        for (const line of lines.map((l) => stripVTControlCharacters(l)).filter(Boolean)) {
          tail.push(line)
          if (tail.length > 40) tail.shift()
          if (/\[WARN\]/.test(line)) log?.(`site: astro: ${line.replace(/^.*?\[WARN\]\s*/, '')}`)
          // Astro logs each route it writes (`├─ /artikler/x/index.html (+3ms)`): the page count for the progress display.
          else if (onPage && ASTRO_PAGE_LINE.test(line)) onPage(++pages)
        }
      })
      // A last line without a newline (often the error itself) still belongs in the message.
      stream.on('end', () => partial && tail.push(partial))
    }
    collect(child.stdout)
    collect(child.stderr)
    child.on('error', (error) => reject(new Error(`site: cannot start the Astro build: ${error.message}`)))
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            systemErrorFromOutput(tail, workDir) ??
              new Error(`site: Astro build failed (exit ${code}):\n${tail.join('\n')}`),
          ),
    )
  })
}

const ASTRO_PAGE_LINE = /[├└]─ \/\S*\.html \(/

/**
 * Moves the kept image cache into the build's scratch folder (the cache belongs to this build until
 * checked in). The kept cache may be on another disk than the scratch folder (it is the caller's choice):
 * then it is first renamed aside on its own disk (so it is still this build's alone) and copied across;
 * a rename across disks fails with EXDEV even when the cache does not exist yet.
 */
async function checkOutAssetCache(keptDir: string, workAssets: string, fresh: boolean): Promise<void> {
  await mkdir(path.dirname(workAssets), { recursive: true })
  if (fresh) {
    await rm(keptDir, { recursive: true, force: true })
    return
  }
  const taken = `${keptDir}.checkout-${process.pid}`
  try {
    await rename(keptDir, taken)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return // no cache yet, or another build has it: start without
    throw error
  }
  try {
    await rename(taken, workAssets)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    await cp(taken, workAssets, { recursive: true })
    await rm(taken, { recursive: true, force: true })
  }
}

/**
 * Puts the build's image cache back where the next build finds it, unless another build put one there
 * first. From another disk it is copied beside the kept place first, so the check-in is still one rename.
 */
async function checkInAssetCache(workAssets: string, keptDir: string): Promise<void> {
  if (!existsSync(workAssets)) return
  await mkdir(path.dirname(keptDir), { recursive: true })
  let from = workAssets
  try {
    await rename(from, keptDir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return // a concurrent build checked in first: keep theirs
    if (code !== 'EXDEV') throw error
    from = `${keptDir}.checkin-${process.pid}`
    try {
      await cp(workAssets, from, { recursive: true })
      await rename(from, keptDir)
    } catch (copyError) {
      const copyCode = (copyError as NodeJS.ErrnoException).code
      if (copyCode !== 'ENOTEMPTY' && copyCode !== 'EEXIST') throw copyError
    } finally {
      await rm(from, { recursive: true, force: true })
    }
  }
}

/**
 * Moves Astro's output into the site folder entry by entry, keeping what other channels put there
 * (social/); copies what cannot be renamed because the site is on another disk than the project.
 */
async function moveInto(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true })
  for (const entry of await readdir(from)) {
    const target = path.join(to, entry)
    if (existsSync(target)) await rm(target, { recursive: true, force: true })
    try {
      await rename(path.join(from, entry), target)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
      await placeTree(path.join(from, entry), target, { copy: true })
    }
  }
}

/**
 * Moves Astro's output of an incremental build into the site folder file by file, over the unchanged
 * pages already there (a rename replaces the file; the previous output it was copied from is untouched).
 */
async function mergeInto(from: string, to: string, files: string[]): Promise<void> {
  for (const file of files) {
    const target = path.join(to, file)
    await mkdir(path.dirname(target), { recursive: true })
    try {
      await rename(path.join(from, file), target)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
      await copyFile(path.join(from, file), target)
    }
  }
}

/** Every image a page shows, with the renditions that exist, copied to its public URL under the site. */
export async function copyMedia(
  model: SiteModel,
  loaded: LoadedSnapshot,
  siteDir: string,
  warnings: ChannelWarning[],
): Promise<number> {
  let copied = 0
  const root = path.resolve(siteDir)
  for (const media of usedMedia(model).values()) {
    for (const rendition of renditions(media)) {
      const target = path.resolve(root, `.${rendition.url.split(/[?#]/)[0]}`)
      // A URL such as `/../../etc/x` must not write outside the site.
      if (!rendition.url.startsWith('/') || !target.startsWith(root + path.sep)) {
        warnings.push({
          document: `media/${media.id}`,
          field: 'url',
          message: `URL ${rendition.url} is not a site path; file not copied`,
        })
        continue
      }
      await mkdir(path.dirname(target), { recursive: true })
      await copyFile(mediaPath(loaded, rendition), target)
      copied++
    }
  }
  return copied
}
