// Runs Astro's programmatic build() in a process of its own (started by build-site.ts): no tsx loader
// hooks on Astro's generated chunks (about 20 % less CPU), its own memory, and the build's settings
// passed as environment variables instead of changing the parent's process.env.
// Log level info: Astro then names each page it writes, which the parent counts for the progress display
// (the output stays on the pipe; only warnings reach the publish log).
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { build } from 'astro'

const root = process.argv[2]
if (!root) {
  console.error('usage: astro-build.mjs <project root>')
  process.exit(2)
}

/**
 * Astro keeps per-build state in `<root>/.astro/` (content-layer image imports, data store) and, when the
 * output folder is outside cwd, its page bundle in `<cwd>/.astro/`. Two builds at once (a publish and an
 * admin preview, or two tests) overwrote each other's and failed. So builds of this project take turns:
 * an exclusive lock file holding the builder's pid; a lock whose process is gone is taken over.
 * The lock is written whole (a draft hard-linked to its name), so it never names no one; one that does
 * anyway (written by an older version on a full disk) is taken over once it is a minute old.
 */
const lockFile = path.join(root, '.tmp', 'astro-build.lock')
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
async function takeLock() {
  mkdirSync(path.dirname(lockFile), { recursive: true })
  const draft = `${lockFile}.${process.pid}.tmp`
  for (;;) {
    try {
      writeFileSync(draft, String(process.pid))
      linkSync(draft, lockFile)
      return
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

await takeLock()
// Astro writes its page bundle under cwd and renames files from there into its output folder: cwd is in
// the build's scratch folder beside that output (same disk), inside the project, where the bundle's
// imports find node_modules (build-site.ts copies the result across to a site on another disk).
const workDir = process.env.BUDSTIKKE_SITE_WORK
const runDir = workDir ? path.join(workDir, 'run') : path.join(root, '.tmp', 'astro-run', String(process.pid))
mkdirSync(runDir, { recursive: true })
process.chdir(runDir)
try {
  await build({ root, logLevel: 'info', mode: 'production' })
} finally {
  process.chdir(root)
  rmSync(runDir, { recursive: true, force: true })
  rmSync(lockFile, { force: true })
}
