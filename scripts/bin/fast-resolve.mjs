/**
 * A quicker path through Node's module resolution for the CLI's start (docs/publish-speed.md, "Start of
 * the process"). Loading Payload's config resolves about 2,000 `./x.js` imports between the files of
 * installed ES-module packages (Payload, Lexical, Drizzle). For each, Node 24 looks up the package's
 * `package.json` to learn the file's format, and in doing so parses the package's whole `exports` map
 * again (`getPackageScopeConfig` copies a lazily parsed field): a third of the start's CPU time in a
 * profile. Here such an import is resolved as Node would resolve it (relative to the importing file, the
 * real path of an existing file) with the format from the nearest `package.json`, read once per folder.
 * Anything else (bare names, `#imports`, the project's own files, `require`, a package without
 * `"type": "module"`, a missing file) goes on to Node's resolution unchanged, errors included.
 *
 * Written in plain JavaScript because it is registered before tsx (scripts/bin/budstikke.mjs), so that
 * tsx's hooks run first and hand on to this one.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs'
import { registerHooks } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Folder → `"type"` of the package.json that governs it: 'module', or null for anything else. */
const scopeTypes = new Map()

function scopeType(dir) {
  let type = scopeTypes.get(dir)
  if (type !== undefined) return type
  try {
    const { type: declared } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
    type = declared === 'module' ? 'module' : null
  } catch (error) {
    const parent = path.dirname(dir)
    // No package.json here: the one above governs, up to the node_modules folder (as in Node).
    type =
      error.code === 'ENOENT' && parent !== dir && path.basename(dir) !== 'node_modules'
        ? scopeType(parent)
        : null
  }
  scopeTypes.set(dir, type)
  return type
}

/** The URL and format of a relative `.js` import inside an ES-module package, or null to let Node resolve it. */
export function resolveInsidePackage(specifier, parentURL) {
  if (!(specifier.startsWith('./') || specifier.startsWith('../')) || !specifier.endsWith('.js')) return null
  // Percent-escapes (Node refuses encoded slashes), queries and fragments take Node's own path.
  if (specifier.includes('%') || specifier.includes('?') || specifier.includes('#')) return null
  if (!parentURL?.startsWith('file:') || !parentURL.includes('/node_modules/')) return null
  const file = fileURLToPath(new URL(specifier, parentURL))
  if (scopeType(path.dirname(file)) !== 'module') return null
  try {
    const real = realpathSync(file)
    return statSync(real).isFile() ? { url: pathToFileURL(real).href, format: 'module' } : null
  } catch {
    return null
  }
}

const preserveSymlinks =
  process.execArgv.includes('--preserve-symlinks') || process.env.NODE_PRESERVE_SYMLINKS === '1'

export function registerFastResolve() {
  if (preserveSymlinks) return
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const found = context.conditions?.includes('import')
        ? resolveInsidePackage(specifier, context.parentURL)
        : null
      return found ? { ...found, shortCircuit: true } : nextResolve(specifier, context)
    },
  })
}
