/**
 * Pagefind ignores its own write errors: on a full disk it exits 0 and leaves empty or cut files (seen:
 * a 0-byte `pagefind-entry.json` and 0-byte fragments), so a publish would deploy a broken search. Its
 * output is therefore checked: every file non-empty, the entry file valid JSON, every compressed file
 * (`*.pf_*`, `wasm.*.pagefind`) a whole gzip stream. When a file is incomplete, a probe write tells
 * whether the disk is full (then that system error is thrown, naming the folder) or something else went wrong.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'

const gunzipAsync = promisify(gunzip)
const COMPRESSED = /\.pf_\w+$|^wasm\..*\.pagefind$/

function isJson(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'))
    return true
  } catch {
    return false
  }
}

/** The first file of the index that is empty or cut short, or undefined when all are whole. */
async function incompleteFile(indexDir: string): Promise<string | undefined> {
  const entries = await readdir(indexDir, { recursive: true, withFileTypes: true })
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
  let bad: string | undefined
  let next = 0
  const worker = async () => {
    while (next < files.length && !bad) {
      const file = files[next++]
      const bytes = await readFile(file)
      if (bytes.length === 0) bad ??= file
      else if (path.basename(file) === 'pagefind-entry.json' && !isJson(bytes)) bad ??= file
      else if (COMPRESSED.test(path.basename(file))) await gunzipAsync(bytes).catch(() => (bad ??= file))
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker))
  return bad
}

/** Throws when Pagefind's output in `indexDir` is incomplete. */
export async function checkSearchIndex(indexDir: string): Promise<void> {
  const bad = await incompleteFile(indexDir)
  if (!bad) return
  const probe = path.join(indexDir, '.write-probe')
  try {
    await writeFile(probe, Buffer.alloc(256 * 1024))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code)
      throw Object.assign(new Error(`site: Pagefind could not write ${bad}`), { code, path: indexDir })
    throw error
  } finally {
    await rm(probe, { force: true })
  }
  throw new Error(
    `site: Pagefind wrote an incomplete search index (${path.relative(indexDir, bad)} is empty or cut short); run publish again`,
  )
}
