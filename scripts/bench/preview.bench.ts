/**
 * Preview latency in the admin (issue 15): a saved draft to its finished preview (web page, e-mail,
 * cards; a letter's PDF), through the admin's preview store, in a process of its own on a fresh CMS
 * with the demo content. `first` includes starting the preview worker (and Astro's build of the page
 * bundle); `warm` is each later preview after an edit of the title, over 20 previews.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { quick, type BenchRow } from './types.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

interface PhaseResult {
  first: number
  warm: number[]
  letterFirst: number
  letterWarm: number[]
}

export async function run(): Promise<BenchRow[]> {
  const count = quick ? 5 : 20
  const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-bench-preview-'))
  const load = os.loadavg()[0].toFixed(1)
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'preview-phase.ts'), String(count)],
      {
        env: {
          ...process.env,
          BUDSTIKKE_DATA_DIR: path.join(dir, 'data'),
          BUDSTIKKE_PREVIEW_DIR: path.join(dir, 'preview'),
          DATABASE_URI: '',
          BUDSTIKKE_LOG_LEVEL: 'warn',
        },
        maxBuffer: 64 * 1024 * 1024,
      },
    )
    const result = JSON.parse(stdout.trim().split('\n').pop() as string) as PhaseResult
    const note = `load average ${load} at start, ${os.loadavg()[0].toFixed(1)} at end`
    return [
      { benchmark: 'preview of an article draft, first', value: round(result.first), unit: 's', note },
      {
        benchmark: `preview of an article draft, warm, p50 over ${count}`,
        value: round(percentile(result.warm, 50)),
        unit: 's',
      },
      {
        benchmark: `preview of an article draft, warm, p95 over ${count}`,
        value: round(percentile(result.warm, 95)),
        unit: 's',
      },
      {
        benchmark: `preview of a letter draft, warm, p50 over ${result.letterWarm.length}`,
        value: round(percentile(result.letterWarm, 50)),
        unit: 's',
      },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = values.toSorted((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]
}

const round = (n: number) => Math.round(n * 100) / 100
