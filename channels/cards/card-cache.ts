/**
 * Which cards an output folder already holds, by a hash of everything a card shows. Kept beside the
 * cards (`social/.cache.json`), so it travels with them: a stale or missing file only costs a redraw.
 */
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type SourceSet } from '../shared/content-hash.ts'

export const CACHE_FILE = '.cache.json'
/** Bump when the meaning of the hash changes. */
const CACHE_VERSION = 2

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
  await writeFile(
    path.join(socialDir, CACHE_FILE),
    JSON.stringify({ version: CACHE_VERSION, cards: sorted }, null, 1) + '\n',
  )
}

/**
 * The code that decides how a card looks: the layouts in templates/cards/, its words (the translations), the renderer and the drawing
 * (pixel arithmetic, PNG settings, what is drawn when a photo fails), and the exact satori and sharp
 * versions. Editing a layout or upgrading either package therefore redraws every card; editing the CLI
 * does not.
 */
export const CARD_SOURCES: SourceSet = {
  paths: [
    'templates/cards',
    'channels/shared/translations.ts',
    'channels/shared/translations',
    'channels/cards/render-card.ts',
    'channels/cards/draw-card.ts',
    'channels/cards/emoji.ts',
  ],
  packages: ['satori', 'sharp', '@twemoji/svg'],
}

export function hashCard(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32)
}
