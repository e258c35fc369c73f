/**
 * The cards channel: every published article, benefit and campaign, per locale, as og/square/story
 * PNGs and a post text under `<outDir>/social/<kind>/<slug>/<locale>/`. A card whose hash (content,
 * layout source, brand, font, photo) matches the cache is reused instead of redrawn: from the output
 * folder itself, or copied from `previousOutDir` when publish builds into a fresh folder.
 */
import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import type { ChannelResult, ChannelWarning } from '../types.ts'
import { CARD_FORMATS } from '../../templates/cards/formats.ts'
import type { CardBrand, CardView } from '../../templates/cards/view.ts'
import { collectCardJobs, cardFolder, type CardJob } from './card-jobs.ts'
import { hashCard, hashLayoutSource, readCardCache, writeCardCache } from './card-cache.ts'
import { loadCardFonts } from './fonts.ts'
import { dataUri, MediaFiles, type MediaFile } from './media-files.ts'
import { renderCard } from './render-card.ts'

export interface BuildCardsOptions {
  loaded: LoadedSnapshot
  /** Cards go to `<outDir>/social/`. */
  outDir: string
  /** Ignore the cache: draw every card. */
  full: boolean
  /** An earlier output folder whose cards may be copied instead of drawn. */
  previousOutDir?: string
  /** Also copy each `og.png` to `<siteDir>/social/<kind>/<slug>/<locale>/og.png` (the site's og:image). */
  siteDir?: string
  log: (line: string) => void
  /** Cards in flight at once: while sharp rasterises one (on libuv's threads), satori lays out the next. */
  concurrency?: number
}

export interface CardsResult extends ChannelResult {
  /** Milliseconds spent in satori (layout → SVG) and sharp (SVG → PNG) over the cards drawn. */
  timings: { satoriMs: number; sharpMs: number }
}

const IMAGE_FILES = CARD_FORMATS.map((f) => `${f.name}.png`)

export async function buildCards(options: BuildCardsOptions): Promise<CardsResult> {
  const started = performance.now()
  const { snapshot } = options.loaded
  const warnings: ChannelWarning[] = []
  const jobs = collectCardJobs(snapshot, warnings)
  const media = new MediaFiles(options.loaded, warnings)
  const brand = await readBrand(options.loaded, media)
  const fontHash = (await loadCardFonts()).hash
  const layoutHash = await hashLayoutSource()
  // Hashed once: the brand (with its logo's bytes) is the same on every card.
  const brandHash = hashCard(brand)

  const socialDir = path.join(options.outDir, 'social')
  const previousSocialDir = options.previousOutDir ? path.join(options.previousOutDir, 'social') : null
  await mkdir(socialDir, { recursive: true })
  const cached = options.full ? {} : (await readCardCache(socialDir)).cards
  const previous = options.full || !previousSocialDir ? {} : (await readCardCache(previousSocialDir)).cards

  const written: Record<string, string> = {}
  const timings = { satoriMs: 0, sharpMs: 0 }
  let rendered = 0
  let reused = 0

  await forEachConcurrent(jobs, options.concurrency ?? 2, async (job) => {
    const folder = cardFolder(job)
    const dir = path.join(socialDir, folder)
    try {
      const hero = job.hero ? await media.read(job.hero, job.label, 'hero') : null
      const view = await settleView(job, hero, media)
      const hash = hashCard([layoutHash, fontHash, brandHash, view, hero?.hash ?? null])
      await mkdir(dir, { recursive: true })
      await writeFile(path.join(dir, 'post.txt'), job.post)
      if (cached[folder] === hash && (await allExist(dir))) {
        reused++
      } else if (previousSocialDir && previous[folder] === hash && (await allExist(path.join(previousSocialDir, folder)))) {
        for (const file of IMAGE_FILES) await copyFile(path.join(previousSocialDir, folder, file), path.join(dir, file))
        reused++
      } else {
        await drawCard(job, view, brand, hero, dir, timings, warnings)
        rendered++
      }
      written[folder] = hash
      if (options.siteDir) {
        const siteCardDir = path.join(options.siteDir, 'social', folder)
        await mkdir(siteCardDir, { recursive: true })
        await copyFile(path.join(dir, 'og.png'), path.join(siteCardDir, 'og.png'))
      }
    } catch (error) {
      // One card that cannot be drawn must not stop the others; it is reported and left out of the cache.
      warnings.push({ document: job.label, message: `card not made: ${(error as Error).message}` })
    }
  })

  await writeCardCache(socialDir, written)
  await pruneStaleCards(socialDir, new Set(Object.keys(written)))
  const seconds = (performance.now() - started) / 1000
  options.log(`cards: ${rendered} drawn, ${reused} reused, ${warnings.length} warnings in ${seconds.toFixed(1)} s`)
  return { channel: 'cards', rendered, reused, warnings, seconds, timings }
}

async function drawCard(job: CardJob, view: CardView, brand: CardBrand, hero: MediaFile | null, dir: string, timings: CardsResult['timings'], warnings: ChannelWarning[]): Promise<void> {
  for (const format of CARD_FORMATS) {
    let card
    try {
      card = await renderCard(view, brand, format, hero)
    } catch (error) {
      // A photo whose header read fine can still fail to decode (a truncated file): draw without it.
      if (!hero || !('hasHero' in view)) throw error
      warnings.push({ document: job.label, field: 'hero', message: `photo cannot be drawn (${(error as Error).message}); ${format.name} card made without it` })
      card = await renderCard({ ...view, hasHero: false }, brand, format, null)
    }
    timings.satoriMs += card.satoriMs
    timings.sharpMs += card.sharpMs
    await writeFile(path.join(dir, `${format.name}.png`), card.png)
  }
}

/** The view as drawn: without a photo when it could not be read; a benefit's logo filled in. */
async function settleView(job: CardJob, hero: MediaFile | null, media: MediaFiles): Promise<CardView> {
  const view = job.view
  if (view.kind === 'benefit') {
    const logo = job.partnerLogo ? await media.read(job.partnerLogo, job.label, 'logo') : null
    return { ...view, partnerLogo: logo ? { dataUri: dataUri(logo), width: logo.width, height: logo.height } : null }
  }
  return { ...view, hasHero: hero !== null }
}

async function readBrand(loaded: LoadedSnapshot, media: MediaFiles): Promise<CardBrand> {
  const org = loaded.snapshot.organisation
  const logo = org.logo ? await media.read(org.logo, 'organisation', 'logo') : null
  return {
    name: org.name,
    shortName: org.shortName,
    colours: org.colours,
    logo: logo ? { dataUri: dataUri(logo), width: logo.width, height: logo.height } : null,
    siteHost: new URL(org.siteUrl).host,
  }
}

async function allExist(dir: string): Promise<boolean> {
  try {
    await Promise.all(IMAGE_FILES.map((file) => stat(path.join(dir, file))))
    return true
  } catch {
    return false
  }
}

/** Cards of documents that left the snapshot (unpublished, expired) leave the output too. */
async function pruneStaleCards(socialDir: string, keep: Set<string>): Promise<void> {
  for (const kind of await subfolders(socialDir)) {
    for (const slug of await subfolders(path.join(socialDir, kind))) {
      const locales = await subfolders(path.join(socialDir, kind, slug))
      const stale = locales.filter((locale) => !keep.has(`${kind}/${slug}/${locale}`))
      if (stale.length === locales.length) await rm(path.join(socialDir, kind, slug), { recursive: true, force: true })
      else for (const locale of stale) await rm(path.join(socialDir, kind, slug, locale), { recursive: true, force: true })
    }
  }
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  return entries.filter((e) => e.isDirectory()).map((e) => e.name)
}

async function forEachConcurrent<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++])
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
}
