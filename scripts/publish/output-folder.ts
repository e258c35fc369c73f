/**
 * Publish replaces its output folder whole, so it must only ever replace a folder a publish wrote: a
 * mistyped `--out notes`, `--out .` or `--out ~` once deleted that folder. A publish leaves a marker
 * file beside its `publish-report.json`; a folder with both (or, written before the marker existed, a
 * report alone), an empty folder and a missing one are accepted, anything else is refused.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { rootDir } from '../../cms/lib/paths.ts'

/** Written into every output; its presence (with the report) says "publish may replace this folder". */
export const OUTPUT_MARKER = '.budstikke-output'
export const REPORT_FILE = 'publish-report.json'

export class OutputFolderError extends Error {}

/** Whether `inner` is `outer` or lies inside it. */
function within(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/**
 * Throws an OutputFolderError (one line, naming the folder as the user gave it) unless `outDir` may be
 * replaced by a publish. Folders that can never be an output are refused even when empty: the file
 * system's root, the home folder, the current folder and the project (or anything holding them).
 */
export async function checkOutputFolder(outDir: string, given = outDir): Promise<void> {
  const target = path.resolve(outDir)
  const refuse = (why: string) =>
    new OutputFolderError(
      `--out ${given}: ${why}; publish replaces its output folder whole, so give it a new or empty folder (e.g. --out dist)`,
    )
  const holds = [
    ['the current folder', process.cwd()],
    ['the project folder', rootDir],
    ['your home folder', os.homedir()],
  ] as const
  // Without a shell (BUDSTIKKE_PUBLISH_ARGS, a script's argument list) `~` is a folder name, not home.
  if (/^~($|[/\\])/.test(given)) throw refuse('"~" is only your home folder in a shell; give the full path')
  if (target === path.parse(target).root) throw refuse('that is the root of the file system')
  for (const [name, folder] of holds) {
    if (within(path.resolve(folder), target))
      throw refuse(target === path.resolve(folder) ? `that is ${name}` : `that holds ${name}`)
  }

  let entries: string[]
  try {
    if (!(await stat(target)).isDirectory()) throw refuse('that is a file, not a folder')
    entries = await readdir(target)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return // made by the publish
    throw error
  }
  if (entries.length === 0) return
  if (
    entries.includes(REPORT_FILE) &&
    (entries.includes(OUTPUT_MARKER) || (await isPublishReport(path.join(target, REPORT_FILE))))
  )
    return
  throw refuse(`that folder was not written by publish (it has no ${REPORT_FILE} and ${OUTPUT_MARKER})`)
}

/** A report as publish writes it: what identifies an output written before the marker was introduced. */
async function isPublishReport(file: string): Promise<boolean> {
  try {
    const report = JSON.parse(await readFile(file, 'utf8')) as { startedAt?: unknown; channels?: unknown }
    return typeof report.startedAt === 'string' && Array.isArray(report.channels)
  } catch {
    return false
  }
}

export async function writeOutputMarker(dir: string): Promise<void> {
  await writeFile(
    path.join(dir, OUTPUT_MARKER),
    'Written by `budstikke publish`, which replaces this whole folder at every publish.\n',
  )
}
