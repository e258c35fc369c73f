/**
 * How the CLI starts its TypeScript (scripts/bin/budstikke.mjs), also for the start benchmark:
 * `node scripts/bin/run-typescript.mjs scripts/bench/cms-startup.ts` runs a file the way `budstikke` runs
 * scripts/cli.ts. Measurements in docs/publish-speed.md, "Start of the process".
 */
import { enableCompileCache } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { registerFastResolve } from './fast-resolve.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export async function runTypeScript(file) {
  // V8's compiled code for the ~2,000 modules of every start, kept between runs. Keyed by each file's
  // content and Node's version, so a stale entry is never used; a folder that cannot be written only
  // leaves it off. NODE_COMPILE_CACHE (another folder) and NODE_DISABLE_COMPILE_CACHE=1 take precedence.
  enableCompileCache(path.join(root, '.tmp', 'node-compile-cache'))
  // Before tsx, so that tsx's hooks run first and hand on to it (see fast-resolve.mjs).
  registerFastResolve()
  const { register } = await import('tsx/esm/api')
  register()
  await import(pathToFileURL(path.resolve(file)).href)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runTypeScript(process.argv[2] ?? '')
}
