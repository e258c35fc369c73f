/**
 * Content-layer loaders over the snapshot file: each collection of the site is one slice of it.
 * The snapshot is validated once per build, whole, by the snapshot's own reader (`parseSnapshot`: its
 * zod schema, older versions upgraded, an error naming the file and JSON path), and the parsed documents
 * go to the store as they are. Validating every entry again through a collection schema cost about 3 s
 * of a 10,000-article build for the same result; the collection schemas (content.config.ts) only hand
 * the heroes to Astro's image pipeline.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Loader } from 'astro/loaders'
import type { Snapshot } from '../../../channels/snapshot/schema.ts'
import { parseSnapshot } from '../../../channels/snapshot/read-snapshot.ts'
import { SITE_ENV } from '../../../channels/site/site-env.ts'
import { setting } from '../../../channels/shared/config.ts'

let cached: { file: string; snapshot: Promise<Snapshot> } | undefined

export function snapshotFile(): string {
  const file = setting('BUDSTIKKE_SNAPSHOT')
  if (!file) throw new Error(`${SITE_ENV.snapshot} is not set: the site needs a snapshot file`)
  return file
}

/** Read and validated once per build (every collection loads from the same file). */
function readSnapshot(): Promise<Snapshot> {
  const file = snapshotFile()
  if (cached?.file !== file)
    cached = { file, snapshot: readFile(file, 'utf8').then((text) => parseSnapshot(JSON.parse(text), file)) }
  return cached.snapshot
}

type Entry = { id: string; data: Record<string, unknown> }

/**
 * One collection from the validated snapshot. Only entries with a hero image go through the collection
 * schema (`parseData`), where Astro's `image()` takes the file into its image pipeline; the others are
 * stored as the snapshot's parser gave them.
 */
export function snapshotLoader(name: string, pick: (snapshot: Snapshot) => Entry[]): Loader {
  return {
    name: `budstikke-snapshot-${name}`,
    async load({ store, parseData, generateDigest, logger, config }) {
      const entries = pick(await readSnapshot())
      // Image paths (`heroImage`) are relative to the snapshot file, which Astro wants named relative to the root.
      const filePath = path.relative(fileURLToPath(config.root), snapshotFile())
      store.clear()
      for (const entry of entries) {
        const data =
          typeof entry.data.heroImage === 'string'
            ? await parseData({ id: entry.id, data: entry.data, filePath })
            : entry.data
        store.set({ id: entry.id, data, filePath, digest: generateDigest(data) })
      }
      logger.info(`${entries.length} ${name} from ${snapshotFile()}`)
    },
  }
}

/**
 * Localized documents are keyed `<locale>/<key>`: one entry per locale a document exists in.
 * A hero whose file exists is also handed to Astro's image pipeline as `heroImage` (resized and
 * re-encoded with sharp at build time); a missing file leaves it null (the site model reports it).
 */
export const localizedEntries = (
  docs: Array<{ locale: string; key: string; hero?: { file: string } | null }>,
): Entry[] => {
  const dir = path.dirname(snapshotFile())
  return docs.map((doc) => {
    const data: Record<string, unknown> = { ...doc }
    if ('hero' in doc)
      data.heroImage = doc.hero && existsSync(path.resolve(dir, doc.hero.file)) ? `./${doc.hero.file}` : null
    return { id: `${doc.locale}/${doc.key}`, data }
  })
}
