/**
 * The site's part of the editor's loop (issue 15), with the other channels left out (`publish --only
 * site`), on generated articles (10,000; BENCH_QUICK=1: 300):
 * - a full publish (`--full`) into an empty output folder;
 * - then one article's title edited and published again: only the touched pages are rendered, the rest
 *   copied from the previous output (channels/site/publish-step.ts);
 * and the ratio. Each publish runs in its own process under /usr/bin/time (wall and CPU seconds, peak
 * RSS); the load average is noted, as this machine is shared. The export from the CMS is not included:
 * `npm run bench cms` measures it (export of 10,000 articles).
 *
 * Run alone: `npm run bench publish-site` (`npm run bench publish` runs it with the all-channel rows).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { benchDir, publishOnce, removeLater, type PublishRun } from './publish.bench.ts'
import { phases } from './publish-process.ts'
import { generateSnapshot } from './synthetic-snapshot.ts'
import { quick, type BenchRow } from './types.ts'

const round = (value: number, digits = 1) => Number(value.toFixed(digits))

function row(label: string, run: PublishRun): BenchRow {
  const site = run.channels.find((c) => c.channel === 'site')!
  return {
    benchmark: `publish --only site: ${label}`,
    value: round(run.seconds),
    unit: 's',
    note: `site step ${round(site.seconds)} s (${site.rendered.toLocaleString('en')} pages rendered, ${site.reused.toLocaleString('en')} copied); ${round(run.cpuSeconds)} CPU s; ${run.peakMB} MB peak RSS; ${phases(run)}; ${os.cpus().length} cores`,
  }
}

export async function run(): Promise<BenchRow[]> {
  const count = quick ? 300 : 10_000
  const n = count.toLocaleString('en')
  const dir = path.join(benchDir, `site-only-${count}`)
  await mkdir(benchDir, { recursive: true })
  const cleanups = [await removeLater(dir)]
  try {
    const snapshotFile = await generateSnapshot(count, path.join(dir, 'snapshot'), { withMedia: true })
    const outDir = path.join(dir, 'dist')
    console.error(`  publish --only site: full, ${n} articles…`)
    const full = await publishOnce(snapshotFile, outDir, true, `site-full-${count}`, ['site'])
    const fullRow = row(`full, ${n} articles`, full)

    const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8')) as { articles: { title: string }[] }
    snapshot.articles[Math.floor(count / 2)].title += ' (rettet)'
    await writeFile(snapshotFile, JSON.stringify(snapshot))
    console.error(`  publish --only site: after one title edit, ${n} articles…`)
    const edit = await publishOnce(snapshotFile, outDir, false, `site-edit-${count}`, ['site'])
    return [
      fullRow,
      row(`after one title edit, ${n} articles`, edit),
      {
        benchmark: `publish --only site: full / after one edit, ${n} articles`,
        value: round(full.seconds / edit.seconds, 2),
        unit: 'ratio',
        note: `CPU: full ${round(full.cpuSeconds)} s, after one edit ${round(edit.cpuSeconds)} s`,
      },
    ]
  } finally {
    cleanups.push(await removeLater(dir))
    await Promise.all(cleanups.map((cleanup) => cleanup()))
  }
}
