// Runs Astro's programmatic build() in a process of its own (started by build-site.ts): no tsx loader
// hooks on Astro's generated chunks (about 20 % less CPU), its own memory, and the build's settings
// passed as environment variables instead of changing the parent's process.env.
// Log level info: Astro then names each page it writes, which the parent counts for the progress display
// (the output stays on the pipe; only warnings reach the publish log).
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
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
async function takeLock() {
  mkdirSync(path.dirname(lockFile), { recursive: true })
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      const holder = Number(readFileSync(lockFile, 'utf8').trim() || 0)
      if (holder > 0 && !alive(holder)) rmSync(lockFile, { force: true })
      else await sleep(200)
    }
  }
}

await takeLock()
const runDir = path.join(root, '.tmp', 'astro-run', String(process.pid))
mkdirSync(runDir, { recursive: true })
process.chdir(runDir)
try {
  await build({ root, logLevel: 'info', mode: 'production' })
} finally {
  process.chdir(root)
  rmSync(runDir, { recursive: true, force: true })
  rmSync(lockFile, { force: true })
}
