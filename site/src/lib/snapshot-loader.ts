/**
 * The site's data is the snapshot file, validated once per build, whole, by the snapshot's own reader
 * (`parseSnapshot`: its zod schema, older versions upgraded, an error naming the file and JSON path).
 *
 * The pages read the documents from that parsed snapshot (site-data.ts), not from content collections:
 * at 10,000 articles, putting every document through Astro's data store (each entry validated, digested,
 * serialised with devalue into the store file and into a 10 MB module, then parsed back when the pages
 * render) cost about 3 s of a 20 s build, for the same objects. The one content collection left,
 * `heroes`, hands each hero file to Astro's image pipeline (`image()`: WebP renditions, width and height).
 *
 * The content sync and the page rendering of one `astro build` run in one process but load this module
 * twice (the config's copy and the page bundle's), so the parsed snapshot is kept on `globalThis`,
 * together with the file's size and modification time it was read at.
 */
import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Loader } from 'astro/loaders'
import type { Snapshot } from '../../../channels/snapshot/schema.ts'
import { parseSnapshot } from '../../../channels/snapshot/read-snapshot.ts'
import { SITE_ENV } from '../../../channels/site/site-env.ts'
import { setting } from '../../../channels/shared/config.ts'

export function snapshotFile(): string {
  const file = setting('BUDSTIKKE_SNAPSHOT')
  if (!file) throw new Error(`${SITE_ENV.snapshot} is not set: the site needs a snapshot file`)
  return file
}

interface Parsed {
  file: string
  /** `<size>:<mtimeMs>` of the file when it was read: a rewritten snapshot is read again. */
  version: string
  snapshot: Promise<Snapshot>
}
const KEY = Symbol.for('budstikke.site.parsedSnapshot')
type Holder = { [KEY]?: Parsed }

/** The build's snapshot, read and validated once per process however many copies of this module ask. */
export async function validatedSnapshot(): Promise<Snapshot> {
  const file = snapshotFile()
  const info = await stat(file)
  const version = `${info.size}:${info.mtimeMs}`
  const holder = globalThis as Holder
  const kept = holder[KEY]
  if (kept?.file === file && kept.version === version) return kept.snapshot
  const snapshot = readFile(file, 'utf8').then((text) => parseSnapshot(JSON.parse(text), file))
  holder[KEY] = { file, version, snapshot }
  return snapshot
}

/** Id of a document's hero in the `heroes` collection. */
export const heroId = (collection: 'articles' | 'campaigns', doc: { locale: string; key: string }) =>
  `${collection}/${doc.locale}/${doc.key}`

/**
 * The `heroes` collection: one entry per article or campaign (in each locale) whose hero file exists,
 * `heroImage` being the file relative to the snapshot, which the collection schema's `image()` turns
 * into Astro image metadata. A missing file gives no entry (the site model reports it).
 */
export function heroLoader(): Loader {
  return {
    name: 'budstikke-snapshot-heroes',
    async load({ store, parseData, generateDigest, logger, config }) {
      const snapshot = await validatedSnapshot()
      const dir = path.dirname(snapshotFile())
      // Image paths are relative to the snapshot file, which Astro wants named relative to the root.
      const filePath = path.relative(fileURLToPath(config.root), snapshotFile())
      store.clear()
      let count = 0
      for (const collection of ['articles', 'campaigns'] as const) {
        for (const doc of snapshot[collection]) {
          if (!doc.hero || !existsSync(path.resolve(dir, doc.hero.file))) continue
          const id = heroId(collection, doc)
          const data = await parseData({ id, data: { heroImage: `./${doc.hero.file}` }, filePath })
          store.set({ id, data, filePath, digest: generateDigest(data) })
          count++
        }
      }
      logger.info(`${count} hero images from ${snapshotFile()}`)
    },
  }
}
