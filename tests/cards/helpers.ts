import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { readSnapshot, type LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

export const FIXTURE_SNAPSHOT = SAMPLE_SNAPSHOT_FILE

export async function loadFixture(): Promise<LoadedSnapshot> {
  return readSnapshot(FIXTURE_SNAPSHOT)
}

/** A changed copy of the shared fixture (media still resolved from the fixture's folder). */
export async function fixtureWith(change: (snapshot: Snapshot) => void): Promise<LoadedSnapshot> {
  const loaded = await loadFixture()
  const snapshot = structuredClone(loaded.snapshot)
  change(snapshot)
  return { snapshot, dir: loaded.dir }
}

const made: string[] = []

export async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `cards-${name}-`))
  made.push(dir)
  return dir
}

/** For `afterAll`: removes the folders `tempDir` made. */
export async function removeTempDirs(): Promise<void> {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
}

export const quiet = (): void => {}

/** Text Debian's tesseract reads in an image (Danish model, which also knows å ä ö). */
export async function ocr(file: string): Promise<string> {
  const { stdout } = await promisify(execFile)('tesseract', [file, '-', '-l', 'dan'], { timeout: 60_000 })
  return stdout.replace(/\s+/g, ' ').trim()
}
