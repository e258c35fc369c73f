/**
 * The main job: a snapshot in, every channel out. The new output is built in a sibling folder and
 * swapped in only when every channel succeeded, so a failure or a kill leaves the previous output whole.
 * Being a sibling, the staging folder is on the output's disk, so the swap is a rename even when the
 * output is on another disk than the project (`--out /srv/www/dist`). The channels write into it
 * (cards and their renames included); the Astro build works in the project and copies its result
 * across (channels/site/build-site.ts).
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { acquirePublishLock } from './publish-lock.ts'
import { checkOutputFolder, writeOutputMarker } from './output-folder.ts'
import { withPath } from '../../channels/shared/file-system-errors.ts'
import type { ChannelResult, PublishStep } from '../../channels/types.ts'
import { readSnapshot, type LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { discoverPublishSteps, listPublishSteps } from './discover-steps.ts'
import { emptyTrash, moveToTrash, trashFolders, type RemovePrevious } from './previous-output.ts'
import { carryOverTree, linkOrCopy } from '../../channels/shared/output-cache.ts'
import type { ProgressDisplay } from '../shared/progress-display.ts'
import { cpuSecondsSoFar } from '../shared/cpu-seconds.ts'
import { placeSnapshot } from './place-snapshot.ts'

export interface PublishOptions {
  /** A snapshot file already exported; publish copies it (and its media) into `<out>/snapshot/`. */
  snapshotFile: string
  /**
   * The text of `snapshotFile` when the export has just written it from a snapshot it validated: publish
   * then neither reads it back nor validates it again (about 1 CPU s at 10,000 articles).
   */
  exportedJson?: string
  outDir: string
  only?: string[]
  full: boolean
  log: (line: string) => void
  /** Per-channel progress (items done of total); the CLI passes a terminal or plain-line display. */
  display?: Pick<ProgressDisplay, 'progress' | 'finish'>
  /**
   * When the previous output (renamed into a trash folder at the swap) is deleted: before returning
   * (`wait`, the default) or by a detached child (`background`, the CLI's: off the publish's path).
   */
  removePrevious?: RemovePrevious
}

export interface PublishReport {
  startedAt: string
  seconds: number
  channels: ChannelResult[]
  /** The snapshot's content hash (place-snapshot.ts): the next publish compares with it. */
  snapshotHash?: string
  /**
   * CPU seconds of the process (and its ended children) when publish started (the CLI: after Node's
   * start and the export), once the snapshot was placed, and after each channel: the bench's breakdown.
   */
  cpuSeconds?: { atStart: number; snapshotPlaced: number; afterChannel: Record<string, number> }
}

export async function publishSnapshot(options: PublishOptions): Promise<PublishReport> {
  const started = Date.now()
  const cpuAtStart = cpuSecondsSoFar()
  const outDir = path.resolve(options.outDir)
  // Refused before anything is written, the lock included; checked again under the lock (below).
  await checkOutputFolder(outDir, options.outDir)
  await mkdir(path.dirname(outDir), { recursive: true })
  const lock = await acquirePublishLock(outDir)
  try {
    await recoverInterruptedSwap(outDir, options.log)
    await checkOutputFolder(outDir, options.outDir)
    const report = await publishLocked(options, outDir, started, cpuAtStart)
    // Under the lock, so the next publish into this folder sees every trash folder this one left.
    await emptyTrash(outDir, options.removePrevious ?? 'wait', options.log)
    return report
  } finally {
    await lock.release()
  }
}

async function publishLocked(
  options: PublishOptions,
  outDir: string,
  started: number,
  cpuAtStart: number,
): Promise<PublishReport> {
  const stagingDir = `${outDir}.staging-${process.pid}`
  const previousOutDir = existsSync(outDir) ? outDir : undefined
  await rm(stagingDir, { recursive: true, force: true })
  await mkdir(path.join(stagingDir, 'snapshot'), { recursive: true })

  try {
    // The snapshot (and its media) travels with the output: channels read it from there.
    const exported = options.exportedJson === undefined ? undefined : JSON.parse(options.exportedJson)
    const placed = await placeSnapshot(
      options.snapshotFile,
      options.exportedJson,
      stagingDir,
      previousOutDir,
      options.full,
    )
    const stagedFile = path.join(stagingDir, 'snapshot/snapshot.json')
    // The export's text is the JSON of a validated snapshot: parsing it gives what validating it again
    // would. Errors name the file the user gave, not the staging copy.
    const loaded: LoadedSnapshot =
      exported && !placed.keptPrevious
        ? { snapshot: exported as Snapshot, dir: path.dirname(stagedFile) }
        : await readSnapshot(stagedFile, options.snapshotFile)

    const snapshotPlaced = cpuSecondsSoFar()
    const afterChannel: Record<string, number> = {}
    const steps = await discoverPublishSteps(options.only)
    if (options.only && previousOutDir) await carryOverUnselected(steps, previousOutDir, stagingDir)
    const channels: ChannelResult[] = []
    for (const step of steps) {
      options.log(`publish: ${step.name}…`)
      const progress = (done: number, total: number) => options.display?.progress(step.name, done, total)
      const result = await step.run({
        loaded,
        outDir: stagingDir,
        previousOutDir,
        full: options.full,
        log: options.log,
        progress,
      })
      options.display?.finish(step.name)
      afterChannel[step.name] = round(cpuSecondsSoFar())
      channels.push(result)
      options.log(
        `publish: ${step.name}: ${result.rendered} rendered, ${result.reused} reused, ${result.warnings.length} warnings, ${result.seconds.toFixed(1)} s`,
      )
    }
    const report: PublishReport = {
      startedAt: new Date(started).toISOString(),
      seconds: (Date.now() - started) / 1000,
      channels,
      ...(placed.hash === null ? {} : { snapshotHash: placed.hash }),
      cpuSeconds: { atStart: round(cpuAtStart), snapshotPlaced: round(snapshotPlaced), afterChannel },
    }
    await writeFile(path.join(stagingDir, 'publish-report.json'), JSON.stringify(report, null, 2) + '\n')
    await writeOutputMarker(stagingDir)
    await swapIn(stagingDir, outDir)
    return report
  } catch (error) {
    await rm(stagingDir, { recursive: true, force: true }).catch(() => {})
    // A write to an open file that fails (a full disk) names no path: name the folder being written.
    throw withPath(error, stagingDir)
  }
}

const round = (seconds: number) => Math.round(seconds * 100) / 100

/** Paths that are a step's output: its declared `outputs`, or a folder named after the channel. */
function outputsOf(step: PublishStep): string[] {
  return step.outputs ?? [step.name]
}

/**
 * `--only newsletters` re-renders the newsletters and must keep everything else as it was, so the
 * previous output of every other channel is carried into the new output first, except what a selected
 * channel writes inside it (with `--only cards`, the site is kept but its `site/social/` is redrawn).
 * Carried as hard links (no byte is copied; nothing writes into a carried file, as its channel does not
 * run), copied where the file system has none (linkOrCopy).
 */
async function carryOverUnselected(
  selected: PublishStep[],
  previousOutDir: string,
  stagingDir: string,
): Promise<void> {
  const selectedNames = new Set(selected.map((s) => s.name))
  const selectedPaths = selected.flatMap(outputsOf)
  for (const step of await listPublishSteps()) {
    if (selectedNames.has(step.name)) continue
    for (const output of outputsOf(step)) {
      const from = path.join(previousOutDir, output)
      if (!existsSync(from)) continue
      const nested = selectedPaths
        .filter((p) => p.startsWith(output + '/'))
        .map((p) => p.slice(output.length + 1))
      await carryExcept(from, path.join(stagingDir, output), nested)
    }
  }
}

/** Carries the tree `from` to `to`, leaving out the paths in `left` (relative to `from`). */
async function carryExcept(from: string, to: string, left: string[]): Promise<void> {
  const here = new Set(left.filter((p) => !p.includes('/')))
  const deeper = left.filter((p) => p.includes('/'))
  const descend = new Set(deeper.map((p) => p.slice(0, p.indexOf('/'))))
  await carryOverTree(from, to, [...here, ...descend])
  for (const name of descend) {
    if (here.has(name)) continue
    const source = path.join(from, name)
    const inner = deeper.filter((p) => p.startsWith(name + '/')).map((p) => p.slice(name.length + 1))
    const isFolder = await readdir(source).then(
      () => true,
      () => false,
    )
    if (isFolder) await carryExcept(source, path.join(to, name), inner)
    else if (existsSync(source)) await linkOrCopy(source, path.join(to, name))
  }
}

/**
 * Leftovers of a publish that was killed: its staging folder (never complete, so dropped: moved into the
 * trash, deleted after this publish's swap) and, if it died between the two renames of the swap, the
 * previous output (moved aside, so put back). Only called while holding the lock, so no live publish
 * owns these folders.
 */
async function recoverInterruptedSwap(outDir: string, log: (line: string) => void): Promise<void> {
  const parent = path.dirname(outDir)
  const base = path.basename(outDir)
  const leftovers = (await readdir(parent).catch(() => [] as string[])).filter(
    (name) => name.startsWith(`${base}.staging-`) || name.startsWith(`${base}.old-`),
  )
  for (const name of leftovers.sort()) {
    const full = path.join(parent, name)
    if (name.startsWith(`${base}.old-`) && !existsSync(outDir)) await rename(full, outDir)
    else await moveToTrash(full, outDir)
  }
  const trash = await trashFolders(outDir)
  if (trash.length > 0)
    log(
      `publish: deleting ${trash.length} folder${trash.length === 1 ? '' : 's'} left by an earlier publish (${trash.map((t) => path.basename(t)).join(', ')})`,
    )
}

/**
 * Renames the old output aside and the new one in (renames are atomic), then the old one into the
 * trash: deleting it is slow and happens after (previous-output.ts).
 */
async function swapIn(stagingDir: string, outDir: string): Promise<void> {
  const oldDir = `${outDir}.old-${process.pid}`
  const hadOutput = existsSync(outDir)
  if (hadOutput) await rename(outDir, oldDir)
  try {
    await rename(stagingDir, outDir)
  } catch (error) {
    if (hadOutput) await rename(oldDir, outDir) // the previous output stays in place
    throw error
  }
  if (hadOutput) await moveToTrash(oldDir, outDir)
}
