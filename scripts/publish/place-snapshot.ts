/**
 * The snapshot goes to `<out>/snapshot/`. When only its `generatedAt` differs from the previous one
 * (an export without content changes), the previous file is kept as it was, so an unchanged publish
 * leaves the output byte-identical; `generatedAt` then says when this content was first exported.
 *
 * The comparison goes by a hash of the content kept in the previous `publish-report.json`
 * (`snapshotHash`): sha256 of the snapshot as the export writes it (`JSON.stringify(…, null, 2)`) with
 * its top-level `generatedAt` line left out. For an export that is the text in memory, so the previous
 * 22.7 MB file of a 10,000-article site is neither read nor parsed (about 0.3 CPU s). A previous output
 * without that hash (written before it existed) is compared by parsing both files, as before.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { cp, readFile } from 'node:fs/promises'
import path from 'node:path'
import { REPORT_FILE } from './output-folder.ts'

export interface PlacedSnapshot {
  /** The previous output's file was kept (same content): the staged file is not the one given. */
  keptPrevious: boolean
  /** The content hash to record in this publish's report; null when the file given is not valid JSON. */
  hash: string | null
}

/** The export's line for the top-level `generatedAt` (nested keys are indented further). */
const GENERATED_AT_LINE = /^ {2}"generatedAt": "[^"\n]*",?\n/m

/** sha256 of a snapshot in the export's form, its top-level `generatedAt` line left out. */
export function snapshotContentHash(exportText: string): string {
  return createHash('sha256').update(exportText.replace(GENERATED_AT_LINE, '')).digest('hex')
}

/**
 * `exportedJson`: the export's own text (and `exported` its parse) when publish exported it; a file
 * given with `--snapshot` is read and brought to the export's form first.
 */
export async function placeSnapshot(
  snapshotFile: string,
  exportedJson: string | undefined,
  stagingDir: string,
  previousOutDir: string | undefined,
  full: boolean,
): Promise<PlacedSnapshot> {
  const source = path.resolve(snapshotFile)
  const target = path.join(stagingDir, 'snapshot/snapshot.json')
  const previous = previousOutDir ? path.join(previousOutDir, 'snapshot/snapshot.json') : undefined
  const parsed = exportedJson === undefined ? parsedOrNull(await readFile(source, 'utf8')) : undefined
  const text = exportedJson ?? (parsed === null ? null : JSON.stringify(parsed, null, 2) + '\n')
  const hash = text === null ? null : snapshotContentHash(text)

  let sameContent = false
  if (!full && previous && existsSync(previous) && hash !== null) {
    const previousHash = await previousSnapshotHash(previousOutDir as string)
    sameContent =
      previousHash !== undefined
        ? previousHash === hash
        : withoutGeneratedAt(parsed ?? JSON.parse(text as string)) ===
          withoutGeneratedAt(parsedOrNull(await readFile(previous, 'utf8')))
  }
  await cp(sameContent ? (previous as string) : source, target)
  const mediaDir = path.join(path.dirname(source), 'media')
  if (existsSync(mediaDir))
    await cp(mediaDir, path.join(stagingDir, 'snapshot/media'), { recursive: true, preserveTimestamps: true })
  return { keptPrevious: sameContent, hash }
}

/** The previous report's `snapshotHash`, or undefined when it has none (or cannot be read). */
async function previousSnapshotHash(previousOutDir: string): Promise<string | undefined> {
  try {
    const report = JSON.parse(await readFile(path.join(previousOutDir, REPORT_FILE), 'utf8')) as {
      snapshotHash?: unknown
    }
    return typeof report.snapshotHash === 'string' ? report.snapshotHash : undefined
  } catch {
    return undefined
  }
}

function parsedOrNull(json: string): unknown {
  try {
    return JSON.parse(json)
  } catch {
    return null
  }
}

function withoutGeneratedAt(parsed: unknown): string | null {
  if (parsed === null || parsed === undefined) return null
  const { generatedAt: _generatedAt, ...rest } = parsed as Record<string, unknown>
  return JSON.stringify(rest)
}
