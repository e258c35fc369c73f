/**
 * The search index, written from per-page records kept between publishes instead of from every page.
 *
 * A record is the part of a page Pagefind reads: `<html lang>`, the `<title>` and the
 * `<main data-pagefind-body>` element, verbatim, as a small HTML file at the page's own relative path
 * (`artikler/x/index.html`). Pagefind indexes only pages that carry `data-pagefind-body` once any page
 * does, and takes title, image and text from that element, so indexing the records gives the same index,
 * byte for byte, as indexing the whole site (checked on 2,000 articles). An incremental publish rewrites
 * the records of the pages it rendered and deletes those of pages that are gone.
 *
 * The index is split into shards (search-shards.ts) and only the shards whose records changed are
 * indexed again; the others are linked from the copy kept in `<records>/.index/`. At 10,000 generated
 * articles (`npm run bench search`, 2 cores, load 19 from other work) one Pagefind run over all records
 * cost 8.5 CPU s (58 s wall); after one title edit the sharded index costs 1.4 CPU s (6.3 s wall: one
 * shard of about 625 records, the record listing, the links, Node's start-up) and is byte-identical to
 * indexing all shards afresh. A full build pays for the shards: 17 Pagefind runs, 11.3 CPU s. Which shard
 * changed is decided by content: updateRecords keeps each record's hash in the manifest, so a publish
 * never re-reads 10,000 records.
 * Reusing Pagefind's files of unchanged pages inside one index is not possible: its word chunks and
 * metadata are global to the index and number its pages.
 *
 * Still Pagefind's command line, not its Node API: the API's writeFiles answered before the backend had
 * finished writing (its largest file, pagefind-component-ui.js, was found cut at 128 KB in 1 of 90 runs
 * on a busy machine), and an index built through the API orders its pages differently.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import { systemErrorFromOutput } from '../shared/child-system-error.ts'
import { packageVersions } from '../shared/content-hash.ts'
import { forEachConcurrent } from '../shared/for-each-concurrent.ts'
import { carryOverTree, linkOrCopy, replaceFile } from '../shared/output-cache.ts'
import { checkSearchIndex } from './search-index-check.ts'
import { mergeList, planShards, ROOT_SHARD, shardDigest, type RecordInfo } from './search-shards.ts'

/** The record of a page, or null when the page is not searchable (lists, search, 404). */
export function searchRecord(html: string): string | null {
  const start = html.search(/<main\s[^>]*data-pagefind-body/)
  const end = html.lastIndexOf('</main>')
  if (start < 0 || end < start) return null
  const lang = /<html\s[^>]*lang="([^"]*)"/.exec(html)?.[1] ?? ''
  const title = /<title>[^<]*<\/title>/.exec(html)?.[0] ?? ''
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">${title}</head><body>${html.slice(start, end + '</main>'.length)}</body></html>\n`
}

/** Where the shards' indexes are kept between publishes, inside the records folder (carried over with it). */
export const INDEX_CACHE = '.index'
const CACHE_MANIFEST = 'manifest.json'
/** Bump when what a shard's digest means changes (the shard rules, how Pagefind is run). */
const CACHE_VERSION = 1
/** The search page's list of shards to merge, in `pagefind/` (read by site/public/search.js). */
export const SHARD_LIST = 'budstikke-shards.json'
/** What Pagefind writes besides the index data; kept in the root bundle only. */
const INDEX_DATA = /^(pagefind-entry\.json|pagefind\..*\.pf_meta|index|fragment|filter)$/

/**
 * `.index/manifest.json`: each record's language and hash, and each shard's digest when its index was
 * made. Like every manifest of the output cache (channels/shared/output-cache.ts) it is trusted, not
 * checked against the files: publish swaps outputs whole, and the only writer of records besides
 * updateRecords (which keeps the manifest in step) is the removal of pages that are gone, which the
 * listing of the records shows. It holds nothing but content hashes, so an incremental publish writes
 * the same bytes as a full one.
 */
interface IndexCache {
  version: number
  pagefind: string
  records: Record<string, RecordInfo>
  /** Shard name → digest of the records its index in `.index/<name>/` was made from. */
  shards: Record<string, string>
}

const pagefindVersion = async () => (await packageVersions(['pagefind'])).pagefind

async function readCache(recordsDir: string, pagefind: string): Promise<IndexCache | null> {
  try {
    const file = path.join(recordsDir, INDEX_CACHE, CACHE_MANIFEST)
    const cache = JSON.parse(await readFile(file, 'utf8')) as IndexCache
    return cache.version === CACHE_VERSION && cache.pagefind === pagefind ? cache : null
  } catch {
    return null
  }
}

/** Written as a new file: the old one may be a hard link of the previous output's. */
async function writeCache(recordsDir: string, cache: IndexCache): Promise<void> {
  const file = path.join(recordsDir, INDEX_CACHE, CACHE_MANIFEST)
  await mkdir(path.dirname(file), { recursive: true })
  const records = Object.fromEntries(
    Object.entries(cache.records).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  )
  await replaceFile(file, JSON.stringify({ ...cache, records }))
}

function recordInfo(record: string | Buffer): RecordInfo {
  const head = typeof record === 'string' ? record.slice(0, 200) : record.toString('utf8', 0, 200)
  return {
    lang: /<html\s[^>]*lang="([^"]*)"/.exec(head)?.[1] ?? '',
    hash: createHash('sha256').update(record).digest('hex'),
  }
}

/** A record path as the manifest and the shards name it, with `/` on every platform. */
const recordKey = (page: string) => page.split(path.sep).join('/')

/**
 * Brings the records in `recordsDir` up to date for the given pages of `pagesDir` (relative paths of
 * HTML files): written for searchable pages, removed for the others, and the manifest with them.
 */
export async function updateRecords(pagesDir: string, pages: string[], recordsDir: string): Promise<void> {
  const pagefind = await pagefindVersion()
  const cache = (await readCache(recordsDir, pagefind)) ?? {
    version: CACHE_VERSION,
    pagefind,
    records: {},
    shards: {},
  }
  await forEachConcurrent(pages, 16, async (page) => {
    const record = searchRecord(await readFile(path.join(pagesDir, page), 'utf8'))
    const target = path.join(recordsDir, page)
    if (record === null) {
      await rm(target, { force: true })
      delete cache.records[recordKey(page)]
      return
    }
    await mkdir(path.dirname(target), { recursive: true })
    // A new file, never a write through a hard link into the previous output's record.
    await replaceFile(target, record)
    cache.records[recordKey(page)] = recordInfo(record)
  })
  await writeCache(recordsDir, cache)
}

/**
 * Every record under `recordsDir` (relative paths, `.index/` left out). GNU find lists 10,000 records in
 * 0.14 CPU s, where Node's recursive readdir took 0.86.
 */
async function listRecords(recordsDir: string): Promise<string[]> {
  const listed = await new Promise<string | null>((resolve) => {
    if (process.platform !== 'linux') return resolve(null)
    const args = [
      '.',
      '-path',
      `./${INDEX_CACHE}`,
      '-prune',
      '-o',
      '-type',
      'f',
      '-name',
      '*.html',
      '-printf',
      '%P\\0',
    ]
    const child = spawn('find', args, { cwd: recordsDir, stdio: ['ignore', 'pipe', 'ignore'] })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('error', () => resolve(null))
    child.on('close', (code) => resolve(code === 0 ? Buffer.concat(chunks).toString('utf8') : null))
  })
  if (listed !== null) return listed.split('\0').filter(Boolean)
  const entries = await readdir(recordsDir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => recordKey(path.relative(recordsDir, path.join(e.parentPath, e.name))))
    .filter((page) => !page.startsWith(`${INDEX_CACHE}/`))
}

/** Each record's language and hash: from the manifest, or read when it has none (no manifest yet). */
async function recordInfos(
  recordsDir: string,
  pages: string[],
  cache: IndexCache | null,
): Promise<Map<string, RecordInfo>> {
  const infos = new Map<string, RecordInfo>()
  const unknown: string[] = []
  for (const page of pages) {
    const known = cache?.records[page]
    if (known) infos.set(page, known)
    else unknown.push(page)
  }
  await forEachConcurrent(unknown, 16, async (page) => {
    infos.set(page, recordInfo(await readFile(path.join(recordsDir, page))))
  })
  return new Map([...infos].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/**
 * Pagefind's own index, from the records, into `<siteDir>/pagefind`: one bundle per shard
 * (search-shards.ts), each re-indexed only when its records changed since the index kept in
 * `<recordsDir>/.index/` was made, and linked into the site from there. A site with no searchable page
 * at all is indexed from its pages, as Pagefind then indexes every page's body.
 */
export async function indexForSearch(siteFolder: string, recordsFolder: string): Promise<void> {
  // Absolute: Pagefind runs in the folder it reads.
  const siteDir = path.resolve(siteFolder)
  const recordsDir = path.resolve(recordsFolder)
  const output = path.join(siteDir, 'pagefind')
  await rm(output, { recursive: true, force: true })
  await mkdir(recordsDir, { recursive: true })
  const pages = await listRecords(recordsDir)
  if (pages.length === 0) {
    await runPagefind(siteDir, output, siteDir)
    await finishBundle(output)
    await writeFile(path.join(output, SHARD_LIST), '{}')
    return
  }
  const cacheDir = path.join(recordsDir, INDEX_CACHE)
  const pagefind = await pagefindVersion()
  const cache = await readCache(recordsDir, pagefind)
  const records = await recordInfos(recordsDir, pages, cache)
  const shards = planShards(records)
  const digests = new Map([...shards].map(([name, members]) => [name, shardDigest(members, records)]))
  const stale = [...shards.keys()].filter(
    (name) => cache?.shards[name] !== digests.get(name) || !existsSync(path.join(cacheDir, name)),
  )

  // The manifest goes first: until it is rewritten below, no shard it names is being rebuilt.
  await mkdir(cacheDir, { recursive: true })
  await rm(path.join(cacheDir, CACHE_MANIFEST), { force: true })
  for (const name of await readdir(cacheDir))
    if (!shards.has(name) || stale.includes(name))
      await rm(path.join(cacheDir, name), { recursive: true, force: true })
  // Two at a time: Pagefind runs several threads, but waits on the disk between them.
  await forEachConcurrent(stale, 2, async (name) => {
    const bundle = path.join(cacheDir, name)
    // Beside the records folder (same disk, so hard links), not in `.index/`: Pagefind skips hidden folders.
    const stage = await mkdtemp(path.join(path.dirname(recordsDir), `search-stage-${name}-`))
    try {
      await stageRecords(recordsDir, shards.get(name)!, stage)
      await runPagefind(stage, bundle, siteDir)
    } finally {
      await rm(stage, { recursive: true, force: true })
    }
    await finishBundle(bundle)
    if (name !== ROOT_SHARD)
      for (const file of await readdir(bundle))
        if (!INDEX_DATA.test(file)) await rm(path.join(bundle, file), { recursive: true })
  })
  await writeCache(recordsDir, {
    version: CACHE_VERSION,
    pagefind,
    records: Object.fromEntries(records),
    shards: Object.fromEntries(digests),
  })

  // Linked from the cache: the root bundle's files into `pagefind/`, every other shard as its folder.
  await carryOverTree(path.join(cacheDir, ROOT_SHARD), output)
  await carryOverTree(cacheDir, output, [ROOT_SHARD, CACHE_MANIFEST])
  await writeFile(path.join(output, SHARD_LIST), JSON.stringify(mergeList(shards, records)))
}

/**
 * A shard's records, hard-linked at their own relative paths into `stage` (Pagefind reads a folder):
 * by GNU `cp -l --parents` where it is there (one process per 500 records; Node's mkdir and link per
 * record cost about 1 CPU s at 10,000), else in Node, copying where links cannot be made.
 */
async function stageRecords(recordsDir: string, pages: string[], stage: string): Promise<void> {
  if (process.platform === 'linux' && (await systemParentsLink(recordsDir, pages, stage))) return
  await rm(stage, { recursive: true, force: true })
  for (const dir of [...new Set(pages.map((page) => path.dirname(page)))].sort())
    await mkdir(path.join(stage, dir), { recursive: true })
  await forEachConcurrent(pages, 16, (page) =>
    linkOrCopy(path.join(recordsDir, page), path.join(stage, page)),
  )
}

/** `cp -l --parents -t <stage> -- <pages…>` from `recordsDir`; false when that did not work. */
async function systemParentsLink(recordsDir: string, pages: string[], stage: string): Promise<boolean> {
  for (let start = 0; start < pages.length; start += 500) {
    const args = ['-l', '--parents', '-t', stage, '--', ...pages.slice(start, start + 500)]
    const ok = await new Promise<boolean>((resolve) => {
      const child = spawn('cp', args, { cwd: recordsDir, stdio: 'ignore' })
      child.on('error', () => resolve(false))
      child.on('close', (code) => resolve(code === 0))
    })
    if (!ok) return false
  }
  return true
}

/** Pagefind's command line over `source` into `output`; errors name `siteDir`. */
async function runPagefind(source: string, output: string, siteDir: string): Promise<void> {
  const runner = fileURLToPath(new URL('runner/bin.cjs', import.meta.resolve('pagefind')))
  const args = [runner, '--site', source, '--output-path', output, '--quiet']
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: source,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let text = ''
    const keep = (chunk: Buffer) =>
      (text = (text + stripVTControlCharacters(chunk.toString('utf8'))).slice(-4000))
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.on('error', (error) => reject(new Error(`site: cannot start Pagefind: ${error.message}`)))
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            systemErrorFromOutput(text.split('\n'), siteDir) ??
              new Error(`site: Pagefind indexing failed (exit ${code}): ${text.trim()}`),
          ),
    )
  })
}

/** Checks a bundle Pagefind wrote and makes its entry file deterministic. */
async function finishBundle(bundle: string): Promise<void> {
  await checkSearchIndex(bundle)
  await sortPagefindLanguages(path.join(bundle, 'pagefind-entry.json'))
}

/**
 * Pagefind writes the `languages` of its entry file in the order its threads finished, so two builds of
 * the same site differed in that one file; sorted, the same input gives byte-identical output.
 */
async function sortPagefindLanguages(entryFile: string): Promise<void> {
  const entry = JSON.parse(await readFile(entryFile, 'utf8')) as { languages?: Record<string, unknown> }
  if (!entry.languages || typeof entry.languages !== 'object') return
  entry.languages = Object.fromEntries(
    Object.entries(entry.languages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  )
  // A new file, not a write into this one: it may be a hard link of the previous output's.
  await replaceFile(entryFile, JSON.stringify(entry))
}
