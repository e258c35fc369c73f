/**
 * The editor's loop end to end (issue 15): a CMS (Payload on a fresh SQLite file) holding 10,000
 * articles (BENCH_QUICK=1: 300), published once whole (`budstikke publish --full`); then one article's
 * title edited through Payload's local API (saved as published, as in the admin) and `budstikke publish`
 * run again as an editor's server runs it: export from the CMS, cards, newsletters and site, every
 * channel. Each publish is the CLI in its own process under /usr/bin/time (wall and CPU seconds of the
 * process tree, peak RSS); the channels' seconds come from its `publish-report.json`, and "export" is the
 * rest of the process's wall time (starting Node and Payload, exporting the snapshot).
 *
 * Run alone: `npm run bench publish-cms` (`npm run bench publish` runs it with the other publish rows).
 */
import { spawnSync } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { ChannelResult } from '../../channels/types.ts'
import { generatedArticles, runPhase } from './cms.bench.ts'
import { benchDir, removeLater } from './publish.bench.ts'
import { quick, type BenchRow } from './types.ts'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const round = (value: number, digits = 1) => Number(value.toFixed(digits))
const load = () => os.loadavg()[0].toFixed(1)

interface CliRun {
  seconds: number
  cpuSeconds: number
  peakMB: number
  publishSeconds: number
  channels: ChannelResult[]
}

/** `budstikke publish --out <outDir>` (export from the CMS in `dataDir`) in its own process. */
async function cliPublish(outDir: string, dataDir: string, name: string, full: boolean): Promise<CliRun> {
  const timeFile = path.join(benchDir, `${name}.time`)
  const logFile = path.join(benchDir, `${name}.log`)
  const log = openSync(logFile, 'w')
  const started = performance.now()
  let status: number | null
  try {
    status = spawnSync(
      '/usr/bin/time',
      [
        '-o',
        timeFile,
        '-f',
        '%M %U %S',
        process.execPath,
        path.join(root, 'scripts/bin/budstikke.mjs'),
        'publish',
        '--out',
        outDir,
        '--quiet',
        ...(full ? ['--full'] : []),
      ],
      {
        cwd: root,
        env: { ...process.env, BUDSTIKKE_DATA_DIR: dataDir, DATABASE_URI: '', ASTRO_TELEMETRY_DISABLED: '1' },
        stdio: ['ignore', log, log],
      },
    ).status
  } finally {
    closeSync(log)
  }
  const seconds = (performance.now() - started) / 1000
  if (status !== 0)
    throw new Error(
      `publish-cms bench: publish into ${outDir} failed; the end of ${logFile}:\n${(await readFile(logFile, 'utf8')).slice(-3000)}`,
    )
  const [kb, user, system] = (await readFile(timeFile, 'utf8'))
    .trim()
    .split('\n')
    .pop()!
    .split(' ')
    .map(Number)
  const report = JSON.parse(await readFile(path.join(outDir, 'publish-report.json'), 'utf8')) as {
    seconds: number
    channels: ChannelResult[]
  }
  return {
    seconds,
    cpuSeconds: user + system,
    peakMB: Math.round(kb / 1024),
    publishSeconds: report.seconds,
    channels: report.channels,
  }
}

function row(label: string, run: CliRun, loadBefore: string): BenchRow {
  const steps = run.channels.map(
    (c) =>
      `${c.channel} ${round(c.seconds)} s (${c.rendered.toLocaleString('en')} rendered, ${c.reused.toLocaleString('en')} reused${c.way ? `, ${c.way}` : ''})`,
  )
  return {
    benchmark: `publish from the CMS: ${label}`,
    value: round(run.seconds),
    unit: 's',
    note: `export and start ${round(run.seconds - run.publishSeconds)} s, ${steps.join(', ')}; ${round(run.cpuSeconds)} CPU s; ${run.peakMB} MB peak RSS; ${os.cpus().length} cores, load ${loadBefore} → ${load()}`,
  }
}

export async function run(): Promise<BenchRow[]> {
  const count = quick ? 300 : 10_000
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
    let before = load()
    const full = await cliPublish(outDir, dataDir, `cms-full-${count}`, true)
    const fullRow = row(`full, ${n} articles`, full, before)

    await runPhase('edit', `bench-artikel-${Math.floor(count / 2)}`, dataDir)
    console.error(`  publish from the CMS: after one title edit, ${n} articles…`)
    before = load()
    const edit = await cliPublish(outDir, dataDir, `cms-edit-${count}`, false)
    return [fullRow, row(`after one title edit in the CMS, ${n} articles`, edit, before)]
  } finally {
    cleanups.push(await removeLater(dir))
    await Promise.all(cleanups.map((cleanup) => cleanup()))
  }
}
