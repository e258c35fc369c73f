/**
 * The search index's cost (issue 15, channels/site/search-records.ts), on the search records of a
 * generated site of 2,000 and of 10,000 articles (BENCH_QUICK=1: 300), published once with
 * `publish --only site`. Three rows each, every one in its own process under /usr/bin/time (wall and CPU
 * seconds of the process and its Pagefind children, the load average beside them):
 * - one Pagefind run over all records (how the index was written before it was sharded);
 * - the sharded index written from scratch (a full publish);
 * - after one article's title was edited: its record rewritten (updateRecords) and the index written
 *   again, only the shard holding it re-indexed.
 *
 * Run alone: `npm run bench search`. Internally re-runs itself with `--search-child <mode> <site> <records>`.
 */
import { spawn, spawnSync } from 'node:child_process'
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { INDEX_CACHE, indexForSearch, updateRecords } from '../../channels/site/search-records.ts'
import { benchDir, publishOnce, removeLater } from './publish.bench.ts'
import { generateSnapshot } from './synthetic-snapshot.ts'
import { quick, type BenchRow } from './types.ts'

const here = fileURLToPath(import.meta.url)
const root = path.resolve(path.dirname(here), '../..')
const round = (value: number, digits = 1) => Number(value.toFixed(digits))
const load = () => os.loadavg()[0].toFixed(1)
type Mode = 'single' | 'full' | 'edit'

/** The page whose title the edit changes (an article in the middle of the site). */
const editedPage = (count: number) => `artikler/artikel-${Math.floor(count / 2)}/index.html`

async function child(mode: Mode, siteDir: string, recordsDir: string): Promise<void> {
  if (mode === 'single') {
    // Pagefind's command line over every record at once, as search-records.ts ran it before shards.
    const runner = fileURLToPath(new URL('runner/bin.cjs', import.meta.resolve('pagefind')))
    const out = path.join(siteDir, 'pagefind')
    await new Promise<void>((resolve, reject) =>
      spawn(process.execPath, [runner, '--site', recordsDir, '--output-path', out, '--quiet'], {
        cwd: recordsDir,
        stdio: 'inherit',
      }).on('close', (code) => (code === 0 ? resolve() : reject(new Error(`Pagefind exit ${code}`)))),
    )
    return
  }
  if (mode === 'edit') {
    const page = process.argv[6]
    const file = path.join(siteDir, page)
    const html = await readFile(file, 'utf8')
    await rm(file)
    await writeFile(file, html.replace(/<title>/, '<title>Rettet: '))
    await updateRecords(siteDir, [page], recordsDir)
  }
  await indexForSearch(siteDir, recordsDir)
}

function timed(mode: Mode, siteDir: string, recordsDir: string, page = ''): { wall: number; cpu: number } {
  const timeFile = path.join(benchDir, `search-${mode}.time`)
  const started = performance.now()
  const result = spawnSync(
    '/usr/bin/time',
    [
      '-o',
      timeFile,
      '-f',
      '%U %S',
      process.execPath,
      '--import',
      'tsx',
      here,
      '--search-child',
      mode,
      siteDir,
      recordsDir,
      page,
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const wall = (performance.now() - started) / 1000
  if (result.status !== 0) throw new Error(`search bench: ${mode} failed`)
  const [user, system] = spawnSync('tail', ['-n1', timeFile]).stdout.toString().trim().split(' ').map(Number)
  return { wall, cpu: user + system }
}

async function measure(count: number): Promise<BenchRow[]> {
  const n = count.toLocaleString('en')
  const dir = path.join(benchDir, `search-${count}`)
  const cleanups = [await removeLater(dir)]
  try {
    const snapshotFile = await generateSnapshot(count, path.join(dir, 'snapshot'), { withMedia: true })
    const outDir = path.join(dir, 'dist')
    console.error(`  search: publishing ${n} articles for their records…`)
    await publishOnce(snapshotFile, outDir, true, `search-site-${count}`, ['site'])
    const siteDir = path.join(outDir, 'site')
    const recordsDir = path.join(outDir, 'site-state/search')
    const rows: BenchRow[] = []
    const row = (label: string, run: { wall: number; cpu: number }, before: string) =>
      rows.push({
        benchmark: `search index: ${label}, ${n} articles`,
        value: round(run.wall),
        unit: 's',
        note: `${round(run.cpu)} CPU s (Node and Pagefind); ${os.cpus().length} cores, load ${before} → ${load()}`,
      })
    // A copy of the records without the kept shards, for the run over all records.
    const plain = path.join(dir, 'records-plain')
    await cp(recordsDir, plain, {
      recursive: true,
      filter: (source) => path.basename(source) !== INDEX_CACHE,
    })
    const scratch = path.join(dir, 'scratch-site')
    await mkdir(scratch, { recursive: true })
    let before = load()
    row('one Pagefind run over all records (before shards)', timed('single', scratch, plain), before)
    await rm(path.join(recordsDir, INDEX_CACHE), { recursive: true, force: true })
    before = load()
    row('sharded, written from scratch (full publish)', timed('full', siteDir, recordsDir), before)
    before = load()
    row('sharded, after one title edit', timed('edit', siteDir, recordsDir, editedPage(count)), before)
    return rows
  } finally {
    cleanups.push(await removeLater(dir))
    await Promise.all(cleanups.map((cleanup) => cleanup()))
  }
}

export async function run(): Promise<BenchRow[]> {
  await mkdir(benchDir, { recursive: true })
  const rows: BenchRow[] = []
  for (const count of quick ? [300] : [2_000, 10_000]) rows.push(...(await measure(count)))
  return rows
}

if (process.argv[2] === '--search-child') {
  await child(process.argv[3] as Mode, process.argv[4], process.argv[5])
}
