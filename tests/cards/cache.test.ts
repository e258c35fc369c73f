/** A publish after one edit redraws only the card that changed. */
import { readFile, stat } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildCards } from '../../channels/cards/build-cards.ts'
import { publishStep } from '../../channels/cards/publish-step.ts'
import { fixtureWith, loadFixture, quiet, tempDir, removeTempDirs } from './helpers.ts'

afterAll(removeTempDirs)

describe('card cache', () => {
  it('reuses unchanged cards, redraws the one whose title was edited, and drops cards of removed documents', async () => {
    const loaded = await loadFixture()
    const total =
      loaded.snapshot.articles.length + loaded.snapshot.benefits.length + loaded.snapshot.campaigns.length
    const out = await tempDir('cache')
    expect((await buildCards({ loaded, outDir: out, full: false, log: quiet })).rendered).toBe(total)
    const og = path.join(out, 'social/article/loen-stiger-2026/da/og.png')
    const untouched = path.join(out, 'social/article/ok26-afstemning/da/og.png')
    const before = { og: await readFile(og), untouchedTime: (await stat(untouched)).mtimeMs }

    const again = await buildCards({ loaded, outDir: out, full: false, log: quiet })
    expect([again.rendered, again.reused]).toEqual([0, total])

    const edited = await fixtureWith((s) => {
      s.articles.find((a) => a.slug === 'loen-stiger-2026')!.title = 'Lønnen stiger 5 % over to år'
      s.articles = s.articles.filter((a) => a.slug !== 'student-job-rights')
    })
    const afterEdit = await buildCards({ loaded: edited, outDir: out, full: false, log: quiet })
    expect([afterEdit.rendered, afterEdit.reused]).toEqual([1, total - 2])
    expect((await readFile(og)).equals(before.og)).toBe(false)
    expect((await stat(untouched)).mtimeMs).toBe(before.untouchedTime)
    expect(existsSync(path.join(out, 'social/article/student-job-rights'))).toBe(false)

    const full = await buildCards({ loaded: edited, outDir: out, full: true, log: quiet })
    expect([full.rendered, full.reused]).toEqual([total - 1, 0])
  })

  it('in publish, copies unchanged cards from the previous output and puts og.png into the site', async () => {
    const loaded = await loadFixture()
    const total =
      loaded.snapshot.articles.length + loaded.snapshot.benefits.length + loaded.snapshot.campaigns.length
    const finalDir = path.join(await tempDir('publish'), 'dist')
    await buildCards({ loaded, outDir: finalDir, full: false, log: quiet })
    const staging = `${finalDir}.staging-4242`
    expect(publishStep.name).toBe('cards')
    expect(publishStep.order).toBe(10)

    const result = await publishStep.run({
      loaded,
      outDir: staging,
      previousOutDir: finalDir,
      full: false,
      log: quiet,
    })
    expect([result.rendered, result.reused]).toEqual([0, total])
    for (const folder of [
      'article/ok26-afstemning/da',
      'benefit/indboforsikring/da',
      'campaign/stem-ok26/da',
    ]) {
      const copied = await readFile(path.join(staging, 'social', folder, 'og.png'))
      expect(copied.equals(await readFile(path.join(finalDir, 'social', folder, 'og.png')))).toBe(true)
      expect((await readFile(path.join(staging, 'site/social', folder, 'og.png'))).equals(copied)).toBe(true)
      expect(existsSync(path.join(staging, 'social', folder, 'square.png'))).toBe(true)
    }
  })

  it("updates a campaign's own posts without redrawing its cards: edited, cut to fit, removed", async () => {
    const loaded = await loadFixture()
    const out = await tempDir('posts')
    await buildCards({ loaded, outDir: out, full: false, log: quiet })
    const dir = path.join(out, 'social/campaign/stem-ok26/da')
    expect(existsSync(path.join(dir, 'post-facebook.txt'))).toBe(true)

    const long = 'Stem ja til den nye overenskomst, for den giver højere løn og bedre pension. '.repeat(8)
    const edited = await fixtureWith((s) => {
      s.campaigns.find((c) => c.slug === 'stem-ok26' && c.locale === 'da')!.socialPosts = [
        { platform: 'x', text: long },
      ]
    })
    const afterEdit = await buildCards({ loaded: edited, outDir: out, full: false, log: quiet })
    expect(afterEdit.rendered).toBe(0)
    expect(existsSync(path.join(dir, 'post-facebook.txt'))).toBe(false)
    const x = await readFile(path.join(dir, 'post-x.txt'), 'utf8')
    expect([...x.trimEnd()].length).toBeLessThanOrEqual(280)
    expect(x.trimEnd().endsWith('…\n\nhttps://faf.example.org/kampagner/stem-ok26/')).toBe(true)
    expect(afterEdit.warnings).toContainEqual(
      expect.objectContaining({ document: 'campaigns/stem-ok26 (da)', field: 'socialPosts[0]' }),
    )

    const removed = await fixtureWith((s) => {
      for (const c of s.campaigns) c.socialPosts = []
    })
    await buildCards({ loaded: removed, outDir: out, full: false, log: quiet })
    expect(existsSync(path.join(dir, 'post-x.txt'))).toBe(false)
    expect(existsSync(path.join(dir, 'post.txt'))).toBe(true)
  })
})
