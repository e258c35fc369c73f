/**
 * Draws one card (every format) into its folder. Runs in a drawing worker or, for a handful of
 * cards, in the calling thread: the same code either way, so a card's bytes do not depend on where
 * it was drawn. Everything a task holds is plain data, so it can be posted to a worker.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { replaceFile } from '../shared/output-cache.ts'
import type { ChannelWarning } from '../types.ts'
import { CARD_FORMATS, type CardFormat } from '../../templates/cards/formats.ts'
import type { CardBrand, CardView } from '../../templates/cards/view.ts'
import { rasteriseCard, renderCardSvg, type HeroPhoto } from './render-card.ts'

export interface DrawTask {
  /** `article/ok26-afstemning/da`: the card's folder under `social/`. */
  folder: string
  /** Absolute folder the PNGs are written to. */
  dir: string
  /** `articles/ok26-afstemning (da)`: names the card in warnings. */
  label: string
  view: CardView
  hero: { path: string; hash: string } | null
}

export interface DrawOutcome {
  folder: string
  /** Why the card could not be made; it is then left out of the cache. */
  error?: string
  warnings: ChannelWarning[]
  /** Milliseconds in satori (layout → SVG) and from SVG to PNG file, summed over the formats. */
  satoriMs: number
  sharpMs: number
}

/**
 * libvips words one damaged file differently from run to run (its error buffer is per thread: a cut-short
 * JPEG reads "premature end of JPEG image" or only "Warning treated as error due to failOn setting"),
 * so a damaged file gets one stable reason; anything else keeps sharp's own message.
 */
export function photoFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (/failOn|premature end|truncated|corrupt|bad huffman|invalid (jpeg|png)/i.test(message))
    return 'the image file is damaged or cut short'
  return message
}

export async function drawCard(task: DrawTask, brand: CardBrand): Promise<DrawOutcome> {
  const outcome: DrawOutcome = { folder: task.folder, warnings: [], satoriMs: 0, sharpMs: 0 }
  const hero: HeroPhoto | null = task.hero
    ? { hash: task.hero.hash, read: () => readFile(task.hero!.path) }
    : null
  // The formats are started together: while libvips' threads rasterise one, satori lays out the next.
  const drawFormat = async (format: CardFormat, view: CardView, photo: HeroPhoto | null): Promise<Buffer> => {
    const t0 = performance.now()
    const svg = await renderCardSvg(view, brand, format)
    const t1 = performance.now()
    outcome.satoriMs += t1 - t0
    const png = await rasteriseCard(svg, format, photo)
    outcome.sharpMs += performance.now() - t1
    return png
  }
  const formats = await Promise.allSettled(
    CARD_FORMATS.map(async (format) => {
      let png: Buffer
      try {
        png = await drawFormat(format, task.view, hero)
      } catch (error) {
        // A photo whose header read fine can still fail to decode (a truncated file): draw without it.
        if (!hero || !('hasHero' in task.view)) throw error
        outcome.warnings.push({
          document: task.label,
          field: 'hero',
          message: `photo cannot be drawn (${photoFailure(error)}); ${format.name} card made without it`,
        })
        png = await drawFormat(format, { ...task.view, hasHero: false }, null)
      }
      // The old file may be a hard link shared with an earlier output.
      await replaceFile(path.join(task.dir, `${format.name}.png`), png)
    }),
  )
  const failed = formats.find((f) => f.status === 'rejected')
  if (failed) outcome.error = String((failed.reason as Error)?.message ?? failed.reason)
  // Formats finish in any order; warnings are listed in format order so a report reads the same every run.
  const order = (w: ChannelWarning) =>
    CARD_FORMATS.findIndex((f) => w.message.endsWith(`; ${f.name} card made without it`))
  outcome.warnings.sort((a, b) => order(a) - order(b))
  return outcome
}
