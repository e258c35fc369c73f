/**
 * Output that must appear whole or not at all (a print run's PDFs, manifest, rejections and report):
 * it is written into a staging folder beside the output folder (same parent, so the same file system,
 * so the swap is two renames) and swapped in only when complete, as publish does with `dist/`.
 *
 * Several runs may share a parent folder, and tests run many in one process, so staging and
 * moved-aside folders carry the process id and a counter; leftovers of a process that is gone (a
 * killed run) are cleared by the next run into the same folder, and an output moved aside by a swap
 * cut between its two renames is put back.
 */
import { readFileSync } from 'node:fs'
import { lstat, mkdir, readdir, realpath, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'

export interface StagedFolder {
  /** Where the new output is written. */
  dir: string
  /** The output folder it replaces (real path). */
  outDir: string
  /** Swaps the staging folder in for the output folder. */
  commit(): Promise<void>
  /** Drops the staging folder; the output folder stays as it was. */
  discard(): Promise<void>
}

export interface StageOptions {
  /** Names a previous run of the same job writes: a folder holding anything else is refused, never replaced. */
  owns: (name: string) => boolean
  /** The job, for messages ("print run"). */
  job: string
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  // A killed process not yet reaped by its parent still answers signal 0; on Linux /proc says "Z".
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return true
  }
}

let counter = 0

export async function stageFolder(outDirGiven: string, options: StageOptions): Promise<StagedFolder> {
  const given = path.resolve(outDirGiven)
  // A symlinked output folder is staged beside its target, on the target's file system.
  const outDir = await realpath(given).catch(() => given)
  const parent = path.dirname(outDir)
  await mkdir(parent, { recursive: true })
  await clearLeftovers(outDir)
  await checkReplaceable(given, outDir, options)
  const tag = `${process.pid}-${++counter}`
  const dir = `${outDir}.staging-${tag}`
  await mkdir(dir)
  return {
    dir,
    outDir,
    async commit() {
      const aside = `${outDir}.old-${tag}`
      const hadPrevious = await stat(outDir).then(() => true, () => false)
      if (hadPrevious) await rename(outDir, aside)
      await rename(dir, outDir)
      // The delete comes last: a big previous run is slow to remove, and the new one is already in place.
      if (hadPrevious) await rm(aside, { recursive: true, force: true })
    },
    discard: () => rm(dir, { recursive: true, force: true }),
  }
}

/** Refuses what a swap would destroy: a file, a mount point (cannot be renamed), or a folder of other files. */
async function checkReplaceable(given: string, outDir: string, options: StageOptions): Promise<void> {
  const info = await lstat(outDir).catch(() => undefined)
  if (!info) return
  if (!info.isDirectory()) throw new Error(`--out ${given} is a file, not a folder; a ${options.job} writes a folder of files`)
  const parentInfo = await stat(path.dirname(outDir))
  if (parentInfo.dev !== info.dev) {
    throw new Error(`--out ${given} is a mount point; a ${options.job} replaces its output folder as a whole, so give a folder inside it (e.g. ${path.join(given, 'letters')})`)
  }
  const foreign = (await readdir(outDir)).filter((name) => !options.owns(name))
  if (foreign.length) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : '')
    throw new Error(`--out ${given} holds files a ${options.job} did not write (${shown}); a ${options.job} replaces the whole folder, so choose a new or empty folder, or a previous ${options.job}'s folder`)
  }
}

/** `<out>.staging-<pid>-<n>` and `<out>.old-<pid>-<n>` of processes that are gone. */
async function clearLeftovers(outDir: string): Promise<void> {
  const parent = path.dirname(outDir)
  const base = path.basename(outDir)
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(staging|old)-(\\d+)-\\d+$`)
  for (const name of (await readdir(parent)).sort()) {
    const match = pattern.exec(name)
    if (!match) continue
    const pid = Number(match[2])
    if (pid === process.pid || isProcessAlive(pid)) continue
    const full = path.join(parent, name)
    const outExists = await stat(outDir).then(() => true, () => false)
    if (match[1] === 'old' && !outExists) await rename(full, outDir)
    else await rm(full, { recursive: true, force: true })
  }
}
