/**
 * What happens to the previous output once the new one is swapped in: it is renamed into a trash folder
 * beside the output (`<out>.trash-<pid>-<n>`: a sibling, so on the same file system and the rename is
 * instant) and deleted off the publish's critical path. Deleting 21,000 files (10,000 cards and 11,000
 * pages) took 1.5 s at load 5 and over 40 s at load 7 on this machine's ext4, so the CLI leaves it to a
 * detached child at the lowest CPU priority and exits.
 *
 * A trash folder is never forgotten: a publish killed before its deletion finished, or a deletion that
 * failed, leaves `<out>.trash-*`, and every publish deletes what it finds of those (naming them once), so
 * old outputs cannot pile up and fill the disk unnoticed. So are the leftovers of a killed publish
 * (`<out>.staging-*`), which are renamed into the trash first.
 */
import { spawn } from 'node:child_process'
import { readdir, rename, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/** `wait`: delete before returning (the library's default); `background`: a detached child deletes. */
export type RemovePrevious = 'wait' | 'background'

const TRASH = '.trash-'
let trashCount = 0

/** Moves `dir` (the previous output, or a killed run's staging folder) into a new trash folder beside `outDir`. */
export async function moveToTrash(dir: string, outDir: string): Promise<string> {
  const trash = `${outDir}${TRASH}${process.pid}-${Date.now()}-${trashCount++}`
  await rename(dir, trash)
  return trash
}

/** Every trash folder beside `outDir`: this run's and those an earlier run could not delete. */
export async function trashFolders(outDir: string): Promise<string[]> {
  const base = path.basename(outDir) + TRASH
  const names = await readdir(path.dirname(outDir)).catch(() => [] as string[])
  return names
    .filter((name) => name.startsWith(base))
    .sort()
    .map((name) => path.join(path.dirname(outDir), name))
}

/**
 * Deletes every trash folder beside `outDir`. `background` hands them to a detached Node child at the
 * lowest CPU priority, which outlives this process; if it cannot be started, they are deleted here.
 */
export async function emptyTrash(
  outDir: string,
  mode: RemovePrevious,
  log: (line: string) => void,
): Promise<void> {
  const folders = await trashFolders(outDir)
  if (folders.length === 0) return
  if (mode === 'background' && (await deleteDetached(folders))) return
  await Promise.all(
    folders.map((folder) =>
      // The new output is in place: a folder that cannot be deleted is named, not a failed publish.
      rm(folder, { recursive: true, force: true, maxRetries: 2 }).catch((error: NodeJS.ErrnoException) =>
        log(
          `publish: could not delete ${folder} (${error.code ?? error.message}); the next publish tries again`,
        ),
      ),
    ),
  )
}

/** The child deletes each folder it is given; one it cannot delete stays for the next publish. */
const DELETE_SCRIPT = `const { rmSync } = require('node:fs')
for (const folder of process.argv.slice(1)) try { rmSync(folder, { recursive: true, force: true, maxRetries: 2 }) } catch {}`

function deleteDetached(folders: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    // Without NODE_OPTIONS: a loader the parent was started with (tsx) would only slow the child's start.
    const { NODE_OPTIONS: _loaders, ...env } = process.env
    const child = spawn(process.execPath, ['-e', DELETE_SCRIPT, ...folders], {
      detached: true,
      stdio: 'ignore',
      env,
    })
    child.once('error', () => resolve(false))
    child.once('spawn', () => {
      try {
        // Beside a publish that starts next, this deletion only takes what CPU is left over.
        os.setPriority(child.pid as number, 19)
      } catch {
        // Not allowed here: it runs at normal priority, still off the publish's path.
      }
      child.unref()
      resolve(true)
    })
  })
}
