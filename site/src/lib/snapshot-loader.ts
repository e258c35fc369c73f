/**
 * Content-layer loaders over the snapshot file: each collection of the site is one slice of it,
 * validated by the snapshot's own zod schema (the collection `schema` in content.config.ts).
 */
import { readFile } from 'node:fs/promises'
import type { Loader } from 'astro/loaders'
import type { Snapshot } from '../../../channels/snapshot/schema.ts'
import { SITE_ENV } from '../../../channels/site/site-env.ts'

let cached: { file: string; snapshot: Promise<Snapshot> } | undefined

export function snapshotFile(): string {
  const file = process.env[SITE_ENV.snapshot]
  if (!file) throw new Error(`${SITE_ENV.snapshot} is not set: the site needs a snapshot file`)
  return file
}

/** Read once per build (every collection loads from the same file). */
function readSnapshotJson(): Promise<Snapshot> {
  const file = snapshotFile()
  if (cached?.file !== file) cached = { file, snapshot: readFile(file, 'utf8').then((text) => JSON.parse(text) as Snapshot) }
  return cached.snapshot
}

type Entry = { id: string; data: Record<string, unknown> }

export function snapshotLoader(name: string, pick: (snapshot: Snapshot) => Entry[]): Loader {
  return {
    name: `budstikke-snapshot-${name}`,
    async load({ store, parseData, generateDigest, logger }) {
      const entries = pick(await readSnapshotJson())
      store.clear()
      for (const entry of entries) {
        const data = await parseData({ id: entry.id, data: entry.data })
        store.set({ id: entry.id, data, digest: generateDigest(data) })
      }
      logger.info(`${entries.length} ${name} from ${snapshotFile()}`)
    },
  }
}

/** Localized documents are keyed `<locale>/<key>`: one entry per locale a document exists in. */
export const localizedEntries = (docs: Array<{ locale: string; key: string }>): Entry[] =>
  docs.map((doc) => ({ id: `${doc.locale}/${doc.key}`, data: doc as unknown as Record<string, unknown> }))
