/**
 * The site publish step copies the previous site when nothing it shows changed, renders only the pages
 * an edit touched (the same bytes as a full build), and builds byte-identical output from identical
 * input. Four Astro builds in all (first, after an edit, the edit with full, full); the rest reuses or
 * only hashes. The large edit/add/unpublish/re-topic comparison is tests/site/incremental-publish.test.ts.
 */
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSources } from '../../channels/shared/content-hash.ts'
import { publishStep } from '../../channels/site/publish-step.ts'
import { SITE_SOURCES, siteHash } from '../../channels/site/site-cache.ts'
import { buildSiteModel } from '../../channels/site/site-model.ts'
import { readSnapshot, type LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import type { ChannelResult } from '../../channels/types.ts'
import { changedFiles, fileHashes } from '../helpers/file-hashes.ts'
import { fixtureFile, placeSocialCard } from './fixtures/bad-snapshot.ts'

const BUILD = 180_000
const CARD = 'social/article/ok26-afstemning/da/og.png'

let work: string
let fixture: LoadedSnapshot
let firstOut: string
let first: ChannelResult
let runs = 0

/**
 * One run of the step into a fresh output folder, as publish runs it: the cards channel has already put
 * its og.png into the site folder (here: the first run's card, byte for byte).
 */
async function run(
  loaded: LoadedSnapshot,
  options: { previousOutDir?: string; full?: boolean; card?: Buffer } = {},
) {
  const outDir = path.join(work, `run-${++runs}`)
  await mkdir(path.dirname(path.join(outDir, 'site', CARD)), { recursive: true })
  if (options.card) await writeFile(path.join(outDir, 'site', CARD), options.card)
  else if (firstOut) await cp(path.join(firstOut, 'site', CARD), path.join(outDir, 'site', CARD))
  else await placeSocialCard(path.join(outDir, 'site'), 'article', 'ok26-afstemning', 'da')
  const progress: Array<[number, number]> = []
  const result = await publishStep.run({
    loaded,
    outDir,
    previousOutDir: options.previousOutDir,
    full: options.full ?? false,
    log: () => {},
    progress: (done, total) => progress.push([done, total]),
  })
  return { outDir, result, progress }
}

/** A copy of the fixture snapshot (with its media) changed by `edit`: the Astro build reads the file. */
async function editedSnapshot(name: string, edit: (snapshot: Snapshot) => void): Promise<LoadedSnapshot> {
  const dir = path.join(work, name)
  await cp(path.dirname(fixtureFile), dir, { recursive: true })
  const snapshot = JSON.parse(await readFile(fixtureFile, 'utf8')) as Snapshot
  edit(snapshot)
  await writeFile(path.join(dir, 'snapshot.json'), JSON.stringify(snapshot, null, 2))
  return readSnapshot(path.join(dir, 'snapshot.json'))
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'site-incremental-'))
  fixture = await readSnapshot(fixtureFile)
  const firstRun = await run(fixture)
  firstOut = firstRun.outDir
  first = firstRun.result
}, BUILD)

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('incremental site publishing', () => {
  it('builds the site when there is no previous output', () => {
    expect(first.rendered).toBeGreaterThan(20)
    expect(first.reused).toBe(0)
    expect(existsSync(path.join(firstOut, 'site/.cache.json'))).toBe(true)
    expect(existsSync(path.join(firstOut, '.site-work'))).toBe(false)
  })

  it('copies the previous site for an unchanged snapshot: nothing rendered, every file byte-identical', async () => {
    const { outDir, result, progress } = await run(fixture, { previousOutDir: firstOut })
    expect(result).toMatchObject({ rendered: 0, reused: first.rendered })
    expect(result.warnings).toEqual(first.warnings)
    expect(progress).toEqual([
      [0, first.rendered],
      [first.rendered, first.rendered],
    ])
    const before = await fileHashes(path.join(firstOut, 'site'))
    expect(before.size).toBeGreaterThan(first.rendered)
    expect(changedFiles(before, await fileHashes(path.join(outDir, 'site')))).toEqual([])
  })

  it("keeps this run's social cards when it copies the previous site", async () => {
    // Same set of cards, new bytes (a redrawn card): the pages are the same, the card is this run's.
    const card = Buffer.from('a redrawn card')
    const { outDir, result } = await run(fixture, { previousOutDir: firstOut, card })
    expect(result.rendered).toBe(0)
    expect(await readFile(path.join(outDir, 'site', CARD))).toEqual(card)
    expect(
      changedFiles(
        await fileHashes(path.join(firstOut, 'site')),
        await fileHashes(path.join(outDir, 'site')),
      ),
    ).toEqual([CARD])
  })

  it(
    'renders only the pages an edited article touches, reporting progress, with the bytes of a full build',
    async () => {
      const title = 'Lønnen stiger igen: nye tal for 2026'
      const loaded = await editedSnapshot(
        'edited',
        (s) => (s.articles.find((a) => a.key === 'loen-stiger-2026' && a.locale === 'da')!.title = title),
      )
      const { outDir, result, progress } = await run(loaded, { previousOutDir: firstOut })
      // The article, the Danish lists that show it (home, archive, its topics) and the 404 page.
      expect(result.rendered).toBeGreaterThan(2)
      expect(result.rendered).toBeLessThan(first.rendered / 2)
      expect(result.reused).toBe(first.rendered - result.rendered)
      expect(
        await readFile(path.join(outDir, 'site/artikler/loen-stiger-2026/index.html'), 'utf8'),
      ).toContain(title)
      expect(progress.length).toBeGreaterThan(3)
      expect(progress.at(-1)).toEqual([first.rendered, first.rendered])
      const changed = changedFiles(
        await fileHashes(path.join(firstOut, 'site')),
        await fileHashes(path.join(outDir, 'site')),
      )
      expect(changed).toContain('artikler/loen-stiger-2026/index.html')
      expect(changed).toContain('.cache.json')
      expect(changed).not.toContain(CARD)
      expect(changed.filter((f) => f.startsWith('sv/') || f.startsWith('en/'))).toEqual([])

      const full = await run(loaded, { full: true })
      expect(full.result.rendered).toBe(first.rendered)
      expect(changedFiles(await fileHashes(full.outDir), await fileHashes(outDir))).toEqual([])
    },
    BUILD,
  )

  it(
    'rebuilds with full, and the rebuilt site is byte-identical to the first build (Pagefind entry included)',
    async () => {
      const { outDir, result } = await run(fixture, { previousOutDir: firstOut, full: true })
      expect(result).toMatchObject({ rendered: first.rendered, reused: 0 })
      expect(
        changedFiles(
          await fileHashes(path.join(firstOut, 'site')),
          await fileHashes(path.join(outDir, 'site')),
        ),
      ).toEqual([])
      const entry = JSON.parse(
        await readFile(path.join(outDir, 'site/pagefind/pagefind-entry.json'), 'utf8'),
      ) as { languages: object }
      expect(Object.keys(entry.languages)).toEqual([...Object.keys(entry.languages)].sort())
    },
    BUILD,
  )
})

describe('the site hash', () => {
  const hashOf = async (snapshot: Snapshot, buildDate: Date, siteDir: string) => {
    const model = buildSiteModel(snapshot, { buildDate, mediaExists: () => true })
    return siteHash(model, fixture, siteDir, await hashSources(SITE_SOURCES))
  }
  const june = new Date('2026-06-01T12:00:00.000Z')

  it('changes with the Organisation, the set of social cards and expiry at build time; not with hidden content', async () => {
    const site = path.join(firstOut, 'site')
    const base = await hashOf(fixture.snapshot, june, site)
    expect(await hashOf(fixture.snapshot, new Date('2026-06-02T12:00:00.000Z'), site)).toBe(base)

    const renamed = structuredClone(fixture.snapshot)
    renamed.organisation.name = 'Fagforbundet Nord'
    expect(await hashOf(renamed, june, site)).not.toBe(base)

    expect(await hashOf(fixture.snapshot, june, path.join(work, 'no-cards'))).not.toBe(base)

    // A benefit that expires between two publishes leaves the site: the hash follows the build date.
    const expiring = structuredClone(fixture.snapshot)
    expiring.benefits[0].validTo = '2026-07-01T00:00:00.000Z'
    expect(await hashOf(expiring, june, site)).toBe(
      await hashOf(expiring, new Date('2026-06-30T00:00:00.000Z'), site),
    )
    expect(await hashOf(expiring, new Date('2026-07-02T00:00:00.000Z'), site)).not.toBe(
      await hashOf(expiring, june, site),
    )

    // Newsletters are not on the site.
    const newsletter = structuredClone(fixture.snapshot)
    newsletter.newsletters[0].subject = 'Et andet emne'
    expect(await hashOf(newsletter, june, site)).toBe(base)
  })
})
