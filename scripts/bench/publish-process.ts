/**
 * One publish in its own process under /usr/bin/time, for the publish benches (publish.bench.ts,
 * publish-site.bench.ts, publish-cms.bench.ts): wall and CPU seconds of the process tree, the largest
 * process's peak RSS, the load average before and after, and the phases read from the publish report.
 * Its output goes to `<benchDir>/<name>.log`, kept for a look afterwards.
 */
import { spawnSync } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ChannelResult } from '../../channels/types.ts'
import type { PublishReport } from '../publish/publish.ts'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const benchDir = path.join(root, '.tmp/publish/bench')

export interface PublishRun {
  seconds: number
  cpuSeconds: number
  peakMB: number
  /** 1-minute load average when the process started and when it ended. */
  load: [number, number]
  /** When the process was started (ms since the epoch), to place the report's `startedAt`. */
  spawnedAt: number
  report: PublishReport
  channels: ChannelResult[]
}

/**
 * Runs `args` (a Node script and its arguments) under /usr/bin/time and returns its figures with the
 * report `reportFile` holds afterwards; a failure throws with the end of the log.
 */
export async function timedPublish(
  name: string,
  args: string[],
  reportFile: string,
  env: Record<string, string> = {},
): Promise<PublishRun> {
  await mkdir(benchDir, { recursive: true })
  const timeFile = path.join(benchDir, `${name}.time`)
  const logFile = path.join(benchDir, `${name}.log`)
  const log = openSync(logFile, 'w')
  const loadBefore = os.loadavg()[0]
  const spawnedAt = Date.now()
  const started = performance.now()
  let status: number | null
  try {
    status = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%M %U %S', process.execPath, ...args], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', log, log],
    }).status
  } finally {
    closeSync(log)
  }
  const seconds = (performance.now() - started) / 1000
  if (status !== 0)
    throw new Error(
      `publish bench: ${name} failed; the end of ${logFile}:\n${(await readFile(logFile, 'utf8')).slice(-3000)}`,
    )
  const [kb, user, system] = (await readFile(timeFile, 'utf8'))
    .trim()
    .split('\n')
    .pop()!
    .split(' ')
    .map(Number)
  const report = JSON.parse(await readFile(reportFile, 'utf8')) as PublishReport
  return {
    seconds,
    cpuSeconds: user + system,
    peakMB: Math.round(kb / 1024),
    load: [loadBefore, os.loadavg()[0]],
    spawnedAt,
    report,
    channels: report.channels,
  }
}

const one = (value: number) => value.toFixed(1)

/**
 * `start+export 6.1 s (7.0 CPU s), snapshot 0.4 s (0.3), cards 1.2 s (0.9), …, swap/delete/exit 0.2 s
 * (0.1)`: wall seconds per phase from the report's times, CPU seconds from its `cpuSeconds` marks and
 * /usr/bin/time's total. The first phase is everything before publish began (Node's start, the export).
 */
export function phases(run: PublishRun): string {
  const { report } = run
  const before = (Date.parse(report.startedAt) - run.spawnedAt) / 1000
  const channelSeconds = report.channels.reduce((sum, c) => sum + c.seconds, 0)
  const cpu = report.cpuSeconds
  const parts: string[] = []
  const part = (name: string, wall: number, cpuSeconds?: number) =>
    parts.push(`${name} ${one(wall)} s${cpuSeconds === undefined ? '' : ` (${one(cpuSeconds)} CPU s)`}`)
  part('start+export', before, cpu?.atStart)
  part('snapshot', report.seconds - channelSeconds, cpu && cpu.snapshotPlaced - cpu.atStart)
  let previous = cpu?.snapshotPlaced
  for (const c of report.channels) {
    const after = cpu?.afterChannel[c.channel]
    part(c.channel, c.seconds, after !== undefined && previous !== undefined ? after - previous : undefined)
    previous = after
  }
  part(
    'swap/delete/exit',
    run.seconds - before - report.seconds,
    previous === undefined ? undefined : run.cpuSeconds - previous,
  )
  return `${parts.join(', ')}; load ${one(run.load[0])} → ${one(run.load[1])}`
}
