/**
 * Incremental publishing as an editor sees it: publishing again without changes renders nothing and
 * leaves the output byte-identical; after editing one article only that article's cards and the site
 * change; `--only` re-renders one channel and keeps the others' output as it was.
 */
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { publishSnapshot, type PublishReport } from '../../scripts/publish/publish.ts'
import { changedFiles as filesThatDiffer, fileHashes } from '../helpers/file-hashes.ts'
import { editedSampleCopy, type SampleSnapshotJson } from '../helpers/sample-copy.ts'

const quiet = () => {}
// The publish report records this run's time and figures: the one file that differs by design.
const REPORT = 'publish-report.json'

let work: string
let outDir: string

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  return filesThatDiffer(before, after).filter((name) => name !== REPORT)
}

async function publish(snapshotFile: string, only?: string[]): Promise<PublishReport> {
  return publishSnapshot({ snapshotFile, outDir, only, full: false, log: quiet })
}

function editOneArticle(snapshot: SampleSnapshotJson): void {
  const article = snapshot.articles.find((a) => a.slug === 'studiejob-rettigheder' && a.locale === 'da')!
  article.title = 'Studiejob: dine rettigheder, opdateret'
}

const channel = (report: PublishReport, name: string) => report.channels.find((c) => c.channel === name)!

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'budstikke-incremental-'))
  outDir = path.join(work, 'dist')
  await publish(await editedSampleCopy(work, 'first', () => {}))
})

describe('incremental publish', () => {
  it('renders nothing new and leaves the output byte-identical when nothing changed', async () => {
    const before = await fileHashes(outDir)
    // A new export of the same content: only its generatedAt differs.
    const report = await publish(
      await editedSampleCopy(work, 'again', (s) => (s.generatedAt = '2030-01-01T00:00:00.000Z')),
    )
    for (const result of report.channels) expect(result.rendered, `${result.channel} rendered`).toBe(0)
    expect(report.channels.every((c) => c.reused > 0)).toBe(true)
    expect(changedFiles(before, await fileHashes(outDir))).toEqual([])
  })

  it('after editing one article, changes only its cards, the snapshot and the site', async () => {
    const before = await fileHashes(outDir)
    const report = await publish(await editedSampleCopy(work, 'edited', editOneArticle))
    expect(channel(report, 'newsletters').rendered).toBe(0)
    expect(channel(report, 'cards').rendered).toBeGreaterThan(0)
    expect(channel(report, 'cards').reused).toBeGreaterThan(channel(report, 'cards').rendered)
    const changed = changedFiles(before, await fileHashes(outDir))
    expect(changed).toContain('snapshot/snapshot.json')
    expect(changed.some((f) => f.startsWith('site/') && f.endsWith('.html'))).toBe(true)
    // The cards' cache manifest records the new hash of the edited article's cards.
    const outside = changed.filter(
      (f) =>
        !['snapshot/snapshot.json', 'social/.cache.json'].includes(f) &&
        !f.startsWith('site/') &&
        // The site's state for the next publish (route digests, search records), beside the deployed site.
        !f.startsWith('site-state/') &&
        !f.startsWith('social/article/studiejob-rettigheder/da/'),
    )
    expect(outside).toEqual([])
    const cardsChanged = changed.filter(
      (f) => (f.startsWith('site/social/') || f.startsWith('social/')) && f !== 'social/.cache.json',
    )
    expect(cardsChanged.every((f) => f.includes('/studiejob-rettigheder/da/'))).toBe(true)
  })

  it('--only newsletters keeps the site and the cards exactly as they were', async () => {
    const before = await fileHashes(outDir)
    const report = await publish(
      await editedSampleCopy(work, 'only', (s) => {
        editOneArticle(s)
        s.generatedAt = '2030-02-01T00:00:00.000Z'
      }),
      ['newsletters'],
    )
    expect(report.channels.map((c) => c.channel)).toEqual(['newsletters'])
    const after = await fileHashes(outDir)
    expect([...after.keys()].filter((f) => f.startsWith('site/')).length).toBe(
      [...before.keys()].filter((f) => f.startsWith('site/')).length,
    )
    expect(changedFiles(before, after)).toEqual([])
  })
})
