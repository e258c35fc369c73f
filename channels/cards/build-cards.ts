/**
 * The cards channel: every published article, benefit and campaign, per locale, as og/square/story
 * PNGs and a post text under `<outDir>/social/<kind>/<slug>/<locale>/`. A card whose hash (content,
 * layout source, brand, font, photo) matches the cache is reused instead of redrawn: from the output
 * folder itself, or copied from `previousOutDir` when publish builds into a fresh folder.
 */
import { copyFile, link, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import type { ChannelResult, ChannelWarning } from '../types.ts'
import { CARD_FORMATS } from '../../templates/cards/formats.ts'
import type { CardBrand, CardView } from '../../templates/cards/view.ts'
import type { BuildDate } from '../snapshot/visibility.ts'
import { collectCardJobs, cardFolder, type CardJob } from './card-jobs.ts'
import { hashSources } from '../shared/content-hash.ts'
import { CARD_SOURCES, hashCard, readCardCache, writeCardCache } from './card-cache.ts'
import { defaultWorkerCount, drawCards } from './card-drawers.ts'
import type { DrawTask } from './draw-card.ts'
import { loadCardFonts } from './fonts.ts'
import { MediaFiles, type MediaFile } from './media-files.ts'

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
  /** Cards done (drawn or reused) of all cards, as they finish. */
  progress?: (done: number, total: number) => void
  /**
   * Drawing workers (threads) to use; 0 draws in this thread. Default: from 4 cores up, one per two
   * cores (at most 4) when there are enough cards to draw for their start-up to pay, else 0 (see
   * card-drawers.ts). Output is the same either way.
   */
  workers?: number
  /** The date visibility and campaign ends are judged against (default: BUDSTIKKE_BUILD_DATE, else now). */
  buildDate?: BuildDate
}

export interface CardsResult extends ChannelResult {
  /** Milliseconds spent in satori (layout → SVG) and sharp (SVG → PNG) over the cards drawn, summed over threads. */
  timings: { satoriMs: number; sharpMs: number }
  /** Drawing workers used (0: drawn in the calling thread). */
  workers: number
}

const IMAGE_FILES = CARD_FORMATS.map((f) => `${f.name}.png`)
/** Files read, hashed and copied at once while sorting cards into reused and to-draw. */
const IO_CONCURRENCY = 8

export async function buildCards(options: BuildCardsOptions): Promise<CardsResult> {
  const started = performance.now()
  const { snapshot } = options.loaded
  const warnings: ChannelWarning[] = []
  const jobs = collectCardJobs(snapshot, warnings, options.buildDate)
  const media = new MediaFiles(options.loaded, warnings)
  const brand = await readBrand(options.loaded, media)
  const fontHash = (await loadCardFonts(brand.font)).hash
  const layoutHash = await hashSources(CARD_SOURCES)
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
  let done = 0
  const total = jobs.length
  options.progress?.(0, total)
  const finished = () => options.progress?.(++done, total)

  // First every card's hash: reused cards are settled here, the others are drawn below, all at once.
  const toDraw: { index: number; job: CardJob; task: DrawTask; hash: string }[] = []
  await forEachConcurrent(jobs, IO_CONCURRENCY, async (job, index) => {
    const folder = cardFolder(job)
    const dir = path.join(socialDir, folder)
    try {
      const hero = job.hero ? await media.read(job.hero, job.label, 'hero') : null
      const view = await settleView(job, hero, media)
      const hash = hashCard([layoutHash, fontHash, brandHash, view, hero?.hash ?? null])
      await mkdir(dir, { recursive: true })
      await writePostTexts(dir, job)
      if (cached[folder] === hash && (await allExist(dir))) {
        reused++
      } else if (
        previousSocialDir &&
        previous[folder] === hash &&
        (await allExist(path.join(previousSocialDir, folder)))
      ) {
        for (const file of IMAGE_FILES)
          await linkOrCopy(path.join(previousSocialDir, folder, file), path.join(dir, file))
        reused++
      } else {
        toDraw.push({
          index,
          job,
          hash,
          task: {
            folder,
            dir,
            label: job.label,
            view,
            hero: hero ? { path: hero.path, hash: hero.hash } : null,
          },
        })
        return
      }
      written[folder] = hash
      finished()
    } catch (error) {
      // One card that cannot be made must not stop the others; it is reported and left out of the cache.
      warnings.push({ document: job.label, message: `card not made: ${(error as Error).message}` })
      finished()
    }
  })

  // In snapshot order, the locales of a document together: they share a photo, decoded once.
  toDraw.sort((a, b) => a.index - b.index)
  const bundles = new Map<string, DrawTask[]>()
  for (const { job, task } of toDraw) {
    const bundle = bundles.get(job.documentKey)
    if (bundle) bundle.push(task)
    else bundles.set(job.documentKey, [task])
  }
  const hashes = new Map(toDraw.map(({ task, hash }) => [task.folder, hash]))
  const labels = new Map(toDraw.map(({ task }) => [task.folder, task.label]))
  const workers =
    toDraw.length === 0 ? 0 : Math.min(options.workers ?? defaultWorkerCount(toDraw.length), bundles.size)
  await drawCards([...bundles.values()], brand, workers, (outcome) => {
    timings.satoriMs += outcome.satoriMs
    timings.sharpMs += outcome.sharpMs
    warnings.push(...outcome.warnings)
    if (outcome.error) {
      warnings.push({
        document: labels.get(outcome.folder) ?? outcome.folder,
        message: `card not made: ${outcome.error}`,
      })
    } else {
      written[outcome.folder] = hashes.get(outcome.folder) as string
      rendered++
    }
    finished()
  })

  if (options.siteDir) {
    const siteDir = options.siteDir
    await forEachConcurrent(Object.keys(written), IO_CONCURRENCY, async (folder) => {
      const siteCardDir = path.join(siteDir, 'social', folder)
      await mkdir(siteCardDir, { recursive: true })
      await linkOrCopy(path.join(socialDir, folder, 'og.png'), path.join(siteCardDir, 'og.png'))
    })
  }

  await writeCardCache(socialDir, written)
  await pruneStaleCards(socialDir, new Set(Object.keys(written)))
  // Cards finish in any order; sorted so a report lists the same warnings in the same order every run.
  const order = new Map(jobs.map((job, i) => [job.label, i]))
  const sorted = warnings
    .map((warning, i) => ({ warning, i }))
    .sort(
      (a, b) => (order.get(a.warning.document) ?? -1) - (order.get(b.warning.document) ?? -1) || a.i - b.i,
    )
    .map((w) => w.warning)
  const seconds = (performance.now() - started) / 1000
  options.log(
    `cards: ${rendered} drawn, ${reused} reused, ${sorted.length} warnings in ${seconds.toFixed(1)} s${workers > 0 ? ` (${workers} drawing threads)` : ''}`,
  )
  return { channel: 'cards', rendered, reused, warnings: sorted, seconds, timings, workers }
}

/**
 * `post.txt`, and a campaign's own posts per platform beside it. Posts an editor has since removed are
 * deleted, so a folder never offers a text that is no longer in the CMS.
 */
async function writePostTexts(dir: string, job: CardJob): Promise<void> {
  await writeFile(path.join(dir, 'post.txt'), job.post)
  const current = new Set(job.platformPosts.map((p) => p.file))
  for (const post of job.platformPosts) await writeFile(path.join(dir, post.file), post.text)
  for (const name of await readdir(dir)) {
    if (/^post-.+\.txt$/.test(name) && !current.has(name)) await rm(path.join(dir, name), { force: true })
  }
}

/** The view as drawn: without a photo when it could not be read; a benefit's logo filled in. */
async function settleView(job: CardJob, hero: MediaFile | null, media: MediaFiles): Promise<CardView> {
  const view = job.view
  if (view.kind === 'benefit') {
    const logo = job.partnerLogo ? await media.read(job.partnerLogo, job.label, 'logo') : null
    return {
      ...view,
      partnerLogo: logo
        ? { dataUri: await media.dataUri(logo), width: logo.width, height: logo.height }
        : null,
    }
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
    logo: logo ? { dataUri: await media.dataUri(logo), width: logo.width, height: logo.height } : null,
    siteHost: new URL(org.siteUrl).host,
    font: org.cardFont,
  }
}

/**
 * A finished card file in a second place: a hard link when the file system allows (10,000 cards are
 * ~4 GB of PNGs, and a link costs no copy), else a copy. Safe because card files are never written
 * in place: a redrawn card is written to a new file and renamed over the old (see draw-card.ts).
 */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') {
      await rm(to, { force: true })
      return linkOrCopy(from, to)
    }
    if (code === 'EXDEV' || code === 'EPERM' || code === 'ENOTSUP' || code === 'EMLINK')
      return copyFile(from, to)
    throw error
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
      if (stale.length === locales.length)
        await rm(path.join(socialDir, kind, slug), { recursive: true, force: true })
      else
        for (const locale of stale)
          await rm(path.join(socialDir, kind, slug, locale), { recursive: true, force: true })
    }
  }
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  return entries.filter((e) => e.isDirectory()).map((e) => e.name)
}

async function forEachConcurrent<T>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      await fn(items[index], index)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
}
