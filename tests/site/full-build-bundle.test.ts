/**
 * A full site build through the kept page bundle (issue 15, full builds on both cores) writes the bytes
 * of a whole Astro build: on the fixture, and on a generated site of 300 articles with hero images
 * rendered by two processes. Each site is built three times into empty folders: by Astro alone (the
 * reference), then with a bundle folder of its own that starts empty (Astro renders only the pages of
 * heroes the bundle has not seen and keeps the bundle; the bundle renders the rest), then again (every
 * page through the bundle, the hero WebP files from the bundle's own copy, no Astro run).
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSite, projectRoot, type BuildSiteResult } from '../../channels/site/build-site.ts'
import { mediaFileHashes } from '../../channels/site/site-cache.ts'
import { buildSiteModel } from '../../channels/site/site-model.ts'
import { mediaPath, readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { generateSnapshot } from '../../scripts/bench/synthetic-snapshot.ts'
import { changedFiles, fileHashes } from '../helpers/file-hashes.ts'
import { BUILD_DATE, fixtureFile } from './fixtures/bad-snapshot.ts'

const BUILD = 600_000
let work: string

beforeAll(async () => {
  // In the project: the kept bundle's chunks import Astro from its node_modules.
  work = await mkdtemp(path.join(projectRoot, '.tmp/full-build-bundle-'))
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

interface Built {
  result: BuildSiteResult
  log: string[]
  siteDir: string
}

async function build(snapshotFile: string, name: string, bundleDir?: string): Promise<Built> {
  const loaded = await readSnapshot(snapshotFile)
  const model = buildSiteModel(loaded.snapshot, {
    buildDate: BUILD_DATE,
    mediaExists: (media) => existsSync(mediaPath(loaded, media)),
  })
  const siteDir = path.join(work, name)
  const log: string[] = []
  const result = await buildSite({
    loaded,
    snapshotFile,
    siteDir,
    buildDate: BUILD_DATE,
    model,
    log: (line) => log.push(line),
    // splitFrom 0: the split first build, which a publish takes from 5,000 pages on, already at this size.
    pageBundle: bundleDir
      ? { dir: bundleDir, mediaHashes: await mediaFileHashes(model, loaded), splitFrom: 0 }
      : undefined,
  })
  return { result, log, siteDir }
}

async function differences(a: string, b: string): Promise<string[]> {
  return changedFiles(await fileHashes(a), await fileHashes(b))
}

describe.each([
  { site: 'the fixture', snapshot: async () => fixtureFile, heroes: 3 },
  {
    site: '300 generated articles with heroes',
    snapshot: () => generateSnapshot(300, path.join(work, 'snapshot-300'), { withMedia: true }),
    heroes: 225, // three of four generated articles have a hero
  },
])('a full build of $site through the kept page bundle', ({ site, snapshot, heroes }) => {
  let astro: Built
  let first: Built
  let second: Built
  beforeAll(async () => {
    const file = await snapshot()
    const name = site.replace(/\W+/g, '-')
    const bundleDir = path.join(work, `bundle-${name}`)
    astro = await build(file, `${name}-astro`)
    first = await build(file, `${name}-first`, bundleDir)
    second = await build(file, `${name}-second`, bundleDir)
  }, BUILD)

  it('first renders with Astro only the pages of heroes the bundle lacks, the rest through the bundle', () => {
    expect(first.result.renderer).toBe('astro')
    const split = /Astro rendered (\d+) pages with new hero images, the kept page bundle the others/.exec(
      first.log.join('\n'),
    )
    // At least one page per hero shown; far from all pages.
    expect(Number(split?.[1])).toBeGreaterThanOrEqual(heroes)
    expect(Number(split?.[1])).toBeLessThan(astro.result.pages * 0.7)
  })

  it('then renders every page through the bundle, with no Astro run', () => {
    expect(second.result.renderer, second.log.join('\n')).toBe('page bundle')
    expect(second.result.pages).toBe(astro.result.pages)
    expect(second.log.join('\n')).not.toContain('page bundle not used')
  })

  it('writes the files of a whole Astro build, byte for byte, both times', async () => {
    expect(await differences(astro.siteDir, first.siteDir)).toEqual([])
    expect(await differences(astro.siteDir, second.siteDir)).toEqual([])
    expect(astro.result.written.length).toBeGreaterThan(30)
  })

  it('spreads a site of hundreds of pages over the cores', () => {
    const parts = second.log.find((line) => line.startsWith('site: page bundle render:')) ?? ''
    const processes = astro.result.pages > 200 ? Math.min(4, availableParallelism()) : 1
    expect(parts.match(/\[\d\]/g)?.length ?? 1).toBe(processes)
  })
})
