/**
 * The newsletter publish step renders only the editions whose content changed and carries the rest over from
 * the previous output: byte for byte, warnings and preview list included.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishStep } from '../../channels/newsletter/publish-step.ts'
import type { LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import type { ChannelResult } from '../../channels/types.ts'
import { fileHashes } from '../helpers/file-hashes.ts'
import { newsletterFixture } from './fixtures/newsletter-snapshot.ts'

const FOLDERS = [
  'big-edition/da',
  'hostile-edition/da',
  'nyhedsbrev-marts-2026/da',
  'nyhedsbrev-marts-2026/sv',
  'student-update/en',
]

let work: string
let fixture: LoadedSnapshot
/** The first, cold run: every later run reuses from here. */
let firstOut: string
let first: ChannelResult
let runs = 0

async function run(loaded: LoadedSnapshot, options: { previousOutDir?: string; full?: boolean } = {}) {
  const outDir = path.join(work, `run-${++runs}`)
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

/** Edition folders (`big-edition/da`) whose three files differ between two outputs. */
async function changedEditions(before: string, after: string): Promise<string[]> {
  const [a, b] = await Promise.all([
    fileHashes(path.join(before, 'newsletters')),
    fileHashes(path.join(after, 'newsletters')),
  ])
  return FOLDERS.filter((folder) =>
    ['index.html', 'index.txt', 'meta.json'].some(
      (file) => a.get(`${folder}/${file}`) !== b.get(`${folder}/${file}`),
    ),
  )
}

function edited(change: (snapshot: Snapshot) => void): LoadedSnapshot {
  const snapshot = structuredClone(fixture.snapshot)
  change(snapshot)
  return { ...fixture, snapshot }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'newsletter-incremental-'))
  fixture = await newsletterFixture()
  ;({ outDir: firstOut, result: first } = await run(fixture))
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('incremental newsletter publishing', () => {
  it('renders every edition when there is no previous output, and reports progress per edition', async () => {
    expect(first).toMatchObject({ rendered: FOLDERS.length, reused: 0 })
    const again = await run(fixture)
    expect(again.progress).toEqual([0, 1, 2, 3, 4, 5].map((done) => [done, 5]))
  })

  it('reuses every edition of an unchanged snapshot and writes byte-identical files', async () => {
    const { outDir, result } = await run(fixture, { previousOutDir: firstOut })
    expect(result).toMatchObject({ rendered: 0, reused: FOLDERS.length })
    // The reused editions' warnings are reported as when they were rendered.
    expect(result.warnings).toEqual(first.warnings)
    const [before, after] = await Promise.all([fileHashes(firstOut), fileHashes(outDir)])
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    expect([...after].filter(([file, hash]) => before.get(file) !== hash)).toEqual([])
    expect(after.has('newsletters/.cache.json')).toBe(true)
  })

  it('after editing one article re-renders only the editions that show it, following locale fallback', async () => {
    const title = 'Lønnen stiger igen: nye tal for 2026'
    const loaded = edited(
      (s) => (s.articles.find((a) => a.key === 'loen-stiger-2026' && a.locale === 'da')!.title = title),
    )
    const { outDir, result } = await run(loaded, { previousOutDir: firstOut })
    // The sv edition has no sv version of the article and shows the da one.
    expect(await changedEditions(firstOut, outDir)).toEqual([
      'nyhedsbrev-marts-2026/da',
      'nyhedsbrev-marts-2026/sv',
    ])
    expect(result).toMatchObject({ rendered: 2, reused: 3 })
    expect(
      await readFile(path.join(outDir, 'newsletters/nyhedsbrev-marts-2026/sv/index.txt'), 'utf8'),
    ).toContain(title)
    expect(await readFile(path.join(outDir, 'newsletters/index.html'), 'utf8')).toContain(
      'student-update/en/index.html',
    )
  })

  it('re-renders an edition whose intro links to a document that has just been published', async () => {
    // hostile-edition's intro links to the article "gone", which did not exist when it was rendered.
    const loaded = edited((s) => {
      const base = s.articles.find((a) => a.key === 'loen-stiger-2026')!
      s.articles.push({
        ...base,
        id: 'gone-id',
        key: 'gone',
        slug: 'nu-udgivet',
        translations: { da: 'nu-udgivet' },
      })
    })
    const { outDir, result } = await run(loaded, { previousOutDir: firstOut })
    expect(await changedEditions(firstOut, outDir)).toEqual(['hostile-edition/da'])
    expect(result).toMatchObject({ rendered: 1, reused: 4 })
    expect(await readFile(path.join(outDir, 'newsletters/hostile-edition/da/index.html'), 'utf8')).toContain(
      '/artikler/nu-udgivet/',
    )
  })

  it('re-renders every edition when the Organisation changes', async () => {
    const loaded = edited((s) => (s.organisation.name = 'Fagforbundet Nord'))
    const { outDir, result } = await run(loaded, { previousOutDir: firstOut })
    expect(result).toMatchObject({ rendered: FOLDERS.length, reused: 0 })
    expect(await changedEditions(firstOut, outDir)).toEqual(FOLDERS)
  })

  it('re-renders everything with full, and renders an edition whose previous files are incomplete', async () => {
    const full = await run(fixture, { previousOutDir: firstOut, full: true })
    expect(full.result).toMatchObject({ rendered: FOLDERS.length, reused: 0 })

    await rm(path.join(full.outDir, 'newsletters/student-update/en/index.txt'))
    const repaired = await run(fixture, { previousOutDir: full.outDir })
    expect(repaired.result).toMatchObject({ rendered: 1, reused: FOLDERS.length - 1 })
    expect(
      await readFile(path.join(repaired.outDir, 'newsletters/student-update/en/index.txt'), 'utf8'),
    ).toBe(await readFile(path.join(firstOut, 'newsletters/student-update/en/index.txt'), 'utf8'))
  })

  it("carries reused editions over as the previous output's own files, and never writes into the previous output", async () => {
    const previous = await run(fixture, { previousOutDir: firstOut })
    const file = 'newsletters/big-edition/da/index.html'
    const inode = async (dir: string) => (await stat(path.join(dir, file))).ino
    // A hard link: no byte copied, and a deploy comparing files (rsync) sees nothing new.
    expect(await inode(previous.outDir)).toBe(await inode(firstOut))

    // A half-present previous edition: what was carried of it is dropped before it is rendered anew.
    await rm(path.join(previous.outDir, 'newsletters/student-update/en/index.txt'))
    const before = await fileHashes(previous.outDir)
    const next = await run(fixture, { previousOutDir: previous.outDir })
    expect(next.result).toMatchObject({ rendered: 1, reused: FOLDERS.length - 1 })
    expect(await fileHashes(previous.outDir)).toEqual(before)
  })
})
