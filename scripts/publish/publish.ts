/**
 * The main job: a snapshot in, every channel out. The new output is built in a sibling folder and
 * swapped in only when every channel succeeded, so a failure or a kill leaves the previous output whole.
 */
import { cp, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { acquirePublishLock } from './publish-lock.ts'
import type { ChannelResult } from '../../channels/types.ts'
import { readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { discoverPublishSteps } from './discover-steps.ts'

export interface PublishOptions {
  /** A snapshot file already exported; publish copies it (and its media) into `<out>/snapshot/`. */
  snapshotFile: string
  outDir: string
  only?: string[]
  full: boolean
  log: (line: string) => void
}

export interface PublishReport {
  startedAt: string
  seconds: number
  channels: ChannelResult[]
}

export async function publishSnapshot(options: PublishOptions): Promise<PublishReport> {
  const started = Date.now()
  const outDir = path.resolve(options.outDir)
  const lock = await acquirePublishLock(outDir)
  try {
    await recoverInterruptedSwap(outDir)
    return await publishLocked(options, outDir, started)
  } finally {
    await lock.release()
  }
}

async function publishLocked(options: PublishOptions, outDir: string, started: number): Promise<PublishReport> {
  const stagingDir = `${outDir}.staging-${process.pid}`
  await rm(stagingDir, { recursive: true, force: true })
  await mkdir(path.join(stagingDir, 'snapshot'), { recursive: true })

  // The snapshot (and its media) travels with the output: channels read it from there.
  const sourceDir = path.dirname(path.resolve(options.snapshotFile))
  await cp(path.resolve(options.snapshotFile), path.join(stagingDir, 'snapshot/snapshot.json'))
  if (existsSync(path.join(sourceDir, 'media'))) await cp(path.join(sourceDir, 'media'), path.join(stagingDir, 'snapshot/media'), { recursive: true })
  const loaded = await readSnapshot(path.join(stagingDir, 'snapshot/snapshot.json'))

  const channels: ChannelResult[] = []
  try {
    for (const step of await discoverPublishSteps(options.only)) {
      options.log(`publish: ${step.name}…`)
      const result = await step.run({ loaded, outDir: stagingDir, previousOutDir: existsSync(outDir) ? outDir : undefined, full: options.full, log: options.log })
      channels.push(result)
      options.log(`publish: ${step.name}: ${result.rendered} rendered, ${result.reused} reused, ${result.warnings.length} warnings, ${result.seconds.toFixed(1)} s`)
    }
  } catch (error) {
    await rm(stagingDir, { recursive: true, force: true })
    throw error
  }

  const report: PublishReport = { startedAt: new Date(started).toISOString(), seconds: (Date.now() - started) / 1000, channels }
  await writeFile(path.join(stagingDir, 'publish-report.json'), JSON.stringify(report, null, 2) + '\n')
  await swapIn(stagingDir, outDir)
  return report
}

/**
 * Leftovers of a publish that was killed: its staging folder (never complete, so dropped) and, if it died
 * between the two renames of the swap, the previous output (moved aside, so put back).
 * Only called while holding the lock, so no live publish owns these folders.
 */
async function recoverInterruptedSwap(outDir: string): Promise<void> {
  const parent = path.dirname(outDir)
  const base = path.basename(outDir)
  const leftovers = (await readdir(parent).catch(() => [] as string[])).filter((name) => name.startsWith(`${base}.staging-`) || name.startsWith(`${base}.old-`))
  for (const name of leftovers.sort()) {
    const full = path.join(parent, name)
    if (name.startsWith(`${base}.old-`) && !existsSync(outDir)) await rename(full, outDir)
    else await rm(full, { recursive: true, force: true })
  }
}

/** Rename the old output aside, the new one in, then drop the old (renames are atomic; a big delete is slow). */
async function swapIn(stagingDir: string, outDir: string): Promise<void> {
  const oldDir = `${outDir}.old-${process.pid}`
  if (existsSync(outDir)) await rename(outDir, oldDir)
  await rename(stagingDir, outDir)
  await rm(oldDir, { recursive: true, force: true })
}
