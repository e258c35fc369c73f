/**
 * A file system of its own for a test: a small tmpfs, so the output is on another disk than the project
 * (a rename across gives EXDEV) and can be filled up (ENOSPC). Mounting needs root (CI runs as root);
 * elsewhere the tests that need it are skipped, with the reason printed.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, statfs, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

export interface Tmpfs {
  dir: string
  unmount(): Promise<void>
}

/** A tmpfs of `megabytes` mounted on `at` (an existing folder; default: a new temp folder), or the reason none could be mounted. */
export async function mountTmpfs(megabytes: number, at?: string): Promise<Tmpfs | { skip: string }> {
  const dir = at ?? (await mkdtemp(path.join(os.tmpdir(), 'budstikke-tmpfs-')))
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], {
    encoding: 'utf8',
  })
  if (mounted.status !== 0) {
    if (!at) await rm(dir, { recursive: true, force: true })
    return {
      skip: `cannot mount a tmpfs (needs root): ${(mounted.stderr || mounted.error?.message || '').trim()}`,
    }
  }
  return {
    dir,
    async unmount() {
      spawnSync('umount', ['-l', dir])
      if (!at) await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Fills the file system holding `dir` until `leaveBytes` are free; returns the filler file (delete it to free the space). */
export async function fillDisk(dir: string, leaveBytes: number): Promise<string> {
  const { bavail, bsize } = await statfs(dir)
  const filler = path.join(dir, 'filler.bin')
  await writeFile(filler, Buffer.alloc(Math.max(0, bavail * bsize - leaveBytes)))
  return filler
}
