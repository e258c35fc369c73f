/**
 * The editor's loop end to end (issue 15): a CMS (Payload on a fresh SQLite file) holding 10,000
 * articles (BENCH_QUICK=1: 300; BENCH_ARTICLES=2000: any other number), published once whole (`budstikke publish --full`); then one article's
 * title edited through Payload's local API (saved as published, as in the admin) and `budstikke publish`
 * run again as an editor's server runs it: export from the CMS, cards, newsletters and site, every
 * channel. Each publish is the CLI in its own process under /usr/bin/time (wall and CPU seconds of the
 * process tree, peak RSS) and the load average; the phases (start+export, snapshot, each channel,
 * swap/delete/exit) in wall and CPU seconds come from its `publish-report.json` (publish-process.ts).
 *
 * Run alone: `npm run bench publish-cms` (`npm run bench publish` runs it with the other publish rows).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { generatedArticles, runPhase } from './cms.bench.ts'
import { removeLater } from './publish.bench.ts'
import { benchDir, phases, root, timedPublish, type PublishRun } from './publish-process.ts'
import { quick, type BenchRow } from './types.ts'

const round = (value: number, digits = 1) => Number(value.toFixed(digits))

/** `budstikke publish --out <outDir>` (export from the CMS in `dataDir`) in its own process, as the CLI runs it. */
function cliPublish(outDir: string, dataDir: string, name: string, full: boolean): Promise<PublishRun> {
  const args = [path.join(root, 'scripts/bin/budstikke.mjs'), 'publish', '--out', outDir, '--quiet']
  if (full) args.push('--full')
  return timedPublish(name, args, path.join(outDir, 'publish-report.json'), {
    BUDSTIKKE_DATA_DIR: dataDir,
    DATABASE_URI: '',
  })
}

function row(label: string, run: PublishRun): BenchRow {
  const steps = run.channels.map(
    (c) =>
      `${c.channel} ${c.rendered.toLocaleString('en')} rendered, ${c.reused.toLocaleString('en')} reused${c.way ? ` (${c.way})` : ''}`,
  )
  return {
    benchmark: `publish from the CMS: ${label}`,
    value: round(run.seconds),
    unit: 's',
    note: `${phases(run)}; ${steps.join(', ')}; ${round(run.cpuSeconds)} CPU s; ${run.peakMB} MB peak RSS; ${os.cpus().length} cores`,
  }
}

export async function run(): Promise<BenchRow[]> {
  const count = Number(process.env.BENCH_ARTICLES) || (quick ? 300 : 10_000)
  const n = count.toLocaleString('en')
  const dir = path.join(benchDir, `cms-${count}`)
  await mkdir(benchDir, { recursive: true })
  const cleanups = [await removeLater(dir)]
  try {
    await mkdir(dir, { recursive: true })
    const dataDir = path.join(dir, 'data')
    const articlesFile = path.join(dir, 'articles.json')
    await writeFile(articlesFile, JSON.stringify({ articles: generatedArticles(count) }))
    console.error(`  publish from the CMS: filling a CMS with ${n} articles…`)
    await runPhase('import', articlesFile, dataDir)
    const outDir = path.join(dir, 'dist')
    console.error(`  publish from the CMS: full, ${n} articles…`)
    const full = await cliPublish(outDir, dataDir, `cms-full-${count}`, true)
    const fullRow = row(`full, ${n} articles`, full)

    await runPhase('edit', `bench-artikel-${Math.floor(count / 2)}`, dataDir)
    console.error(`  publish from the CMS: after one title edit, ${n} articles…`)
    const edit = await cliPublish(outDir, dataDir, `cms-edit-${count}`, false)
    return [fullRow, row(`after one title edit in the CMS, ${n} articles`, edit)]
  } finally {
    cleanups.push(await removeLater(dir))
    await Promise.all(cleanups.map((cleanup) => cleanup()))
  }
}
