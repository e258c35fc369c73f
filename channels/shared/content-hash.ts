/**
 * Content hashes that decide whether a channel may reuse an earlier output instead of rendering again.
 * A hash covers two things: the data an output shows (`hashValue`) and the code that turns the data
 * into that output (`hashSources`: source folders plus the exact versions of the rendering packages).
 * Editing a template or upgrading MJML therefore invalidates what it renders; editing the CLI does not.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * JSON with object keys sorted at every level, so the same value always gives the same text
 * (`JSON.stringify` follows insertion order, which differs between a fresh export and a parsed file).
 * Otherwise as `JSON.stringify`: `toJSON` is honoured (dates become ISO strings), `undefined`
 * properties are left out and `undefined` in arrays becomes null.
 */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, current: unknown) => {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return current
      const sorted: Record<string, unknown> = {}
      for (const key of Object.keys(current).sort()) sorted[key] = (current as Record<string, unknown>)[key]
      return sorted
    }) ?? 'undefined'
  )
}

/** sha256 (hex) of a value's canonical JSON. */
export function hashValue(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex')
}

export interface SourceSet {
  /** Files or folders, relative to the project root; a folder counts with every file below it. */
  paths: string[]
  /** npm packages whose installed version (from package-lock.json) is part of the hash. */
  packages: string[]
}

/**
 * Hash of the code a channel renders with: every file under `paths` (name and bytes) and the exact
 * version of each package in `packages`. Not memoised: a long-running process (the CMS queueing
 * publishes) must see a template edited since the last run; hashing a few hundred small files is
 * a matter of milliseconds.
 */
export async function hashSources(sources: SourceSet, root = projectRoot): Promise<string> {
  const hash = createHash('sha256')
  for (const entry of [...sources.paths].sort()) {
    for (const file of await filesUnder(path.join(root, entry))) {
      const relative = path.relative(root, file).split(path.sep).join('/')
      const bytes = await readFile(file)
      hash.update(`file ${relative} ${bytes.length}\n`).update(bytes)
    }
  }
  const versions = await packageVersions(sources.packages, root)
  for (const name of [...sources.packages].sort()) hash.update(`package ${name}@${versions[name]}\n`)
  return hash.digest('hex')
}

/** Installed versions from package-lock.json (`missing` for a package the lock file does not list). */
export async function packageVersions(names: string[], root = projectRoot): Promise<Record<string, string>> {
  const lock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages?: Record<string, { version?: string }>
  }
  return Object.fromEntries(
    names.map((name) => [name, lock.packages?.[`node_modules/${name}`]?.version ?? 'missing']),
  )
}

/** Every file below a path (itself if it is a file), sorted; dot-files and node_modules left out. */
async function filesUnder(target: string): Promise<string[]> {
  const entries = await readdir(target, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') return null
    if (error.code === 'ENOENT') throw new Error(`content hash: ${target} does not exist`)
    throw error
  })
  if (entries === null) return [target]
  const files: string[] = []
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = path.join(target, entry.name)
    if (entry.isDirectory()) files.push(...(await filesUnder(full)))
    else if (entry.isFile()) files.push(full)
  }
  return files
}
