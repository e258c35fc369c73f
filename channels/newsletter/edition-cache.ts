/**
 * Which editions an output folder holds, by a hash of everything an edition shows.
 *
 * The hashes live in a small manifest inside the channel's own output (`newsletters/.cache.json`),
 * not in a cache folder of their own: the previous complete output is the cache. Publish builds a
 * new output beside the old one and swaps it in whole, so a manifest always describes the files next
 * to it; a publish killed halfway never leaves a manifest that promises files it did not write.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { hashValue, type SourceSet } from '../shared/content-hash.ts'
import type { Newsletter, Snapshot } from '../snapshot/schema.ts'
import type { MergeSyntaxName } from './merge-syntax.ts'
import { settleEditionLinks } from './render-context.ts'
import { resolveItems } from './resolve-items.ts'
import type { UtmParameters } from './site-urls.ts'

export const CACHE_FILE = '.cache.json'
/** Bump when the meaning of the hash changes. */
const CACHE_VERSION = 1

/** The code an edition is rendered with: editing any of it (or upgrading MJML) re-renders every edition. */
export const NEWSLETTER_SOURCES: SourceSet = {
  // routes.ts: newsletter links use the site's page paths.
  paths: [
    'channels/newsletter',
    'channels/shared',
    'channels/snapshot',
    'channels/site/routes.ts',
    'templates/newsletter',
  ],
  packages: ['mjml', 'mjml-core', 'cssnano', 'htmlnano', 'juice'],
}

/** The render settings that change an edition's output (all of them end up in its HTML, text or meta). */
export interface EditionSettings {
  mergeSyntax: MergeSyntaxName
  utm?: UtmParameters
  minify?: boolean
  sizeLimitBytes?: number
}

/**
 * Hash of one edition in one locale: the edition itself, the articles, benefits and campaign its items
 * resolve to (after locale fallback, so publishing a translation re-renders the editions that fell back),
 * where the internal links of its intro lead, the Organisation (name, colours, address, site URL, unsubscribe
 * patterns), the render settings and the source hash. Resolved documents count whole: a teaser shows only
 * some fields, but a template that starts showing another field must not meet a hash that ignores it.
 */
export function editionHash(
  snapshot: Snapshot,
  edition: Newsletter,
  settings: EditionSettings,
  sourceHash: string,
  buildDate?: Date,
): string {
  const items = resolveItems({ snapshot, edition, locale: edition.locale, warn: () => {}, buildDate })
  return hashValue({
    version: CACHE_VERSION,
    sourceHash,
    settings,
    organisation: snapshot.organisation,
    // Settled: where each intro link leads (or that it is text) is part of the edition hashed.
    edition: settleEditionLinks(snapshot, edition, buildDate).edition,
    items: items.map((item) => ({ index: item.index, kind: item.kind, doc: item.doc })),
  })
}

/** `<edition>/<locale>` → hash, from a `newsletters/` folder; empty when there is none or it is unreadable. */
export async function readEditionCache(newslettersDir: string): Promise<Record<string, string>> {
  try {
    const cache = JSON.parse(await readFile(path.join(newslettersDir, CACHE_FILE), 'utf8')) as {
      version?: number
      editions?: Record<string, string>
    }
    if (cache.version === CACHE_VERSION && cache.editions && typeof cache.editions === 'object')
      return cache.editions
  } catch {
    // No manifest yet, or unreadable: every edition is rendered.
  }
  return {}
}

export async function writeEditionCache(
  newslettersDir: string,
  editions: Record<string, string>,
): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(editions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  await writeFile(
    path.join(newslettersDir, CACHE_FILE),
    JSON.stringify({ version: CACHE_VERSION, editions: sorted }, null, 1) + '\n',
  )
}
