/**
 * Issue 15 item 4: a publish after one edit checks only what changed. The cards of every other document
 * are carried over as the previous output's own files (so a deploy that compares modification times,
 * such as rsync, uploads only the edited card), and nothing of theirs is read again: not even the photo
 * they were drawn from.
 */
import { cp, readdir, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { publishStep } from '../../channels/cards/publish-step.ts'
import { readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { FIXTURE_SNAPSHOT, quiet, removeTempDirs, tempDir } from './helpers.ts'

afterAll(removeTempDirs)

/** Relative path → inode of every file under `dir`: a file carried over by a hard link keeps its inode. */
async function inodes(dir: string): Promise<Map<string, number>> {
  const found = new Map<string, number>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    found.set(path.relative(dir, file), (await stat(file)).ino)
  }
  return found
}

describe('cards after one edit', () => {
  it("draws only the edited document's card and carries every other card file over untouched and unread", async () => {
    const work = await tempDir('one-edit')
    // A copy of the fixture snapshot with its media, as an export leaves it.
    await cp(path.dirname(FIXTURE_SNAPSHOT), path.join(work, 'snapshot'), { recursive: true })
    const loaded = await readSnapshot(path.join(work, 'snapshot/snapshot.json'))
    const total =
      loaded.snapshot.articles.length + loaded.snapshot.benefits.length + loaded.snapshot.campaigns.length
    const dist = path.join(work, 'dist')
    const first = await publishStep.run({ loaded, outDir: dist, full: false, log: quiet })
    expect(first.rendered).toBe(total)

    // The next publish: one title edited. The photo file of two untouched articles is now no image at all:
    // a card that is not redrawn must not even open it (a step that did would warn and redraw them).
    const snapshot = structuredClone(loaded.snapshot)
    snapshot.articles.find((a) => a.slug === 'loen-stiger-2026')!.title = 'Lønnen stiger 5 % over to år'
    expect(snapshot.articles.filter((a) => a.hero?.file === 'media/students.jpg').length).toBe(2)
    await writeFile(path.join(work, 'snapshot/media/students.jpg'), 'not a photo any more')
    const staging = `${dist}.staging-1`
    const next = await publishStep.run({
      loaded: { ...loaded, snapshot },
      outDir: staging,
      previousOutDir: dist,
      full: false,
      log: quiet,
    })

    expect([next.rendered, next.reused]).toEqual([1, total - 1])
    expect(next.warnings.filter((w) => w.field === 'hero')).toEqual([])
    const [before, after] = await Promise.all([inodes(dist), inodes(staging)])
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    const rewritten = [...after].filter(([file, inode]) => before.get(file) !== inode).map(([file]) => file)
    expect(rewritten.sort()).toEqual([
      'site/social/article/loen-stiger-2026/da/og.png',
      'social/.cache.json',
      'social/article/loen-stiger-2026/da/og.png',
      'social/article/loen-stiger-2026/da/post.txt',
      'social/article/loen-stiger-2026/da/square.png',
      'social/article/loen-stiger-2026/da/story.png',
    ])
  })
})
