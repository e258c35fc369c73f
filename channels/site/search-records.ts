/**
 * The search index, written from per-page records kept between publishes instead of from every page.
 *
 * A record is the part of a page Pagefind reads: `<html lang>`, the `<title>` and the
 * `<main data-pagefind-body>` element, verbatim, as a small HTML file at the page's own relative path
 * (`artikler/x/index.html`). Pagefind indexes only pages that carry `data-pagefind-body` once any page
 * does, and takes title, image and text from that element, so indexing the records gives the same index,
 * byte for byte, as indexing the whole site (checked on 2,000 articles; tests/site/incremental-publish.test.ts
 * compares both). An incremental publish rewrites the records of the pages it rendered, deletes those
 * of pages that are gone, and Pagefind indexes the records: about 2.3× faster than reading every page.
 *
 * Still Pagefind's command line, not its Node API: the API's writeFiles answered before the backend had
 * finished writing (its largest file, pagefind-component-ui.js, was found cut at 128 KB in 1 of 90 runs
 * on a busy machine), and an index built through the API orders its pages differently.
 */
import { spawn } from 'node:child_process'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import { systemErrorFromOutput } from '../shared/child-system-error.ts'
import { checkSearchIndex } from './search-index-check.ts'

/** The record of a page, or null when the page is not searchable (lists, search, 404). */
export function searchRecord(html: string): string | null {
  const start = html.search(/<main\s[^>]*data-pagefind-body/)
  const end = html.lastIndexOf('</main>')
  if (start < 0 || end < start) return null
  const lang = /<html\s[^>]*lang="([^"]*)"/.exec(html)?.[1] ?? ''
  const title = /<title>[^<]*<\/title>/.exec(html)?.[0] ?? ''
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">${title}</head><body>${html.slice(start, end + '</main>'.length)}</body></html>\n`
}

/**
 * Brings the records in `recordsDir` up to date for the given pages of `pagesDir` (relative paths of
 * HTML files): written for searchable pages, removed for the others.
 */
export async function updateRecords(pagesDir: string, pages: string[], recordsDir: string): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < pages.length) {
      const page = pages[next++]
      const record = searchRecord(await readFile(path.join(pagesDir, page), 'utf8'))
      const target = path.join(recordsDir, page)
      if (record === null) {
        await rm(target, { force: true })
        continue
      }
      await mkdir(path.dirname(target), { recursive: true })
      await writeFile(target, record)
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker))
}

async function hasFiles(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries.some((entry) => entry.isFile())
}

/**
 * Pagefind's own index (one per `<html lang>`) into `<siteDir>/pagefind`, from the records. A site with
 * no searchable page at all is indexed from its pages, as Pagefind then indexes every page's body.
 */
export async function indexForSearch(siteDir: string, recordsDir: string): Promise<void> {
  const source = (await hasFiles(recordsDir)) ? recordsDir : siteDir
  const output = path.join(siteDir, 'pagefind')
  await rm(output, { recursive: true, force: true })
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
  await checkSearchIndex(output)
  await sortPagefindLanguages(path.join(output, 'pagefind-entry.json'))
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
  await writeFile(entryFile, JSON.stringify(entry))
}
