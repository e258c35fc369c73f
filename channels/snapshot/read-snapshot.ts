import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { snapshotSchema, type Media, type MediaSize, type Snapshot } from './schema.ts'
import { upgradeSnapshot } from './upgrade.ts'

export interface LoadedSnapshot {
  snapshot: Snapshot
  /** Folder of the snapshot file: media `file` paths are relative to it. */
  dir: string
}

/**
 * Reads and validates a snapshot file; a validation error names the file and the JSON path.
 * `name` is the file as the user knows it, when `file` is a copy of it (publish reads a staging copy).
 */
export async function readSnapshot(file: string, name = file): Promise<LoadedSnapshot> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    const message = (error as Error).message.split(file).join(name)
    throw new Error(`${name}: cannot read snapshot: ${message}`)
  }
  return { snapshot: parseSnapshot(raw, name), dir: path.dirname(path.resolve(file)) }
}

/** A validated snapshot of any readable version, upgraded to the current one. */
export function parseSnapshot(raw: unknown, source = 'snapshot'): Snapshot {
  const result = snapshotSchema.safeParse(raw)
  if (!result.success) throw invalidSnapshot(source, result.error.issues)
  return upgradeSnapshot(result.data)
}

/** The one error of a snapshot that does not validate: its first 20 problems, each by JSON path. */
export function invalidSnapshot(
  source: string,
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): Error {
  const lines = issues.slice(0, 20).map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`)
  return new Error(`${source} is not a valid snapshot:\n${lines.join('\n')}`)
}

/** `articles[12].title`-style path, as in every error message of the project. */
export function formatPath(parts: ReadonlyArray<PropertyKey>): string {
  return parts.reduce<string>(
    (out, part) =>
      typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part),
    '',
  )
}

/** Absolute path of a media file or one of its sizes. */
export function mediaPath(loaded: LoadedSnapshot, media: Media | MediaSize): string {
  return path.resolve(loaded.dir, media.file)
}
