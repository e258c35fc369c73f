/**
 * A copy of the built-in sample snapshot (with its media) in `work/name/`, changed by `edit`, as a freshly
 * exported file: how the publish tests make "the CMS after an edit" without a CMS.
 */
import { cp, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { SAMPLE_SNAPSHOT_DIR } from '../../channels/snapshot/sample-snapshot.ts'

export type SampleSnapshotJson = Record<string, unknown> & {
  articles: Array<Record<string, unknown> & { slug: string; locale: string; title: string }>
}

export async function editedSampleCopy(
  work: string,
  name: string,
  edit: (snapshot: SampleSnapshotJson) => void,
): Promise<string> {
  const dir = path.join(work, name)
  await cp(SAMPLE_SNAPSHOT_DIR, dir, { recursive: true })
  const file = path.join(dir, 'snapshot.json')
  const snapshot = JSON.parse(await readFile(file, 'utf8')) as SampleSnapshotJson
  edit(snapshot)
  await writeFile(file, JSON.stringify(snapshot, null, 2))
  return file
}
