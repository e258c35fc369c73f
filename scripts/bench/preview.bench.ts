/**
 * Preview latency in the admin (issue 15): a saved draft to its finished preview (web page, e-mail,
 * cards; a letter's PDF), through the admin's preview store, in a process of its own on a fresh CMS
 * with the demo content. `first` includes starting the preview worker (and Astro's build of the page
 * bundle); `first after the warm-up` is the first preview after the admin's start warmed a new worker
 * (cms/preview/warm-at-boot.ts); `warm` is each later preview after an edit of the title, over 20.
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
  warmUp: number
  firstAfterWarmUp: number
  warm: number[]
  profile: Record<string, number>
  cpu: { admin: number; worker: number | null }
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
    const profile = Object.entries(result.profile)
      .map(([step, seconds]) => `${step} ${seconds.toFixed(2)}`)
      .join(', ')
    return [
      {
        benchmark: 'preview of an article draft, first, no worker running',
        value: round(result.first),
        unit: 's',
        note,
      },
      {
        benchmark: "preview warm-up at the admin's start",
        value: round(result.warmUp),
        unit: 's',
        note: 'in the background, before any preview is asked for',
      },
      {
        benchmark: 'preview of an article draft, first after the warm-up',
        value: round(result.firstAfterWarmUp),
        unit: 's',
      },
      {
        benchmark: `preview of an article draft, warm, p50 over ${count}`,
        value: round(percentile(result.warm, 50)),
        unit: 's',
      },
      {
        benchmark: `preview of an article draft, warm, p95 over ${count}`,
        value: round(percentile(result.warm, 95)),
        unit: 's',
        note: `median seconds per step: ${profile}`,
      },
      {
        benchmark: `preview of a letter draft, warm, p50 over ${result.letterWarm.length}`,
        value: round(percentile(result.letterWarm, 50)),
        unit: 's',
      },
      {
        benchmark: 'preview CPU time, whole run',
        value: round(result.cpu.admin + (result.cpu.worker ?? 0)),
        unit: 's',
        note: `admin process ${result.cpu.admin} s, preview worker (the one warmed up) ${result.cpu.worker ?? '?'} s`,
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
