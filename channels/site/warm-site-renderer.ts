/**
 * The site's pages rendered one snapshot after another by one Astro bundle, built once: a preview
 * shows a draft's page in tens of milliseconds instead of a whole Astro build (3.6 s idle, ~16 s on a
 * busy machine) per preview.
 *
 * How: Astro's static build imports its page bundle in this process and renders every page through
 * a "prerenderer" (`setPrerenderer`, an integration hook). The renderer here wraps Astro's own and
 * keeps it, with the bundle loaded, after the build has finished; each later render points the
 * bundle's pages at a site model made from the snapshot to show (site-model-override.ts) and renders
 * the pages through the same `app.render` the build used. The build runs in this process, so its
 * owner (the admin's preview worker) keeps it warm; it never writes into a publish output.
 *
 * What differs from a published page: the hero goes without Astro's image pipeline (the WebP
 * renditions are made at build time for the images the bundle was built with), so the page shows the
 * renditions Payload made, as a published page does when the pipeline has no copy.
 * The bundle is rebuilt when the organisation's site URL changes (Astro bakes `site` into it); the
 * owner restarts the process when the site's sources change.
 */
import { existsSync } from 'node:fs'
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { AstroIntegration, AstroPrerenderer, PathWithRoute } from 'astro'
import type { LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import { mediaPath } from '../snapshot/read-snapshot.ts'
import type { ChannelWarning } from '../types.ts'
import { takeAstroBuildLock } from './astro-build-lock.mjs'
import { copyMedia, newWorkDir, projectRoot } from './build-site.ts'
import { SITE_ENV } from './site-env.ts'
import { buildSiteModel } from './site-model.ts'
import { setSiteModelOverride } from './site-model-override.ts'

export interface RenderSiteOptions {
  loaded: LoadedSnapshot
  /** Absolute path of the snapshot file `loaded` came from (the first build's content loader reads it). */
  snapshotFile: string
  /** Where the pages and the media they show go. */
  siteDir: string
  buildDate: Date
  /** Site paths to render first (`/artikler/x/`); the rest of the snapshot's pages follow. */
  first?: string[]
  /** Render only these site paths (a preview's own page, shown before the rest). */
  only?: string[]
  /** Leave these site paths out (rendered already). */
  except?: string[]
  /** Copy the media the pages show (default true; a second pass over the same snapshot has them). */
  copyMedia?: boolean
  log?: (line: string) => void
}

export interface RenderSiteResult {
  /** Site paths rendered, in the order written. */
  pages: string[]
  mediaFiles: number
  warnings: ChannelWarning[]
  /** The Astro build this render waited for (0 when the bundle was warm). */
  seconds: { build: number; render: number }
}

export interface WarmSiteRenderer {
  render(options: RenderSiteOptions): Promise<RenderSiteResult>
  close(): Promise<void>
}

/** Astro's own prerenderer, as kept after the build: its app holds the route cache. */
type KeptPrerenderer = AstroPrerenderer & { app?: { routeCache: { clearAll(): void } } }

interface Bundle {
  prerenderer: KeptPrerenderer
  siteUrl: string
  workDir: string
}

/** A renderer whose bundle is built at its first render (and again when the site URL changes). */
export function createWarmSiteRenderer(): WarmSiteRenderer {
  let bundle: Bundle | undefined
  // One render at a time: the model override and the route cache belong to the render in progress.
  let chain: Promise<unknown> = Promise.resolve()
  const queue = <T>(job: () => Promise<T>): Promise<T> => {
    const next = chain.then(job, job)
    chain = next.catch(() => undefined)
    return next
  }
  return {
    render: (options) =>
      queue(async () => {
        const model = buildSiteModel(options.loaded.snapshot, {
          buildDate: options.buildDate,
          mediaExists: (media) => existsSync(mediaPath(options.loaded, media)),
        })
        const siteDir = path.resolve(options.siteDir)
        setSiteModelOverride({ model, outDir: siteDir })
        try {
          let buildSeconds = 0
          const siteUrl = options.loaded.snapshot.organisation.siteUrl
          if (bundle?.siteUrl !== siteUrl) {
            const started = performance.now()
            if (bundle) await rm(bundle.workDir, { recursive: true, force: true })
            bundle = undefined
            bundle = await buildBundle(options, siteUrl)
            buildSeconds = (performance.now() - started) / 1000
            options.log?.(`site: page bundle built in ${buildSeconds.toFixed(1)} s`)
          }
          const started = performance.now()
          const pages = await renderPages(bundle, siteUrl, siteDir, options)
          const warnings = [...model.warnings]
          const mediaFiles =
            options.copyMedia === false ? 0 : await copyMedia(model, options.loaded, siteDir, warnings)
          return {
            pages,
            mediaFiles,
            warnings,
            seconds: { build: buildSeconds, render: (performance.now() - started) / 1000 },
          }
        } finally {
          setSiteModelOverride(null)
        }
      }),
    close: () =>
      queue(async () => {
        if (bundle) await rm(bundle.workDir, { recursive: true, force: true })
        bundle = undefined
      }),
  }
}

/**
 * Astro's build of the snapshot's site, in this process, keeping the prerenderer and its bundle.
 * Astro deletes the bundle's folder when the build ends; pages import some of its chunks lazily, so
 * the folder is copied aside before and put back after.
 */
async function buildBundle(options: RenderSiteOptions, siteUrl: string): Promise<Bundle> {
  const workDir = await newWorkDir()
  const astroOut = path.join(workDir, 'dist')
  // The build reads its settings from the environment (astro.config.mjs), set for the build's length.
  const buildEnv: Record<string, string> = {
    [SITE_ENV.snapshot]: path.resolve(options.snapshotFile),
    [SITE_ENV.outDir]: astroOut,
    [SITE_ENV.astroOutDir]: astroOut,
    [SITE_ENV.buildDate]: options.buildDate.toISOString(),
    [SITE_ENV.workDir]: workDir,
    ASTRO_TELEMETRY_DISABLED: '1',
  }
  const before = Object.fromEntries(Object.keys(buildEnv).map((name) => [name, process.env[name]]))
  Object.assign(process.env, buildEnv)
  // Astro puts the bundle inside its output folder when that is under cwd (astro/dist/prerender/utils.js).
  const bundleDir = path.join(astroOut, '.prerender')
  const keptDir = path.join(workDir, 'prerender-kept')
  let kept: KeptPrerenderer | undefined
  const keep: AstroIntegration = {
    name: 'budstikke:keep-prerenderer',
    hooks: {
      'astro:build:start': ({ setPrerenderer }) =>
        setPrerenderer((astros: KeptPrerenderer) => ({
          ...astros,
          name: 'budstikke:kept',
          setup: async () => {
            await astros.setup?.()
            kept = astros
          },
          getStaticPaths: () => astros.getStaticPaths(),
          render: (request, routeOptions) => astros.render(request, routeOptions),
          teardown: async () => {
            await astros.teardown?.()
            await cp(bundleDir, keptDir, { recursive: true })
          },
        })),
    },
  }
  const { build } = await import('astro')
  const release = await takeAstroBuildLock(projectRoot)
  const cwd = process.cwd()
  try {
    process.chdir(projectRoot)
    await build({ root: projectRoot, logLevel: 'warn', mode: 'production', integrations: [keep] })
  } catch (error) {
    await rm(workDir, { recursive: true, force: true })
    throw new Error(`site: Astro build of the page bundle failed: ${(error as Error).message}`)
  } finally {
    process.chdir(cwd)
    release()
    for (const [name, value] of Object.entries(before))
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
  }
  if (!kept || !existsSync(keptDir)) {
    await rm(workDir, { recursive: true, force: true })
    throw new Error('site: the Astro build left no page bundle (no pages?)')
  }
  await rm(bundleDir, { recursive: true, force: true })
  await rename(keptDir, bundleDir)
  return { prerenderer: kept, siteUrl, workDir }
}

/** The HTML pages of the model the override holds, `first` ones first, written where the build writes them. */
async function renderPages(
  bundle: Bundle,
  siteUrl: string,
  siteDir: string,
  { first = [], only, except }: Pick<RenderSiteOptions, 'first' | 'only' | 'except'>,
): Promise<string[]> {
  const { prerenderer } = bundle
  // getStaticPaths() results are cached per route: this render's snapshot has other pages.
  prerenderer.app?.routeCache.clearAll()
  // The pages a visitor can follow from the document's page (feeds and the 404 page are left out).
  const all = (await prerenderer.getStaticPaths()).filter(
    (entry) =>
      entry.route.type === 'page' &&
      entry.route.route !== '/404' &&
      (!only || only.includes(withSlash(entry.pathname))) &&
      !except?.includes(withSlash(entry.pathname)),
  )
  const rank = (entry: PathWithRoute) => {
    const index = first.indexOf(withSlash(entry.pathname))
    return index === -1 ? first.length : index
  }
  const ordered = all.toSorted((a, b) => rank(a) - rank(b))
  const origin = new URL(siteUrl).origin
  const written: string[] = []
  for (const entry of ordered) {
    const sitePath = withSlash(entry.pathname)
    const rendered = await prerenderer.render(new Request(new URL(sitePath, origin)), {
      routeData: entry.route,
    })
    const response = rendered instanceof Response ? rendered : rendered.response
    if (!response.ok) throw new Error(`site: ${sitePath} rendered with status ${response.status}`)
    const file = path.join(
      siteDir,
      ...sitePath.split('/').filter(Boolean).map(decodeURIComponent),
      'index.html',
    )
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, Buffer.from(await response.arrayBuffer()))
    written.push(sitePath)
  }
  return written
}

function withSlash(pathname: string): string {
  return pathname.endsWith('/') ? pathname : `${pathname}/`
}
