// Runs Astro's programmatic build() in a process of its own (started by build-site.ts): no tsx loader
// hooks on Astro's generated chunks (about 20 % less CPU), its own memory, and the build's settings
// passed as environment variables instead of changing the parent's process.env.
// Log level info: Astro then names each page it writes, which the parent counts for the progress display
// (the output stays on the pipe; only warnings reach the publish log).
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { build } from 'astro'
import { takeAstroBuildLock } from './astro-build-lock.mjs'
import { keepPageBundle } from './keep-page-bundle.mjs'

const root = process.argv[2]
// `--keep-bundle <dir>`: the page bundle is kept there for later publishes (keep-page-bundle.mjs).
const keepDir = process.argv[3] === '--keep-bundle' ? process.argv[4] : undefined
if (!root || (process.argv[3] && !keepDir)) {
  console.error('usage: astro-build.mjs <project root> [--keep-bundle <dir>]')
  process.exit(2)
}

const releaseLock = await takeAstroBuildLock(root)
// Astro writes its page bundle under cwd and renames files from there into its output folder: cwd is in
// the build's scratch folder beside that output (same disk), inside the project, where the bundle's
// imports find node_modules (build-site.ts copies the result across to a site on another disk).
const workDir = process.env.BUDSTIKKE_SITE_WORK
const runDir = workDir ? path.join(workDir, 'run') : path.join(root, '.tmp', 'astro-run', String(process.pid))
mkdirSync(runDir, { recursive: true })
process.chdir(runDir)
try {
  await build({
    root,
    logLevel: 'info',
    mode: 'production',
    integrations: keepDir ? [keepPageBundle(keepDir)] : [],
  })
} finally {
  process.chdir(root)
  rmSync(runDir, { recursive: true, force: true })
  releaseLock()
}
