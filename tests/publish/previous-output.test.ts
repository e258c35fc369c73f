/**
 * What a publish does with the previous output (issue 15): it carries unchanged outputs over as hard
 * links (no byte copied), deletes the previous output off the publish's path, and never forgets a trash
 * folder a killed or failed run left behind. And the cards after one edit: only the edited document's
 * card is drawn, and the tree equals a `--full` publish of the same snapshot.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_SNAPSHOT_DIR } from '../../channels/snapshot/sample-snapshot.ts'
import { publishSnapshot, type PublishReport } from '../../scripts/publish/publish.ts'
import { changedFiles, fileHashes } from '../helpers/file-hashes.ts'
import { editedSampleCopy } from '../helpers/sample-copy.ts'

const fixtureDir = SAMPLE_SNAPSHOT_DIR
const REPORT = 'publish-report.json'
let work: string

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'budstikke-previous-output-'))
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

const publish = (
  snapshotFile: string,
  outDir: string,
  options: { only?: string[]; full?: boolean; removePrevious?: 'wait' | 'background' } = {},
) =>
  publishSnapshot({
    snapshotFile,
    outDir,
    only: options.only,
    full: options.full ?? false,
    removePrevious: options.removePrevious,
    log: () => {},
  })
const channel = (report: PublishReport, name: string) => report.channels.find((c) => c.channel === name)!
const inode = async (file: string) => (await stat(file)).ino
const siblings = async (outDir: string) => (await readdir(path.dirname(outDir))).sort()

describe('the previous output', () => {
  it('carries the channels left out by --only over as hard links', async () => {
    const outDir = path.join(work, 'only/dist')
    const fixture = path.join(fixtureDir, 'snapshot.json')
    await publish(fixture, outDir, { only: ['cards', 'newsletters'] })
    const card = 'social/article/studiejob-rettigheder/da/og.png'
    const letter = 'newsletters/index.html'
    const cardInode = await inode(path.join(outDir, card))
    const hashes = await fileHashes(outDir)

    await publish(fixture, outDir, { only: ['newsletters'] })
    // The same file, not a copy of it: a deploy comparing files (rsync) sees nothing new.
    expect(await inode(path.join(outDir, card))).toBe(cardInode)
    const letterInode = await inode(path.join(outDir, letter))
    await publish(fixture, outDir, { only: ['cards'] })
    expect(await inode(path.join(outDir, letter))).toBe(letterInode)
    expect(changedFiles(hashes, await fileHashes(outDir)).filter((f) => f !== REPORT)).toEqual([])
  })

  it('is deleted after the swap by a detached child when asked, and nothing is left beside the output', async () => {
    const outDir = path.join(work, 'background/dist')
    const fixture = path.join(fixtureDir, 'snapshot.json')
    await publish(fixture, outDir, { only: ['newsletters'] })
    const files = [...(await fileHashes(outDir)).keys()].sort()
    await publish(fixture, outDir, { only: ['newsletters'], full: true, removePrevious: 'background' })
    // The new output is complete the moment publish returns.
    expect([...(await fileHashes(outDir)).keys()].sort()).toEqual(files)
    const deadline = Date.now() + 30_000
    while ((await siblings(outDir)).length > 1 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await siblings(outDir)).toEqual(['dist'])
  })

  it('deletes a trash folder a killed run left, with the next publish, and says so', async () => {
    const outDir = path.join(work, 'leftover/dist')
    const fixture = path.join(fixtureDir, 'snapshot.json')
    await publish(fixture, outDir, { only: ['newsletters'] })
    // As a publish killed while its previous output was being deleted leaves it.
    const leftover = `${outDir}.trash-4242-1-0`
    await mkdir(path.join(leftover, 'site/artikler/x'), { recursive: true })
    await writeFile(path.join(leftover, 'site/artikler/x/index.html'), '<p>old</p>')
    const lines: string[] = []
    await publishSnapshot({
      snapshotFile: fixture,
      outDir,
      only: ['newsletters'],
      full: false,
      log: (line) => lines.push(line),
    })
    expect(await siblings(outDir)).toEqual(['dist'])
    expect(lines).toContain('publish: deleting 1 folder left by an earlier publish (dist.trash-4242-1-0)')
  })
})

describe('the snapshot', () => {
  it('of the same content is kept byte for byte, compared by hash or, in an older output, by parsing', async () => {
    const outDir = path.join(work, 'snapshot/dist')
    const placed = () => readFile(path.join(outDir, 'snapshot/snapshot.json'), 'utf8')
    await publish(await editedSampleCopy(work, 'same-first', () => {}), outDir, { only: ['newsletters'] })
    const first = await placed()
    const reportFile = path.join(outDir, REPORT)
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as { snapshotHash?: string }
    expect(report.snapshotHash).toMatch(/^[0-9a-f]{64}$/)

    const again = (name: string, at: string) =>
      editedSampleCopy(work, name, (s) => Object.assign(s, { generatedAt: at }))
    await publish(await again('same-later', '2031-01-01T00:00:00.000Z'), outDir, { only: ['newsletters'] })
    expect(await placed()).toBe(first)

    // An output from before the hash was recorded: the files are compared.
    delete report.snapshotHash
    await writeFile(reportFile, JSON.stringify(report))
    await publish(await again('same-older', '2032-01-01T00:00:00.000Z'), outDir, { only: ['newsletters'] })
    expect(await placed()).toBe(first)

    // New content is placed as given.
    const edited = await editedSampleCopy(work, 'same-edited', (s) => {
      s.articles[0].title = 'Ny titel'
    })
    await publish(edited, outDir, { only: ['newsletters'] })
    expect(await placed()).toBe(await readFile(edited, 'utf8'))
  })
})

describe('cards after one edit', () => {
  it("draws only the edited document's card, and the tree equals a --full publish", async () => {
    const outDir = path.join(work, 'cards/dist')
    await publish(await editedSampleCopy(work, 'cards-first', () => {}), outDir, { only: ['cards'] })
    const edited = await editedSampleCopy(work, 'cards-edited', (s) => {
      s.articles.find((a) => a.slug === 'studiejob-rettigheder' && a.locale === 'da')!.title =
        'Studiejob: dine rettigheder, opdateret'
    })
    const report = await publish(edited, outDir, { only: ['cards'] })
    const cards = channel(report, 'cards')
    expect(cards.rendered).toBe(1)

    const fullDir = path.join(work, 'cards/full')
    const full = await publish(edited, fullDir, { only: ['cards'], full: true })
    expect(channel(full, 'cards').rendered).toBe(1 + cards.reused)
    expect(cards.reused).toBeGreaterThan(5)
    const [incremental, whole] = await Promise.all([fileHashes(outDir), fileHashes(fullDir)])
    expect(changedFiles(incremental, whole).filter((f) => f !== REPORT)).toEqual([])
  })
})
