/**
 * The cards channel: every published article, benefit and campaign, per locale, as og/square/story
 * PNGs and a post text under `<outDir>/social/<kind>/<slug>/<locale>/`.
 *
 * Only what changed is drawn (channels/shared/output-cache.ts): the manifest of the previous output
 * (`social/.cache.json`) holds a hash per card folder, computed from the snapshot alone. Cards whose hash
 * is unchanged are carried over as a whole tree (hard links of the previous output's `social/`, one
 * `cp -rl`) or, writing in place, left where they are; changed and new cards are drawn, and cards of
 * documents that left the snapshot are removed. No reused card is read, hashed or stat'ed, so a publish
 * after one edit of a 10,000-article site costs a tree of links plus one card.
 */
import { existsSync } from 'node:fs'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import type { ChannelResult, ChannelWarning } from '../types.ts'
import type { CardBrand, CardView } from '../../templates/cards/view.ts'
import type { BuildDate } from '../snapshot/visibility.ts'
import { collectCardJobs, cardFolder, type CardJob } from './card-jobs.ts'
import {
  carryOverFiles,
  carryOverTree,
  MANIFEST_FILE,
  planReuse,
  readManifest,
  removeOutputs,
  writeManifest,
} from '../shared/output-cache.ts'
import { forEachConcurrent } from '../shared/for-each-concurrent.ts'
import { CARD_MANIFEST, cardHash, cardsSourceHash, postsHash, type CardEntry } from './card-hash.ts'
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
  /**
   * The previous complete output, whose unchanged cards are carried over instead of drawn. Without
   * it, the cards already in `outDir` are the previous output (drawing in place).
   */
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

/** Photos and logos read at once while preparing the cards to draw. */
const IO_CONCURRENCY = 8

export async function buildCards(options: BuildCardsOptions): Promise<CardsResult> {
  const started = performance.now()
  const { snapshot } = options.loaded
  // Warnings from the snapshot (and the Organisation's logo) come anew every run; those met while
  // drawing a card are kept in its manifest entry and reported again when the card is reused.
  const warnings: ChannelWarning[] = []
  const cardWarnings: ChannelWarning[] = []
  const jobs = collectCardJobs(snapshot, warnings, options.buildDate)
  const media = new MediaFiles(options.loaded, cardWarnings)
  const brand = await readBrand(options.loaded, new MediaFiles(options.loaded, warnings))
  const sourceHash = await cardsSourceHash((await loadCardFonts(brand.font)).hash, brand)

  const socialDir = path.join(options.outDir, 'social')
  const siteSocialDir = options.siteDir ? path.join(options.siteDir, 'social') : null
  const previousSocialDir = options.previousOutDir ? path.join(options.previousOutDir, 'social') : socialDir
  const inPlace = path.resolve(previousSocialDir) === path.resolve(socialDir)
  const previous = options.full ? null : await readManifest<CardEntry>(previousSocialDir, CARD_MANIFEST)
  const byFolder = new Map(jobs.map((job) => [cardFolder(job), job]))
  const plan = planReuse(previous, sourceHash, new Map(jobs.map((job) => [cardFolder(job), cardHash(job)])))
  const reusedEntries = Object.fromEntries(
    plan.reuse.map((folder) => [
      folder,
      (previous as { entries: Record<string, CardEntry> }).entries[folder],
    ]),
  )

  if (inPlace) {
    // The manifest first loses what is about to go: a run killed from here on never finds a card promised that was removed.
    if (plan.reuse.length > 0)
      await writeManifest(socialDir, { ...CARD_MANIFEST, sourceHash, entries: reusedEntries })
    const siteHadCards = siteSocialDir !== null && existsSync(siteSocialDir)
    if (plan.reuse.length === 0) {
      await rm(socialDir, { recursive: true, force: true })
      if (siteSocialDir) await rm(siteSocialDir, { recursive: true, force: true })
    } else {
      await removeOutputs(socialDir, plan.drop)
      if (siteSocialDir && siteHadCards) await removeOutputs(siteSocialDir, plan.drop)
      else if (siteSocialDir) await carryOverFiles(socialDir, siteSocialDir, plan.reuse.map(ogImage))
    }
  } else {
    // A fresh build folder: anything already in it is not this run's.
    await rm(socialDir, { recursive: true, force: true })
    if (siteSocialDir) await rm(siteSocialDir, { recursive: true, force: true })
    if (plan.reuse.length > 0) {
      // The previous site holds the og.png of exactly the previous manifest's cards (publish writes both).
      const previousSiteSocial = previousSiteSocialDir(options)
      const siteTree = siteSocialDir !== null && previousSiteSocial !== null && existsSync(previousSiteSocial)
      // Both trees at once: carrying is bound by the file system's latency, not by this process.
      await Promise.all([
        carryOverTree(previousSocialDir, socialDir, [MANIFEST_FILE]).then(() =>
          removeOutputs(socialDir, plan.drop),
        ),
        siteTree
          ? carryOverTree(previousSiteSocial, siteSocialDir).then(() =>
              removeOutputs(siteSocialDir, plan.drop),
            )
          : null,
      ])
      if (siteSocialDir && !siteTree) await carryOverFiles(socialDir, siteSocialDir, plan.reuse.map(ogImage))
    }
  }
  await mkdir(socialDir, { recursive: true })

  const entries: Record<string, CardEntry> = {}
  const timings = { satoriMs: 0, sharpMs: 0 }
  let rendered = 0
  let done = 0
  const total = jobs.length
  const finished = () => options.progress?.(++done, total)
  const failed: string[] = []

  // Reused cards: only an edited post text is written (the PNGs stay as they were).
  for (const folder of plan.reuse) {
    const job = byFolder.get(folder) as CardJob
    const entry = reusedEntries[folder]
    const posts = postsHash(job)
    if (entry.posts !== posts) await writePostTexts(path.join(socialDir, folder), job)
    entries[folder] = { ...entry, posts }
    warnings.push(...(entry.warnings ?? []))
  }
  done = plan.reuse.length
  options.progress?.(done, total)

  // Cards to draw: their photos read (a warning where one cannot be), then drawn all at once below.
  const toDraw: { index: number; job: CardJob; task: DrawTask }[] = []
  const order = new Map(jobs.map((job, i) => [job, i]))
  await forEachConcurrent(plan.render, IO_CONCURRENCY, async (folder) => {
    const job = byFolder.get(folder) as CardJob
    const dir = path.join(socialDir, folder)
    try {
      const hero = job.hero ? await media.read(job.hero, job.label, 'hero') : null
      const view = await settleView(job, hero, media)
      await mkdir(dir, { recursive: true })
      await writePostTexts(dir, job)
      toDraw.push({
        index: order.get(job) as number,
        job,
        task: {
          folder,
          dir,
          label: job.label,
          view,
          hero: hero ? { path: hero.path, hash: hero.hash } : null,
        },
      })
    } catch (error) {
      // One card that cannot be made must not stop the others; it is reported and left out of the output.
      warnings.push({ document: job.label, message: `card not made: ${(error as Error).message}` })
      failed.push(folder)
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
  const labels = new Map(toDraw.map(({ task }) => [task.folder, task.label]))
  const drawn: string[] = []
  const workers =
    toDraw.length === 0 ? 0 : Math.min(options.workers ?? defaultWorkerCount(toDraw.length), bundles.size)
  await drawCards([...bundles.values()], brand, workers, (outcome) => {
    timings.satoriMs += outcome.satoriMs
    timings.sharpMs += outcome.sharpMs
    cardWarnings.push(...outcome.warnings)
    if (outcome.error) {
      warnings.push({
        document: labels.get(outcome.folder) ?? outcome.folder,
        message: `card not made: ${outcome.error}`,
      })
      failed.push(outcome.folder)
    } else {
      drawn.push(outcome.folder)
      rendered++
    }
    finished()
  })

  // Each drawn card's entry, with the warnings met drawing it (listed by document label).
  const byLabel = new Map<string, ChannelWarning[]>()
  for (const warning of cardWarnings) {
    const list = byLabel.get(warning.document)
    if (list) list.push(warning)
    else byLabel.set(warning.document, [warning])
  }
  for (const folder of drawn) {
    const job = byFolder.get(folder) as CardJob
    const met = byLabel.get(job.label)
    entries[folder] = { hash: cardHash(job), posts: postsHash(job), ...(met ? { warnings: met } : {}) }
  }
  warnings.push(...cardWarnings)
  await removeOutputs(socialDir, failed)
  if (siteSocialDir) {
    await removeOutputs(siteSocialDir, failed)
    await carryOverFiles(socialDir, siteSocialDir, drawn.map(ogImage))
  }
  await writeManifest(socialDir, { ...CARD_MANIFEST, sourceHash, entries })

  // Cards finish in any order; sorted so a report lists the same warnings in the same order every run.
  const position = new Map(jobs.map((job, i) => [job.label, i]))
  const sorted = warnings
    .map((warning, i) => ({ warning, i }))
    .sort(
      (a, b) =>
        (position.get(a.warning.document) ?? -1) - (position.get(b.warning.document) ?? -1) || a.i - b.i,
    )
    .map((w) => w.warning)
  const seconds = (performance.now() - started) / 1000
  const reused = plan.reuse.length
  options.log(
    `cards: ${rendered} drawn, ${reused} reused, ${sorted.length} warnings in ${seconds.toFixed(1)} s${workers > 0 ? ` (${workers} drawing threads)` : ''}`,
  )
  return { channel: 'cards', rendered, reused, warnings: sorted, seconds, timings, workers }
}

/** `<folder>/og.png`: the file of a card the site links as its og:image. */
const ogImage = (folder: string) => `${folder}/og.png`

/** The previous output's `site/social/`, when the site copies go to `<outDir>/site/` (as in publish). */
function previousSiteSocialDir(options: BuildCardsOptions): string | null {
  if (!options.siteDir || !options.previousOutDir) return null
  if (path.resolve(options.siteDir) !== path.resolve(options.outDir, 'site')) return null
  return path.join(options.previousOutDir, 'site', 'social')
}

/**
 * `post.txt`, and a campaign's own posts per platform beside it. Every earlier post file is removed
 * first: posts an editor has since removed must go, and a carried-over file is a hard link into the
 * previous output, which must not change (a new file is written instead of overwriting it).
 */
async function writePostTexts(dir: string, job: CardJob): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (/^post(-.+)?\.txt$/.test(name)) await rm(path.join(dir, name), { force: true })
  }
  await writeFile(path.join(dir, 'post.txt'), job.post)
  for (const post of job.platformPosts) await writeFile(path.join(dir, post.file), post.text)
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

/** The brand every card shows; the Organisation's logo is read here (a warning on `warnings` when it cannot be). */
export async function readBrand(loaded: LoadedSnapshot, media: MediaFiles): Promise<CardBrand> {
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
