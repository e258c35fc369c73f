/**
 * Output that must appear whole or not at all (a print run's PDFs, manifest, rejections and report).
 * It is written into a hidden staging folder inside the output folder, so always on the output's file
 * system (a tmpfs, a share mounted at `--out` itself, a symlinked folder), and swapped in as a set:
 *
 * 1. the finished staging folder is renamed `.budstikke-complete-<tag>` (one atomic step: complete);
 * 2. the previous run's files move into `.budstikke-old-<tag>`, then a marker says so;
 * 3. the new files move in; the complete folder, then the old one, are removed.
 *
 * Only names the job owns are moved, so other files in the folder stay where they are. A run killed
 * at any point is finished or undone by the next run into the folder (`recover`): an incomplete
 * staging folder is dropped, a complete one is swapped in. One run at a time per folder (a lock file
 * with the process id; a lock whose process is gone is taken over).
 */
import { isProcessAlive } from './process-alive.ts'
import { acquireLockFile, lockDraftPattern } from './lock-file.ts'
import { lstat, mkdir, readdir, realpath, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'

export interface StagedFolder {
  /** Where the new output is written. */
  dir: string
  /** The output folder (real path). */
  outDir: string
  /** Swaps the new files in for the previous run's; releases the lock. */
  commit(): Promise<void>
  /** Drops the staging folder, leaving the output folder as it was; releases the lock. */
  discard(): Promise<void>
}

export interface StageOptions {
  /** Names a run of this job writes into the folder: the previous run's are replaced, others kept. */
  owns: (name: string) => boolean
  /** The job, for messages ("print run"). */
  job: string
}

const PREFIX = '.budstikke-'
const LOCK = `${PREFIX}lock`
const OLD_MOVED = '.old-moved'

let counter = 0

export async function stageFolder(outDirGiven: string, options: StageOptions): Promise<StagedFolder> {
  const given = path.resolve(outDirGiven)
  const outDir = await realpath(given).catch(() => given)
  const info = await lstat(outDir).catch(() => undefined)
  if (info && !info.isDirectory())
    throw new Error(`--out ${given} is a file, not a folder; a ${options.job} writes a folder of files`)
  await mkdir(outDir, { recursive: true })
  const tag = `${process.pid}-${++counter}`
  await takeLock(outDir, given, options.job)
  try {
    await recover(outDir, options.owns)
    const dir = path.join(outDir, `${PREFIX}staging-${tag}`)
    await mkdir(dir)
    return {
      dir,
      outDir,
      async commit() {
        await rename(dir, path.join(outDir, `${PREFIX}complete-${tag}`))
        await finishSwap(outDir, tag, options.owns)
        await releaseLock(outDir)
      },
      async discard() {
        await rm(dir, { recursive: true, force: true })
        await releaseLock(outDir)
      },
    }
  } catch (error) {
    await releaseLock(outDir)
    throw error
  }
}

/** Steps 2 and 3 of the swap; each is safe to run again after a kill (see recover). */
async function finishSwap(outDir: string, tag: string, owns: (name: string) => boolean): Promise<void> {
  const complete = path.join(outDir, `${PREFIX}complete-${tag}`)
  const old = path.join(outDir, `${PREFIX}old-${tag}`)
  const marker = path.join(complete, OLD_MOVED)
  if (!(await exists(marker))) {
    // No new file has moved in yet, so every owned name in the folder is the previous run's.
    await mkdir(old, { recursive: true })
    for (const name of await readdir(outDir))
      if (owns(name)) await rename(path.join(outDir, name), path.join(old, name))
    await writeFile(marker, '')
  }
  for (const name of await readdir(complete))
    if (name !== OLD_MOVED) await rename(path.join(complete, name), path.join(outDir, name))
  await unlink(marker)
  await rmdir(complete)
  // Last: a big previous run is slow to delete, and the new one is already in place.
  await rm(old, { recursive: true, force: true })
}

/** Finishes or undoes what runs that are gone left in the folder (only called holding the lock). */
async function recover(outDir: string, owns: (name: string) => boolean): Promise<void> {
  const pattern = new RegExp(`^${PREFIX.replace('.', '\\.')}(staging|complete|old)-(\\d+-\\d+)$`)
  const leftovers = (await readdir(outDir)).map((name) => pattern.exec(name)).filter((m) => m !== null)
  const completeTags = new Set(leftovers.filter((m) => m[1] === 'complete').map((m) => m[2]))
  for (const tag of completeTags) await finishSwap(outDir, tag, owns)
  for (const m of leftovers)
    if (!completeTags.has(m[2])) await rm(path.join(outDir, m[0]), { recursive: true, force: true })
  // Lock files written by runs killed before they could link them into place.
  const lockPattern = lockDraftPattern(LOCK)
  for (const name of await readdir(outDir)) {
    const pid = Number(lockPattern.exec(name)?.[1])
    if (pid && !isProcessAlive(pid)) await rm(path.join(outDir, name), { force: true })
  }
}

/** One run per folder: `.budstikke-lock` inside it (channels/shared/lock-file.ts). */
async function takeLock(outDir: string, given: string, job: string): Promise<void> {
  await acquireLockFile(
    path.join(outDir, LOCK),
    (holder) =>
      `--out ${given}: another ${job} into this folder is running (pid ${holder.pid}, since ${holder.since ?? 'an unknown time'}); try again when it has finished`,
  )
}

async function releaseLock(outDir: string): Promise<void> {
  await rm(path.join(outDir, LOCK), { force: true })
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  )
}
