// Runs Astro's programmatic build() in a process of its own (started by build-site.ts): no tsx loader
// hooks on Astro's generated chunks (about 20 % less CPU), its own memory, and the build's settings
// passed as environment variables instead of changing the parent's process.env.
// Log level info: Astro then names each page it writes, which the parent counts for the progress display
// (the output stays on the pipe; only warnings reach the publish log).
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { build } from 'astro'

const root = process.argv[2]
if (!root) {
  console.error('usage: astro-build.mjs <project root>')
  process.exit(2)
}
// Our output folder lies outside cwd, so Astro bundles the pages into `<cwd>/.astro/.prerender/`: with the
// project root as cwd, two builds at once (a publish and an admin preview) overwrote each other's bundle.
// A folder of this process's own inside the project keeps them apart and still resolves node_modules.
const runDir = path.join(root, '.tmp', 'astro-run', String(process.pid))
mkdirSync(runDir, { recursive: true })
process.chdir(runDir)
try {
  await build({ root, logLevel: 'info', mode: 'production' })
} finally {
  process.chdir(root)
  rmSync(runDir, { recursive: true, force: true })
}
