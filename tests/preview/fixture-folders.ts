/**
 * What the preview tests share: the fixture snapshot, temporary folders that go when the test file
 * is done, and changed copies of the fixture with its media (the site build reads both).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

export const FIXTURE = SAMPLE_SNAPSHOT_FILE
/** The fixture's "now": its embargoed and expired documents are judged against it. */
export const NOW = new Date('2026-03-10T09:00:00Z')

/** Folders under the system's temp folder named `<prefix>-<name>-…`; `removeAll()` in the test's afterAll. */
export function fixtureFolders(prefix: string) {
  const made: string[] = []

  async function tempDir(name: string): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), `${prefix}-${name}-`))
    made.push(dir)
    return dir
  }

  /** A changed copy of the fixture, with its media, in a folder of its own. */
  async function fixtureCopy(change: (snapshot: Snapshot) => void): Promise<string> {
    const dir = await tempDir('snapshot')
    const snapshot = JSON.parse(await readFile(FIXTURE, 'utf8')) as Snapshot
    change(snapshot)
    await cp(path.join(path.dirname(FIXTURE), 'media'), path.join(dir, 'media'), { recursive: true })
    await writeFile(path.join(dir, 'snapshot.json'), JSON.stringify(snapshot))
    return path.join(dir, 'snapshot.json')
  }

  const removeAll = () => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })))
  return { tempDir, fixtureCopy, removeAll }
}
