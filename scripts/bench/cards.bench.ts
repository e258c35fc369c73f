/**
 * Cards: how many cards per second satori (layout → SVG) and sharp (SVG → PNG) each make, and a
 * whole cards run (3 formats + post text per card) cold and with the cache warm, at 1,000 cards
 * (BENCH_QUICK: 100); and a cold run of 200 cards in the calling thread against drawing threads.
 * The content is the fixture snapshot's, repeated with distinct titles (about 60 % with a hero photo).
 *
 * And the cards step of a publish after one edit on 10,000 articles (BENCH_QUICK: 300), from a previous
 * output of that snapshot. That output is laid out as a publish leaves it (every card folder with its
 * PNGs, post text, site og.png and the manifest), but its PNGs are one drawn card's, hard-linked into
 * every folder: drawing 10,000 cards for real takes this machine over ten minutes, and reuse never looks
 * at a PNG's pixels. CPU time counts this process and its children (the `cp -rl` that carries the tree).
 */
import { link, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { buildCards, readBrand } from '../../channels/cards/build-cards.ts'
import {
  CARD_MANIFEST,
  cardHash,
  cardsSourceHash,
  postsHash,
  type CardEntry,
} from '../../channels/cards/card-hash.ts'
import { loadCardFonts } from '../../channels/cards/fonts.ts'
import { MediaFiles } from '../../channels/cards/media-files.ts'
import { writeManifest } from '../../channels/shared/output-cache.ts'
import { rasteriseCard, renderCardSvg } from '../../channels/cards/render-card.ts'
import { cardFolder, collectCardJobs } from '../../channels/cards/card-jobs.ts'
import { readSnapshot, type LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { CARD_FORMATS } from '../../templates/cards/formats.ts'
import type { CardBrand } from '../../templates/cards/view.ts'
import { quick, type BenchRow } from './types.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'
import { endedChildrenCpuSeconds } from '../shared/cpu-seconds.ts'

/** The fixture's articles, benefits and campaigns repeated to `count` cards (about 70 % articles). */
async function scaledSnapshot(count: number): Promise<LoadedSnapshot> {
  const loaded = await readSnapshot(SAMPLE_SNAPSHOT_FILE)
  const s = structuredClone(loaded.snapshot)
  const articles = s.articles.filter((a) => a.slug !== 'hostile')
  const n = { articles: Math.round(count * 0.7), benefits: Math.round(count * 0.2) }
  const many = <T extends { slug: string; key: string }>(
    items: T[],
    total: number,
    retitle: (item: T, i: number) => T,
  ): T[] =>
    Array.from({ length: total }, (_, i) =>
      retitle(
        {
          ...items[i % items.length],
          slug: `${items[i % items.length].slug}-${i}`,
          key: `${items[i % items.length].key}-${i}`,
        },
        i,
      ),
    )
  s.articles = many(articles, n.articles, (a, i) => ({ ...a, title: `${a.title} (${i})` }))
  s.benefits = many(s.benefits, n.benefits, (b, i) => ({ ...b, name: `${b.name} ${i}` }))
  s.campaigns = many(s.campaigns, count - n.articles - n.benefits, (c, i) => ({
    ...c,
    title: `${c.title} ${i}`,
  }))
  return { snapshot: s, dir: loaded.dir }
}

/** The fixture's articles repeated to `count` (distinct slugs and titles), with the fixture's benefits and campaigns. */
async function articlesSnapshot(count: number): Promise<LoadedSnapshot> {
  const loaded = await readSnapshot(SAMPLE_SNAPSHOT_FILE)
  const s = structuredClone(loaded.snapshot)
  const articles = s.articles.filter((a) => a.slug !== 'hostile')
  s.articles = Array.from({ length: count }, (_, i) => {
    const a = articles[i % articles.length]
    return { ...a, slug: `${a.slug}-${i}`, key: `${a.key}-${i}`, title: `${a.title} (${i})` }
  })
  return { snapshot: s, dir: loaded.dir }
}

/**
 * The output a publish of `loaded` leaves (`social/`, `site/social/`, the manifest), with one drawn
 * card's PNGs linked into every card folder (see the header).
 */
async function seedPreviousOutput(loaded: LoadedSnapshot, outDir: string, scratch: string): Promise<void> {
  const jobs = collectCardJobs(loaded.snapshot, [])
  const one = { ...loaded, snapshot: { ...loaded.snapshot, articles: loaded.snapshot.articles.slice(0, 1) } }
  await buildCards({ loaded: one, outDir: scratch, full: true, log: () => {} })
  const drawn = path.join(scratch, 'social', cardFolder(jobs[0]))
  const brand = await readBrand(loaded, new MediaFiles(loaded, []))
  const sourceHash = await cardsSourceHash((await loadCardFonts(brand.font)).hash, brand)
  const entries: Record<string, CardEntry> = {}
  for (const job of jobs) {
    const folder = cardFolder(job)
    const dir = path.join(outDir, 'social', folder)
    const siteDir = path.join(outDir, 'site/social', folder)
    await mkdir(dir, { recursive: true })
    await mkdir(siteDir, { recursive: true })
    for (const format of CARD_FORMATS)
      await link(path.join(drawn, `${format.name}.png`), path.join(dir, `${format.name}.png`))
    await link(path.join(drawn, 'og.png'), path.join(siteDir, 'og.png'))
    await writeFile(path.join(dir, 'post.txt'), job.post)
    for (const post of job.platformPosts) await writeFile(path.join(dir, post.file), post.text)
    entries[folder] = { hash: cardHash(job), posts: postsHash(job) }
  }
  await writeManifest(path.join(outDir, 'social'), { ...CARD_MANIFEST, sourceHash, entries })
}

/** Cards step of a publish after one title edit on `count` articles. */
export async function oneEditRow(count: number, dir: string): Promise<BenchRow> {
  const loaded = await articlesSnapshot(count)
  const previous = path.join(dir, 'one-edit-previous')
  await seedPreviousOutput(loaded, previous, path.join(dir, 'one-edit-scratch'))
  const snapshot = structuredClone(loaded.snapshot)
  snapshot.articles[Math.floor(count / 2)].title += ' (rettet)'
  const outDir = path.join(dir, 'one-edit-next')
  const load = os.loadavg()[0]
  const cpu = process.cpuUsage()
  const childCpu = endedChildrenCpuSeconds()
  const result = await buildCards({
    loaded: { ...loaded, snapshot },
    outDir,
    previousOutDir: previous,
    siteDir: path.join(outDir, 'site'),
    full: false,
    log: () => {},
  })
  const used = process.cpuUsage(cpu)
  const cpuSeconds = (used.user + used.system) / 1e6 + endedChildrenCpuSeconds() - childCpu
  return {
    benchmark: `cards: step after one edit on ${count.toLocaleString('en')} articles`,
    value: Number(result.seconds.toFixed(2)),
    unit: 's',
    note: `${result.rendered} drawn, ${result.reused.toLocaleString('en')} reused (carried over from the previous output); ${cpuSeconds.toFixed(2)} CPU s (this process and cp); ${os.cpus().length} cores, load ${load.toFixed(1)} at start`,
  }
}

const rate = (items: number, ms: number) => Math.round((items / (ms / 1000)) * 10) / 10

export async function run(): Promise<BenchRow[]> {
  const count = quick ? 100 : 1000
  const loaded = await scaledSnapshot(count)
  const rows: BenchRow[] = []
  const og = CARD_FORMATS[0]
  const brand: CardBrand = {
    name: loaded.snapshot.organisation.name,
    shortName: loaded.snapshot.organisation.shortName,
    colours: loaded.snapshot.organisation.colours,
    logo: null,
    siteHost: 'faf.example.org',
    font: loaded.snapshot.organisation.cardFont,
  }
  const views = collectCardJobs(loaded.snapshot, []).map((job) =>
    job.view.kind === 'benefit' ? job.view : { ...job.view, hasHero: false },
  )

  // satori alone (og format, no photo), after one warm-up card (font parsing).
  await renderCardSvg(views[0], brand, og)
  let t = performance.now()
  const svgs: string[] = []
  for (const view of views) svgs.push(await renderCardSvg(view, brand, og))
  rows.push({
    benchmark: `cards: satori og ${count}`,
    value: rate(count, performance.now() - t),
    unit: 'cards/s',
    note: 'layout → SVG, no logo, one thread',
  })

  t = performance.now()
  for (const svg of svgs) await rasteriseCard(svg, og, null)
  rows.push({
    benchmark: `cards: sharp og ${count}`,
    value: rate(count, performance.now() - t),
    unit: 'cards/s',
    note: 'SVG → PNG, no photo or logo, one at a time in one thread',
  })

  const dir = await mkdtemp(path.join(os.tmpdir(), 'cards-bench-'))
  // CPU seconds (all threads) beside wall time: this machine is shared, and CPU time is what load inflates least.
  const measured = async (options: Omit<Parameters<typeof buildCards>[0], 'log'>) => {
    const load = os.loadavg()[0]
    const cpu = process.cpuUsage()
    const result = await buildCards({ ...options, log: () => {} })
    const used = process.cpuUsage(cpu)
    return {
      result,
      cpuMsPerCard: Math.round(
        (used.user + used.system) / 1000 / Math.max(1, result.rendered + result.reused),
      ),
      load: load.toFixed(1),
    }
  }
  try {
    const cold = await measured({ loaded, outDir: path.join(dir, 'cold'), full: true })
    rows.push({
      benchmark: `cards: cold run ${count}`,
      value: rate(cold.result.rendered, cold.result.seconds * 1000),
      unit: 'cards/s',
      note: `3 formats + post.txt each, ${cold.result.workers} drawing threads; ${cold.cpuMsPerCard} ms CPU per card (all threads${cold.result.workers > 0 ? ', worker start-up included' : ''}); load ${cold.load} at start`,
    })
    // Drawing threads against drawing in the calling thread, on a smaller set.
    const sample = await scaledSnapshot(quick ? 40 : 200)
    const sampleCount =
      sample.snapshot.articles.length + sample.snapshot.benefits.length + sample.snapshot.campaigns.length
    for (const workers of [0, Math.max(2, Math.floor(os.availableParallelism() / 2))]) {
      const run = await measured({
        loaded: sample,
        outDir: path.join(dir, `w${workers}`),
        full: true,
        workers,
      })
      rows.push({
        benchmark: `cards: cold run ${sampleCount}, ${workers === 0 ? 'calling thread only' : `${run.result.workers} drawing threads`}`,
        value: rate(run.result.rendered, run.result.seconds * 1000),
        unit: 'cards/s',
        note: `${run.cpuMsPerCard} ms CPU per card (all threads${run.result.workers > 0 ? ', worker start-up included' : ''}); load ${run.load} at start`,
      })
    }
    const warm = await measured({ loaded, outDir: path.join(dir, 'cold'), full: false })
    rows.push({
      benchmark: `cards: warm cache run ${count}`,
      value: rate(warm.result.reused, warm.result.seconds * 1000),
      unit: 'cards/s',
      note: `${warm.result.rendered} redrawn; in place, reused cards are not touched`,
    })
    const copied = await measured({
      loaded,
      outDir: path.join(dir, 'next'),
      previousOutDir: path.join(dir, 'cold'),
      full: false,
    })
    rows.push({
      benchmark: `cards: warm from previous output ${count}`,
      value: rate(copied.result.reused, copied.result.seconds * 1000),
      unit: 'cards/s',
      note: 'publish case: the previous social/ carried over as hard links (copied where the file system cannot link)',
    })
    rows.push(await oneEditRow(quick ? 300 : 10_000, dir))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return rows
}
