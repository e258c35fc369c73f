/**
 * Site channel: a clean full build of generated articles (1,000 and 10,000; 200 and 1,000 quick) into an
 * empty folder, as a publish's site step does it, against Hugo (Debian `hugo`) building the same articles
 * as plain pages, in the same run on the same machine. Three ways of the site step are timed:
 * - `first build of new site sources`: no kept page bundle for these sources yet, so Astro runs (rendering
 *   only what needs it, here the feeds and the 404 page: no heroes) and keeps its page bundle, and the
 *   bundle renders the pages on every core (build-site.ts);
 * - `page bundle kept`: the bundle of these sources exists (every later full build or `--full` publish),
 *   so the pages are rendered through it on every core, with no Astro run;
 * - `whole Astro build`: one Astro run renders every page on one core (the site step before the bundle
 *   took full builds; `npx astro build` still does this).
 * Each build runs in its own process under /usr/bin/time, so peak memory is that build's alone.
 * The Astro figure is the site step minus the Pagefind index (Hugo has no search either). The articles
 * have no hero images (the snapshot generator's default), so neither side does any image work: Astro's
 * image pipeline and its cache play no part in the comparison.
 *
 * The machine is shared, so each size is built in two rounds (one with BENCH_QUICK=1), the Astro ways then
 * Hugo; each way's fastest round counts, and the per-page ratio is given both against Hugo in the same
 * round (the same moment's load) and against Hugo's fastest round. CPU seconds (user + system of the
 * process tree) and the load average at each build's start and end are in the notes.
 *
 * Run alone: `npm run bench site`. Internally re-runs itself with `--child <snapshot> <siteDir>`.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { generateSnapshot } from './synthetic-snapshot.ts'
import { quick, type BenchRow } from './types.ts'

const here = fileURLToPath(import.meta.url)
const root = path.resolve(path.dirname(here), '../..')
const benchDir = path.join(root, '.tmp/site/bench')
const round = (value: number, digits = 1) => Number(value.toFixed(digits))
const load = () => os.loadavg()[0].toFixed(1)
const rounds = quick ? 1 : 2

/** Runs a command under /usr/bin/time; returns its wall time and peak resident memory (MB, the largest process of the tree). */
interface Timed {
  stdout: string
  seconds: number
  cpuSeconds: number
  peakMB: number
}

/** CPU seconds (user + system) are reported beside wall time: this machine is shared, and CPU time is what load does not inflate. */
function timedWithMemory(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const started = performance.now()
  const result = execFileSync(
    'sh',
    [
      '-c',
      `/usr/bin/time -f '@@time %M %U %S' "$0" "$@" 2>&1 1>/dev/null | grep '^@@time' ; true`,
      command,
      ...args,
    ],
    { encoding: 'utf8', env, maxBuffer: 256 * 2 ** 20 },
  )
  const seconds = (performance.now() - started) / 1000
  const [, kb, user, system] = result.match(/@@time (\d+) ([\d.]+) ([\d.]+)/) ?? ['', '0', '0', '0']
  return {
    stdout: result,
    seconds,
    cpuSeconds: Number(user) + Number(system),
    peakMB: Math.round(Number(kb) / 1024),
  }
}

interface BuildFigures {
  pages: number
  seconds: number
  cpuSeconds: number
  peakMB: number
  /** 1-minute load average at the build's start and end. */
  load: string
}

/** The fastest of a side's rounds (the rounds alternate with the other side's). */
const fastest = (runs: BuildFigures[]): BuildFigures =>
  runs.reduce((best, run) => (run.seconds < best.seconds ? run : best))
const loads = (runs: BuildFigures[]) => runs.map((run) => run.load).join(', ')

type Way = 'first' | 'kept' | 'astro'
const WAYS: Record<Way, string> = {
  first: 'site step, first build of new site sources',
  kept: 'site step, page bundle kept',
  astro: 'whole Astro build (one core)',
}
/** The bench's own kept bundle (in the project: its chunks import Astro from node_modules). */
const bundleDir = (count: number) => path.join(benchDir, `bundle-${count}`)

async function astroBuild(count: number, way: Way): Promise<BuildFigures> {
  const dir = path.join(benchDir, `astro-${count}`)
  await rm(dir, { recursive: true, force: true })
  const snapshot = await generateSnapshot(count, path.join(dir, 'snapshot'))
  const resultFile = path.join(dir, 'result.json')
  if (way === 'first') await rm(bundleDir(count), { recursive: true, force: true })
  const bundle = way === 'astro' ? [] : [bundleDir(count)]
  const loadAtStart = load()
  const run = timedWithMemory(
    process.execPath,
    ['--import', 'tsx', here, '--child', snapshot, path.join(dir, 'site'), resultFile, ...bundle],
    { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  )
  if (!existsSync(resultFile))
    throw new Error(`site bench: the Astro build of ${count} articles failed:\n${run.stdout}`)
  const result = JSON.parse(await readFile(resultFile, 'utf8')) as {
    pages: number
    astroSeconds: number
    renderer: string
  }
  const expected = way === 'kept' ? 'page bundle' : 'astro'
  if (result.renderer !== expected)
    throw new Error(
      `site bench: the ${WAYS[way]} of ${count} articles ran as ${result.renderer}:\n${run.stdout}`,
    )
  // Removing 10,000 files is slow on this disk: move the output aside and delete it after timing.
  await rename(dir, `${dir}.old`).then(() => rm(`${dir}.old`, { recursive: true, force: true }))
  return {
    pages: result.pages,
    seconds: result.astroSeconds,
    cpuSeconds: run.cpuSeconds,
    peakMB: run.peakMB,
    load: `${loadAtStart}–${load()}`,
  }
}

async function hugoBuild(count: number): Promise<BuildFigures> {
  const dir = path.join(benchDir, `hugo-${count}`)
  await rm(dir, { recursive: true, force: true })
  await mkdir(path.join(dir, 'content/artikler'), { recursive: true })
  await mkdir(path.join(dir, 'layouts/_default'), { recursive: true })
  await writeFile(
    path.join(dir, 'hugo.toml'),
    `baseURL = "https://faf.example.org/"\nlanguageCode = "da"\ntitle = "FAF"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n[pagination]\npagerSize = 20\n`,
  )
  await writeFile(
    path.join(dir, 'layouts/_default/baseof.html'),
    `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>{{ .Title }} · FAF</title><meta name="description" content="{{ .Summary | plainify }}"><link rel="canonical" href="{{ .Permalink }}"></head><body><header><a href="/">FAF</a></header><main>{{ block "main" . }}{{ end }}</main><footer>Fællesforbundet</footer></body></html>\n`,
  )
  await writeFile(
    path.join(dir, 'layouts/_default/single.html'),
    `{{ define "main" }}<article><h1>{{ .Title }}</h1><p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2. January 2006" }}</time></p><p><strong>{{ .Params.summary }}</strong></p>{{ .Content }}</article>{{ end }}\n`,
  )
  await writeFile(
    path.join(dir, 'layouts/_default/list.html'),
    `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range (.Paginate .Site.RegularPages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}\n`,
  )
  const snapshotDir = path.join(dir, 'snapshot')
  const snapshot = JSON.parse(await readFile(await generateSnapshot(count, snapshotDir), 'utf8')) as Snapshot
  for (const article of snapshot.articles) {
    const body = article.body.map((block) => {
      if (block.type === 'heading') return `## ${(block.children[0] as { text: string }).text}`
      if (block.type === 'list')
        return block.items.map((item) => `- ${(item.children[0] as { text: string }).text}`).join('\n')
      if (block.type === 'paragraph') return (block.children[0] as { text: string }).text
      return ''
    })
    await writeFile(
      path.join(dir, 'content/artikler', `${article.slug}.md`),
      `---\ntitle: ${JSON.stringify(article.title)}\ndate: ${article.publishedAt}\nsummary: ${JSON.stringify(article.summary)}\n---\n\n${body.join('\n\n')}\n`,
    )
  }
  const loadAtStart = load()
  const run = timedWithMemory('hugo', ['--quiet', '-s', dir, '-d', path.join(dir, 'public')])
  const loadAtEnd = load()
  const pages = Number(
    execFileSync('sh', ['-c', `find "${path.join(dir, 'public')}" -name '*.html' | wc -l`], {
      encoding: 'utf8',
    }).trim(),
  )
  await rename(dir, `${dir}.old`).then(() => rm(`${dir}.old`, { recursive: true, force: true }))
  return {
    pages,
    seconds: run.seconds,
    cpuSeconds: run.cpuSeconds,
    peakMB: run.peakMB,
    load: `${loadAtStart}–${loadAtEnd}`,
  }
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const hugoVersion = execFileSync('hugo', ['version'], { encoding: 'utf8' }).split(' ')[1]
  const perPage = (run: BuildFigures) => run.seconds / run.pages
  const cpuPerPage = (run: BuildFigures) => run.cpuSeconds / run.pages
  for (const count of quick ? [200, 1_000] : [1_000, 10_000]) {
    const runs: Record<Way, BuildFigures[]> = { first: [], kept: [], astro: [] }
    const hugoRuns: BuildFigures[] = []
    for (let r = 0; r < rounds; r++) {
      for (const way of ['first', 'kept', 'astro'] as const) runs[way].push(await astroBuild(count, way))
      hugoRuns.push(await hugoBuild(count))
    }
    await rm(bundleDir(count), { recursive: true, force: true })
    const hugo = fastest(hugoRuns)
    const n = count.toLocaleString('en')
    const of = `fastest of ${rounds}`
    for (const way of ['first', 'kept', 'astro'] as const) {
      const astro = fastest(runs[way])
      const round_ = runs[way].indexOf(astro)
      const sameRound = hugoRuns[round_]
      const label = WAYS[way]
      rows.push(
        {
          benchmark: `site: ${label}, ${n} articles`,
          value: round(astro.seconds),
          unit: 's',
          note: `${of} (${runs[way].map((run) => round(run.seconds)).join(', ')} s; load ${loads(runs[way])}); ${astro.pages} pages, ${Math.round(astro.pages / astro.seconds)} pages/s, ${round(astro.cpuSeconds)} CPU s for the whole process tree (${runs[way].map((run) => round(run.cpuSeconds)).join(', ')}), ${astro.peakMB} MB peak RSS; feeds and sitemap included, search index not`,
        },
        {
          benchmark: `site: ${label} / Hugo time per page, same round, ${n} articles`,
          value: round(perPage(astro) / perPage(sameRound), 1),
          unit: 'ratio',
          note: `round ${round_ + 1}: Astro ${round(perPage(astro) * 1000, 2)} ms, Hugo ${round(perPage(sameRound) * 1000, 2)} ms a page (Hugo load ${sameRound.load}); CPU per page ratio ${round(cpuPerPage(astro) / cpuPerPage(sameRound), 1)}; every round: ${runs[way].map((run, i) => round(perPage(run) / perPage(hugoRuns[i]), 1)).join(', ')}`,
        },
        {
          benchmark: `site: ${label} / Hugo's fastest round, time per page, ${n} articles`,
          value: round(perPage(astro) / perPage(hugo), 1),
          unit: 'ratio',
          note: `Hugo ${round(perPage(hugo) * 1000, 2)} ms a page at load ${hugo.load}; CPU per page ratio ${round(cpuPerPage(astro) / cpuPerPage(hugo), 1)}`,
        },
      )
    }
    rows.push({
      benchmark: `site: Hugo build, ${n} articles`,
      value: round(hugo.seconds, 2),
      unit: 's',
      note: `${of} (${hugoRuns.map((run) => round(run.seconds, 2)).join(', ')} s; load ${loads(hugoRuns)}); ${hugo.pages} pages, ${Math.round(hugo.pages / hugo.seconds)} pages/s, ${round(hugo.cpuSeconds, 2)} CPU s, ${hugo.peakMB} MB peak RSS (hugo ${hugoVersion}, plain pages)`,
    })
  }
  return rows
}

// ---------------------------------------------------------------- child: one Astro build, measured alone
if (process.argv[2] === '--child') {
  // As the publish step calls it (publish-step.ts): the site model and the images' hashes first, then the
  // build with the kept page bundle (its folder given: the bench's own), or without one.
  const [snapshotFile, siteDir, resultFile, bundle] = process.argv.slice(3)
  const { readSnapshot, mediaPath } = await import('../../channels/snapshot/read-snapshot.ts')
  const { buildSite } = await import('../../channels/site/build-site.ts')
  const { buildSiteModel } = await import('../../channels/site/site-model.ts')
  const { mediaFileHashes } = await import('../../channels/site/site-cache.ts')
  const loaded = await readSnapshot(snapshotFile)
  const buildDate = new Date('2026-06-01T00:00:00Z')
  const model = buildSiteModel(loaded.snapshot, {
    buildDate,
    mediaExists: (media) => existsSync(mediaPath(loaded, media)),
  })
  const result = await buildSite({
    loaded,
    snapshotFile,
    siteDir,
    search: false,
    buildDate,
    model,
    pageBundle: bundle ? { dir: bundle, mediaHashes: await mediaFileHashes(model, loaded) } : undefined,
    log: (line) => console.log(line),
  })
  await writeFile(
    resultFile,
    JSON.stringify({ pages: result.pages, astroSeconds: result.seconds.astro, renderer: result.renderer }),
  )
}
