/**
 * The site's page bundle kept between publishes, so that an incremental publish renders its few touched
 * pages without an Astro build (about 9 CPU s of fixed cost at 10,000 articles: config, content sync,
 * Vite bundling).
 *
 * Every Astro run of a publish keeps its page bundle (keep-page-bundle.mjs) in
 * `.tmp/site-bundle/<key>/`, keyed by the site's source hash (site-cache.ts: the site's code and the
 * versions of Astro, sharp, …) and the site URL (Astro bakes it into the bundle). The content the bundle
 * was built with does not matter: its pages read the site model handed to them
 * (site-model-override.ts). It is in the project, not in the output, because the bundle's chunks import
 * Astro and the site's packages from the project's node_modules; it is never deployed.
 *
 * An incremental publish with a bundle for its key renders through it in a child process
 * (page-bundle-render.ts); any doubt (no bundle, a broken one, a hero image the bundle never saw) gives
 * the reason, and the caller runs Astro as before.
 */
import { spawn } from 'node:child_process'
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { hashValue, projectRoot } from '../shared/content-hash.ts'
import { systemErrorFromOutput } from '../shared/child-system-error.ts'
import { isProcessAlive } from '../shared/process-alive.ts'
import type { LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import type { PageBundleJob } from './page-bundle-render.ts'
import type { SiteModel } from './site-model.ts'

/** Where bundles are kept (git-ignored scratch of the project). */
export const PAGE_BUNDLE_ROOT = path.join(projectRoot, '.tmp/site-bundle')
/** Bundles of other sources kept besides the current one (switching branches back and forth). */
const KEEP_OTHERS = 2
const UNUSABLE_EXIT = 3

/**
 * The bundle's folder for these sources and site URL. NODE_ENV too: the Astro child inherits it, and Vite
 * compiles `import.meta.env.DEV` from it (under a test runner, `NODE_ENV=test`, Astro's <Image> adds
 * `data-image-component`), so a bundle built under another NODE_ENV would give other bytes.
 */
export function pageBundleDir(sourceHash: string, siteUrl: string): string {
  const key = { sourceHash, siteUrl, nodeEnv: process.env.NODE_ENV ?? '' }
  return path.join(PAGE_BUNDLE_ROOT, hashValue(key).slice(0, 32))
}

export interface BundleRenderOptions {
  bundleDir: string
  loaded: LoadedSnapshot
  model: SiteModel
  buildDate: Date
  siteDir: string
  /** The previous complete site (an incremental publish); none in a full build. */
  previousSiteDir?: string
  /** Scratch folder of this build: the jobs, the snapshot copy and the rendered files (`stage-<n>/`). */
  workDir: string
  /** The pages to render, or null for all of them. */
  routes: string[] | null
  /** Processes rendering side by side, each a share of the pages (a full build: one per core). Default 1. */
  processes?: number
  /** sha256 of each used image's files, original first, by media id (site-cache.ts). */
  mediaHashes: Map<string, string[]>
  /** Called as each HTML page is written, with the number written so far. */
  onPage?: (written: number) => void
}

export type BundleRenderResult = (
  | {
      ok: true
      /** Each process's rendered files, relative to its stage folder (none written by two). */
      stages: { dir: string; written: string[] }[]
      written: string[]
      timing: string
    }
  | { ok: false; reason: string }
) & { warnings: string[] }

export async function renderWithPageBundle(options: BundleRenderOptions): Promise<BundleRenderResult> {
  const bundleDir = path.resolve(options.bundleDir)
  if (!(await isDir(bundleDir)))
    return { ok: false, reason: 'no page bundle for these site sources yet', warnings: [] }
  const snapshotJson = path.join(options.workDir, 'snapshot.json')
  const heroHashes: Record<string, string> = {}
  for (const [id, hashes] of options.mediaHashes) heroHashes[id] = hashes[0]
  // The snapshot as this publish parsed it (defaults applied): the child builds the same site model.
  await writeFile(snapshotJson, JSON.stringify(options.loaded.snapshot))
  const of = Math.max(1, options.processes ?? 1)
  const jobs: PageBundleJob[] = Array.from({ length: of }, (_, index) => ({
    bundleDir,
    snapshotJson,
    snapshotDir: options.loaded.dir,
    buildDate: options.buildDate.toISOString(),
    siteDir: path.resolve(options.siteDir),
    previousSiteDir: options.previousSiteDir && path.resolve(options.previousSiteDir),
    stageDir: path.join(options.workDir, `stage-${index}`),
    routes: options.routes,
    part: { index, of },
    heroHashes,
    resultFile: path.join(options.workDir, `bundle-result-${index}.json`),
  }))
  const jobFiles = jobs.map((_, index) => path.join(options.workDir, `bundle-job-${index}.json`))
  await Promise.all(jobs.map((job, index) => writeFile(jobFiles[index], JSON.stringify(job))))
  let pages = 0
  const children = runChildren(jobFiles, () => options.onPage?.(++pages))
  const outcomes = await children.done
  const tail = outcomes.flatMap((outcome) => outcome.tail)
  const warnings = [...new Set(tail.filter((l) => l.startsWith('[WARN] ')).map((l) => l.slice(7)))]
  const refused = outcomes.find((outcome) => outcome.code === UNUSABLE_EXIT)
  if (refused) {
    const reason = refused.tail.findLast((l) => l.startsWith('unusable: '))?.slice(10) ?? 'refused'
    return { ok: false, reason, warnings }
  }
  const failed = outcomes.find((outcome) => outcome.code !== 0)
  if (failed) {
    // A full disk is the publish's failure, not a reason to try Astro on the same disk.
    const systemError = systemErrorFromOutput(failed.tail, options.workDir)
    if (systemError) throw systemError
    return {
      ok: false,
      reason: `it failed (exit ${failed.code}): ${failed.tail.slice(-3).join(' / ')}`,
      warnings,
    }
  }
  const stages: { dir: string; written: string[] }[] = []
  const timings: string[] = []
  for (const job of jobs) {
    const { written, timing } = JSON.parse(await readFile(job.resultFile, 'utf8')) as {
      written: string[]
      timing: string
    }
    stages.push({ dir: job.stageDir, written })
    timings.push(timing)
  }
  const written = [...new Set(stages.flatMap((stage) => stage.written))].sort()
  const timing = timings.length === 1 ? timings[0] : timings.map((t, i) => `[${i + 1}] ${t}`).join('; ')
  return { ok: true, stages, written, timing, warnings }
}

/** Removes kept bundles of other sources, the most recent few aside. */
export async function pruneBundles(current: string): Promise<void> {
  const names = await readdir(PAGE_BUNDLE_ROOT).catch(() => [] as string[])
  // A bundle half copied by a build that was killed.
  for (const name of names) {
    const pid = Number(/\.part-(\d+)$/.exec(name)?.[1])
    if (pid && !isProcessAlive(pid))
      await rm(path.join(PAGE_BUNDLE_ROOT, name), { recursive: true, force: true })
  }
  const others = await Promise.all(
    names
      .map((name) => path.join(PAGE_BUNDLE_ROOT, name))
      .filter((dir) => dir !== path.resolve(current) && !/\.part-\d+$/.test(dir))
      .map(async (dir) => ({ dir, time: (await stat(dir).catch(() => null))?.mtimeMs ?? 0 })),
  )
  others.sort((a, b) => b.time - a.time)
  for (const { dir } of others.slice(KEEP_OTHERS)) await rm(dir, { recursive: true, force: true })
}

/** Whether a whole bundle is kept in this folder. */
export async function hasBundle(bundleDir: string): Promise<boolean> {
  return (await stat(path.join(bundleDir, 'bundle.json')).catch(() => null))?.isFile() ?? false
}

/** The sha256 of every image file whose metadata the bundle recorded (none without a bundle). */
export async function knownImages(bundleDir: string): Promise<Set<string>> {
  try {
    return new Set(
      Object.keys(JSON.parse(await readFile(path.join(bundleDir, 'images.json'), 'utf8')) as object),
    )
  } catch {
    return new Set()
  }
}

async function isDir(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => null))?.isDirectory() ?? false
}

/**
 * One child per job, side by side. When one refuses (the bundle cannot give this output), the others are
 * stopped: the caller runs Astro instead and their work would be thrown away.
 */
function runChildren(jobFiles: string[], onPage: () => void) {
  const runs = jobFiles.map((jobFile) => runChild(jobFile, onPage))
  for (const run of runs)
    void run.done.then(({ code }) => {
      if (code === UNUSABLE_EXIT) for (const other of runs) if (other !== run) other.stop()
    })
  return { done: Promise.all(runs.map((run) => run.done)) }
}

function runChild(jobFile: string, onPage: () => void) {
  const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page-bundle-render.ts')
  // Plain Node (its type stripping runs the .ts files); NODE_OPTIONS emptied so tsx does not follow.
  const child = spawn(process.execPath, [runner, jobFile], {
    cwd: projectRoot,
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const done = new Promise<{ code: number; tail: string[] }>((resolve, reject) => {
    let pending = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const parts = (pending + chunk.toString('utf8')).split('\n')
      pending = parts.pop() ?? ''
      for (const line of parts) if (line === 'page') onPage()
    })
    const lines: string[] = []
    let partial = ''
    child.stderr.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n')
      partial = parts.pop() ?? ''
      lines.push(...parts.filter(Boolean))
      if (lines.length > 200) lines.splice(0, lines.length - 200)
    })
    child.on('error', (error) =>
      reject(new Error(`site: cannot start the page bundle render: ${error.message}`)),
    )
    child.on('close', (code) => {
      if (partial) lines.push(partial)
      resolve({ code: code ?? 1, tail: lines })
    })
  })
  return { done, stop: () => child.kill() }
}
