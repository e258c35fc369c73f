// One Astro build of this project at a time (plain JavaScript: astro-build.mjs runs without tsx).
// Astro keeps per-build state in `<root>/.astro/` (content-layer image imports, data store) and, when the
// output folder is outside cwd, its page bundle in `<cwd>/.astro/`. Two builds at once (a publish and an
// admin preview, or two tests) overwrote each other's and failed. So builds of this project take turns:
// an exclusive lock file holding the builder's pid; a lock whose process is gone is taken over.
// The lock is written whole (a draft hard-linked to its name), so it never names no one; one that does
// anyway (written by an older version on a full disk) is taken over once it is a minute old.
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

function holderOf(file) {
  try {
    const text = readFileSync(file, 'utf8').trim()
    const pid = /^\d+$/.test(text) ? Number(text) : 0
    return { pid, ageMs: Date.now() - statSync(file).mtimeMs }
  } catch {
    return { pid: 0, ageMs: 0 } // removed meanwhile: try again
  }
}

/** Waits for the project's Astro build lock and takes it; returns its release. */
export async function takeAstroBuildLock(root) {
  const lockFile = path.join(root, '.tmp', 'astro-build.lock')
  mkdirSync(path.dirname(lockFile), { recursive: true })
  const draft = `${lockFile}.${process.pid}.tmp`
  for (;;) {
    try {
      writeFileSync(draft, String(process.pid))
      linkSync(draft, lockFile)
      return () => rmSync(lockFile, { force: true })
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      const holder = holderOf(lockFile)
      if ((holder.pid > 0 && !alive(holder.pid)) || (holder.pid === 0 && holder.ageMs > 60_000))
        rmSync(lockFile, { force: true })
      else await sleep(200)
    } finally {
      rmSync(draft, { force: true })
    }
  }
}
