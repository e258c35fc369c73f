/**
 * Which cards an output folder already holds, by a hash of everything a card shows. Kept beside the
 * cards (`social/.cache.json`), so it travels with them: a stale or missing file only costs a redraw.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const CACHE_FILE = '.cache.json'
/** Bump when the meaning of the hash changes. */
const CACHE_VERSION = 1

export interface CardCache {
  version: number
  /** `article/ok26-afstemning/da` → hash. */
  cards: Record<string, string>
}

export async function readCardCache(socialDir: string): Promise<CardCache> {
  try {
    const cache = JSON.parse(await readFile(path.join(socialDir, CACHE_FILE), 'utf8')) as CardCache
    if (cache.version === CACHE_VERSION && cache.cards && typeof cache.cards === 'object') return cache
  } catch {
    // No cache yet, or unreadable: every card is drawn.
  }
  return { version: CACHE_VERSION, cards: {} }
}

export async function writeCardCache(socialDir: string, cards: Record<string, string>): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(cards).sort(([a], [b]) => a.localeCompare(b)))
  await writeFile(path.join(socialDir, CACHE_FILE), JSON.stringify({ version: CACHE_VERSION, cards: sorted }, null, 1) + '\n')
}

let layoutHash: Promise<string> | undefined

/**
 * Hash of the code that decides how a card looks: the layouts in templates/cards/ and the renderer.
 * Editing a layout therefore redraws every card; editing the CLI does not.
 */
export function hashLayoutSource(): Promise<string> {
  layoutHash ??= (async () => {
    const here = path.dirname(fileURLToPath(import.meta.url))
    const templates = path.resolve(here, '../../templates/cards')
    const files = (await readdir(templates)).sort().map((f) => path.join(templates, f))
    // The renderer and the drawing (pixel arithmetic, PNG settings, what is drawn when a photo fails).
    files.push(path.join(here, 'render-card.ts'), path.join(here, 'draw-card.ts'))
    const hash = createHash('sha256')
    for (const file of files) hash.update(path.basename(file)).update(await readFile(file))
    return hash.digest('hex')
  })()
  return layoutHash
}

export function hashCard(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32)
}
