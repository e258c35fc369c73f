/**
 * The output cache every channel shares: which outputs of the previous complete output can be reused,
 * decided from a manifest kept inside the channel's own output folder (`<channel folder>/.cache.json`).
 *
 * The previous complete output is the cache; there is no cache folder of its own. Publish builds a new
 * output beside the old one and swaps it in whole, so a manifest always describes the files beside it,
 * and a publish killed halfway never leaves a manifest that promises files it did not write. That is
 * why reuse trusts the manifest and does not stat or hash the files it lists.
 *
 * A manifest holds two levels of hash:
 * - `sourceHash`: what every output of the channel depends on (the code and templates that render it,
 *   package versions, fonts, the Organisation…). When it differs, nothing is reused.
 * - one entry per output key (a card folder, an edition, a site route) with the hash of the data that
 *   output shows, computed from the snapshot alone (`hashValue`), so comparing costs no file I/O.
 *   An entry may carry more (the files it wrote, warnings to report again on reuse).
 *
 * A channel then carries the reusable outputs over from the previous output (a hard-linked tree, or
 * single files) and renders only the keys that changed or are new; keys that are gone leave nothing.
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:fs'
import { copyFile, link, mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { canonicalJson, hashSources, hashValue, type SourceSet } from './content-hash.ts'
import { forEachConcurrent } from './for-each-concurrent.ts'

export { hashValue, type SourceSet }

/** The manifest's name inside a channel's output folder (`social/.cache.json`, `newsletters/.cache.json`). */
export const MANIFEST_FILE = '.cache.json'

/** Which manifest: the channel it belongs to and the version of the meaning of its hashes (bump on change). */
export interface ManifestKind {
  channel: string
  version: number
}

/** One output's record. `hash` is the only field the cache itself reads. */
export interface CacheEntry {
  hash: string
}

/**
 * An entry that lists the files it wrote, relative to the channel folder: for outputs that are not
 * one folder each, such as a site route (`artikler/x/index.html` and its search record).
 */
export interface FilesEntry extends CacheEntry {
  files: string[]
}

export function isFilesEntry(entry: CacheEntry): entry is FilesEntry {
  const files = (entry as Partial<FilesEntry>).files
  return Array.isArray(files) && files.every((file) => typeof file === 'string')
}

export interface OutputManifest<Entry extends CacheEntry = CacheEntry> extends ManifestKind {
  sourceHash: string
  /** Output key (`article/ok26-afstemning/da`, `marts-2026/da`, `/artikler/x/`) → entry. */
  entries: Record<string, Entry>
}

/**
 * The hash of what every output of a channel depends on: the files and package versions in `sources`
 * (see content-hash.ts) and any other shared input (`shared`: brand, settings, the Organisation).
 */
export async function channelSourceHash(sources: SourceSet, shared: unknown = null): Promise<string> {
  return hashValue({ code: await hashSources(sources), shared })
}

/**
 * The manifest in `dir`, or null when there is none, it cannot be read or parsed, or it is of another
 * channel or version (then nothing is reused: a stale or missing manifest only costs a re-render).
 */
export async function readManifest<Entry extends CacheEntry = CacheEntry>(
  dir: string,
  kind: ManifestKind,
  /** Checks an entry's own fields beyond `hash` (e.g. `isFilesEntry`); one that fails voids the manifest. */
  isEntry: (entry: CacheEntry) => boolean = () => true,
): Promise<OutputManifest<Entry> | null> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8'))
  } catch {
    return null
  }
  if (parsed === null || typeof parsed !== 'object') return null
  const manifest = parsed as Partial<OutputManifest<Entry>>
  if (manifest.channel !== kind.channel || manifest.version !== kind.version) return null
  if (typeof manifest.sourceHash !== 'string') return null
  const entries = manifest.entries
  if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) return null
  for (const entry of Object.values(entries))
    if (entry === null || typeof entry !== 'object' || typeof entry.hash !== 'string' || !isEntry(entry))
      return null
  return manifest as OutputManifest<Entry>
}

/**
 * Writes the manifest into `dir`: keys sorted at every level (canonicalJson), one entry per line, so the
 * same outputs always give the same bytes (an unchanged publish leaves the file byte-identical) and a
 * diff of two manifests shows the outputs that changed. A carried-over manifest may be a hard link to
 * the previous output's, so it is replaced, never written in place (replaceFile).
 */
export async function writeManifest<Entry extends CacheEntry>(
  dir: string,
  manifest: OutputManifest<Entry>,
): Promise<void> {
  const { channel, version, sourceHash, entries } = manifest
  const lines = Object.keys(entries)
    .sort()
    .map((key) => `  ${JSON.stringify(key)}: ${canonicalJson(entries[key])}`)
  const text = [
    `{"channel": ${JSON.stringify(channel)}, "version": ${JSON.stringify(version)}, "sourceHash": ${JSON.stringify(sourceHash)},`,
    ` "entries": {${lines.length ? `\n${lines.join(',\n')}\n ` : ''}}}`,
  ].join('\n')
  await mkdir(dir, { recursive: true })
  await replaceFile(path.join(dir, MANIFEST_FILE), text + '\n')
}

export interface ReusePlan {
  /** Keys whose previous output can be carried over as it is. */
  reuse: string[]
  /** Keys to render: changed, new, or everything when the previous manifest is unusable. */
  render: string[]
  /**
   * Keys of the previous manifest whose outputs must not survive: changed (they are rendered anew)
   * or gone from the snapshot. After carrying a whole tree over, remove these from it.
   */
  drop: string[]
}

/**
 * Compares the current outputs (key → hash, in render order) with the previous manifest. Nothing is
 * reused without a previous manifest or when its source hash differs from `sourceHash`.
 */
export function planReuse(
  previous: OutputManifest | null,
  sourceHash: string,
  current: ReadonlyMap<string, string>,
): ReusePlan {
  const usable = previous !== null && previous.sourceHash === sourceHash ? previous.entries : null
  const reuse: string[] = []
  const render: string[] = []
  for (const [key, hash] of current) {
    if (usable && Object.hasOwn(usable, key) && usable[key].hash === hash) reuse.push(key)
    else render.push(key)
  }
  const reused = new Set(reuse)
  const drop = previous ? Object.keys(previous.entries).filter((key) => !reused.has(key)) : []
  return { reuse, render, drop }
}

/**
 * Writes `file` anew where it may be a hard link to the previous output's file (carried over by
 * linkOrCopy, carryOverTree): a write in place would change the previous output, which keeps serving
 * until the swap. The new bytes go to a temporary name beside it and are renamed over it, so the old
 * file keeps its bytes and a reader never sees half a file; a failed write leaves no temporary file.
 */
export async function replaceFile(file: string, data: string | Uint8Array): Promise<void> {
  const draft = `${file}.${process.pid}.tmp`
  try {
    await writeFile(draft, data)
    await rename(draft, file)
  } catch (error) {
    await rm(draft, { force: true })
    throw error
  }
}

/**
 * A finished file in a second place: a hard link when the file system allows (no bytes copied), else
 * a copy (a clone where the file system can). Only safe for files nobody writes in place afterwards:
 * a channel that re-renders an output replaces the carried file (replaceFile) or removes it first.
 */
export async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') {
      await rm(to, { force: true })
      return linkOrCopy(from, to)
    }
    if (code === 'EXDEV' || code === 'EPERM' || code === 'ENOTSUP' || code === 'EMLINK')
      return copyFile(from, to, constants.COPYFILE_FICLONE)
    throw error
  }
}

/**
 * Carries a whole folder over from the previous output: every file under `from` hard-linked (or
 * copied, see linkOrCopy) to the same place under `to`, except top-level entries named in `except`.
 * One `cp -rl` where GNU cp is there (a 10,000-card tree in about a second, with no per-file work in
 * this process), else a parallel link in Node. A `from` that does not exist carries nothing.
 */
export async function carryOverTree(from: string, to: string, except: string[] = []): Promise<void> {
  const names = (await readdir(from).catch(() => [] as string[])).filter((name) => !except.includes(name))
  await mkdir(to, { recursive: true })
  if (names.length === 0) return
  const sources = names.sort().map((name) => path.join(from, name))
  if (process.platform === 'linux' && (await systemLinkCopy(sources, to))) return
  for (const source of sources) await placeTree(source, path.join(to, path.basename(source)))
}

/**
 * Carries single files over (`files` relative to both folders), a few at a time: hard-linked (see
 * linkOrCopy), or copied with `{ copy: true }` for a channel whose tools may later write into a file in place.
 */
export async function carryOverFiles(
  from: string,
  to: string,
  files: readonly string[],
  options: { copy?: boolean } = {},
): Promise<void> {
  await forEachConcurrent(files, 16, async (file) => {
    await mkdir(path.dirname(path.join(to, file)), { recursive: true })
    await placeFile(path.join(from, file), path.join(to, file), options)
  })
}

function placeFile(from: string, to: string, options: { copy?: boolean }): Promise<void> {
  return options.copy ? copyFile(from, to, constants.COPYFILE_FICLONE) : linkOrCopy(from, to)
}

/** Carries over the files of the reused `keys` of a manifest of `FilesEntry`s, from `from` to `to`. */
export async function carryOverEntries(
  from: string,
  to: string,
  previous: OutputManifest<FilesEntry>,
  keys: readonly string[],
  options: { copy?: boolean } = {},
): Promise<void> {
  await carryOverFiles(
    from,
    to,
    keys.flatMap((key) => previous.entries[key].files),
    options,
  )
}

/**
 * Removes outputs (`relative` paths of files or folders under `dir`; absent ones are fine), and the
 * folders that leaves empty (a document's card folder once its last locale has gone, a route's folder).
 */
export async function removeOutputs(dir: string, relative: readonly string[]): Promise<void> {
  const root = path.resolve(dir)
  const parents = new Set<string>()
  await forEachConcurrent(relative, 16, async (item) => {
    const target = path.resolve(root, item)
    // A key is a path inside the channel folder; one that climbs out of it is a bug, not a file to delete.
    if (!target.startsWith(root + path.sep)) throw new Error(`output cache: ${item} is outside ${dir}`)
    await rm(target, { recursive: true, force: true })
    parents.add(path.dirname(target))
  })
  // Deepest first, so a folder emptied by removing its only subfolder goes too.
  const queue = [...parents].sort((a, b) => b.length - a.length)
  for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
    if (folder === root || !folder.startsWith(root + path.sep)) continue
    const removed = await rmdir(folder).then(
      () => true,
      () => false, // not empty (or already gone): kept
    )
    if (removed && !queue.includes(path.dirname(folder))) queue.push(path.dirname(folder))
  }
}

/**
 * `cp -rl <sources…> <to>/`: false when that cannot be done (no GNU cp, no hard links); then Node links.
 * Not `-a`: a linked file shares its inode (mode, owner, times) anyway, and preserving each folder's
 * attributes cost five more system calls per folder (20,000 folders for 10,000 cards): 20-27 % less CPU
 * in `cp` for the cards' tree here (docs/publish-speed.md).
 */
function systemLinkCopy(sources: string[], to: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('cp', ['-rl', '--', ...sources, to + path.sep], { stdio: 'ignore' })
    child.on('error', () => resolve(false))
    child.on('close', (code) => resolve(code === 0))
  })
}

/**
 * A file, or a folder tree with many files in flight at once, walked in Node: hard-linked (see
 * linkOrCopy), or copied with `{ copy: true }` (the site's build output moved to another disk).
 */
export async function placeTree(from: string, to: string, options: { copy?: boolean } = {}): Promise<void> {
  let entries
  try {
    entries = await readdir(from, { recursive: true, withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error
    await placeFile(from, to, options)
    return
  }
  const relative = (entry: { parentPath: string; name: string }) =>
    path.relative(from, path.join(entry.parentPath, entry.name))
  // Parents sort before their children, so each mkdir finds its parent made.
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map(relative)
    .sort()
  await mkdir(to, { recursive: true })
  for (const dir of dirs) await mkdir(path.join(to, dir), { recursive: true })
  await carryOverFiles(from, to, entries.filter((e) => !e.isDirectory()).map(relative), options)
}
