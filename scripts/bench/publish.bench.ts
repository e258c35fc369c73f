/**
 * The whole publish (issue 7): `publishSnapshot` with every channel (cards, newsletters, site) on a
 * generated snapshot, as `budstikke publish` runs it:
 * - a full publish of 1,000 and of 10,000 articles into an empty output folder (`--full`);
 * - then, on the 10,000-article output, one article's title edited and published again (incremental),
 *   and the ratio between the two.
 * Rows give seconds, each channel's seconds from `publish-report.json`, and the peak RSS of the process
 * tree (each publish runs in its own process under /usr/bin/time). BENCH_QUICK=1: 100 and 300 articles.
 * The snapshot: obviously fake articles (three of four with a hero photo from the fixture's media),
 * the fixture's benefits and campaigns, and four newsletter editions (scripts/bench/synthetic-snapshot.ts).
 *
 * Run alone: `npm run bench publish`. Internally re-runs itself with `--child <snapshot> <out> <result> [--full]`;
 * each publish's log is kept in `.tmp/publish/bench/<full|incremental>-<count>.log`.
 */
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateSnapshot } from './synthetic-snapshot.ts'
import { benchDir, phases, timedPublish, type PublishRun } from './publish-process.ts'
import { quick, type BenchRow } from './types.ts'

export { benchDir, type PublishRun }
const here = fileURLToPath(import.meta.url)
const round = (value: number, digits = 1) => Number(value.toFixed(digits))

/**
 * One publish of `snapshotFile` in its own process (publish-process.ts). `only`: the channels to run
 * (`publish --only`), default all.
 */
export async function publishOnce(
  snapshotFile: string,
  outDir: string,
  full: boolean,
  name: string,
  only?: string[],
): Promise<PublishRun> {
  const resultFile = path.join(benchDir, `${name}.json`)
  await rm(resultFile, { force: true })
  const args = ['--import', 'tsx', here, '--child', snapshotFile, outDir, resultFile]
  if (full) args.push('--full')
  if (only) args.push('--only', only.join(','))
  return timedPublish(name, args, resultFile)
}

/** `cards 812 s (30,012 drawn, 0 reused), newsletters 3 s (…)`. */
function perChannel(run: PublishRun): string {
  return run.channels
    .map(
      (c) =>
        `${c.channel} ${round(c.seconds)} s (${c.rendered.toLocaleString('en')} rendered, ${c.reused.toLocaleString('en')} reused)`,
    )
    .join(', ')
}

function rows(label: string, run: PublishRun): BenchRow[] {
  return [
    {
      benchmark: `publish: ${label}`,
      value: round(run.seconds),
      unit: 's',
      note: `${perChannel(run)}; ${round(run.cpuSeconds)} CPU s; ${phases(run)}; ${os.cpus().length} cores`,
    },
    ...run.channels.map((c) => ({
      benchmark: `publish: ${label}: ${c.channel}`,
      value: round(c.seconds),
      unit: 's',
      note: `${c.rendered.toLocaleString('en')} rendered, ${c.reused.toLocaleString('en')} reused`,
    })),
    { benchmark: `publish: ${label}, peak RSS`, value: run.peakMB, unit: 'MB' },
  ]
}

/** Removing 10,000 files is slow on this disk: move a folder aside at once, delete it afterwards. */
export async function removeLater(dir: string): Promise<() => Promise<void>> {
  if (!existsSync(dir)) return async () => {}
  const aside = `${dir}.old-${Date.now()}`
  await rename(dir, aside)
  return () => rm(aside, { recursive: true, force: true })
}

export async function run(): Promise<BenchRow[]> {
  const [small, large] = quick ? [100, 300] : [1_000, 10_000]
  const out: BenchRow[] = []
  await mkdir(benchDir, { recursive: true })
  const cleanups: (() => Promise<void>)[] = []
  try {
    for (const count of [small, large]) {
      const n = count.toLocaleString('en')
      const dir = path.join(benchDir, `articles-${count}`)
      cleanups.push(await removeLater(dir))
      const snapshotFile = await generateSnapshot(count, path.join(dir, 'snapshot'), { withMedia: true })
      const outDir = path.join(dir, 'dist')
      console.error(`  publish: full, ${n} articles…`)
      const full = await publishOnce(snapshotFile, outDir, true, `full-${count}`)
      out.push(...rows(`full, ${n} articles`, full))
      if (count !== large) continue

      // One editor's change: a new title on an article in the middle of the list.
      const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8')) as { articles: { title: string }[] }
      snapshot.articles[Math.floor(count / 2)].title += ' (rettet)'
      await writeFile(snapshotFile, JSON.stringify(snapshot))
      console.error(`  publish: incremental after one title edit, ${n} articles…`)
      const incremental = await publishOnce(snapshotFile, outDir, false, `incremental-${count}`)
      out.push(...rows(`incremental after one title edit, ${n} articles`, incremental))
      out.push({
        benchmark: `publish: full / incremental, ${n} articles`,
        value: round(full.seconds / incremental.seconds, 2),
        unit: 'ratio',
        note: `full ${round(full.seconds)} s, incremental ${round(incremental.seconds)} s`,
      })
    }
  } finally {
    for (const dir of await Promise.all(
      [small, large].map((count) => removeLater(path.join(benchDir, `articles-${count}`))),
    ))
      cleanups.push(dir)
    await Promise.all(cleanups.map((cleanup) => cleanup()))
  }
  return out
}

// ---------------------------------------------------------------- child: one publish, measured alone
if (process.argv[2] === '--child') {
  const [snapshotFile, outDir, resultFile] = process.argv.slice(3)
  const { publishSnapshot } = await import('../publish/publish.ts')
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined
  const report = await publishSnapshot({
    snapshotFile,
    outDir,
    only: only?.split(','),
    full: process.argv.includes('--full'),
    log: (line) => console.error(line),
    removePrevious: 'background',
  })
  await writeFile(resultFile, JSON.stringify(report))
}
