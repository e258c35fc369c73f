/** What an editor finds in `<out>/social/` after a run on the fixture snapshot. */
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCards, type CardsResult } from '../../channels/cards/build-cards.ts'
import { POST_TEXT_LIMIT, postLength } from '../../channels/cards/post-text.ts'
import { loadFixture, ocr, quiet, tempDir, removeTempDirs } from './helpers.ts'

afterAll(removeTempDirs)

let out: string
let result: CardsResult
let expected: string[]

beforeAll(async () => {
  const loaded = await loadFixture()
  out = await tempDir('output')
  result = await buildCards({ loaded, outDir: out, full: false, log: quiet })
  const s = loaded.snapshot
  expected = [
    ...s.articles.map((a) => `article/${a.slug}/${a.locale}`),
    ...s.benefits.map((b) => `benefit/${b.slug}/${b.locale}`),
    ...s.campaigns.map((c) => `campaign/${c.slug}/${c.locale}`),
  ]
})

describe('cards from the fixture snapshot', () => {
  it('makes og 1200×630, square 1080×1080 and story 1080×1920 PNGs for every published article, benefit and campaign per locale', async () => {
    expect(result.rendered).toBe(expected.length)
    expect(expected).toContain('article/hostile/da')
    expect(expected).toContain('campaign/hverveuge-2025/da')
    for (const folder of expected) {
      for (const [name, width, height] of [
        ['og', 1200, 630],
        ['square', 1080, 1080],
        ['story', 1080, 1920],
      ] as const) {
        const meta = await sharp(path.join(out, 'social', folder, `${name}.png`)).metadata()
        expect({ folder, name, format: meta.format, width: meta.width, height: meta.height }).toEqual({
          folder,
          name,
          format: 'png',
          width,
          height,
        })
      }
    }
  })

  it('reports the benefit without a partner, naming the document', () => {
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ document: 'benefits/studierabat-boeger (da)', field: 'partner' }),
    )
    expect(result.warnings.filter((w) => w.message.startsWith('card not made'))).toEqual([])
  })

  it('writes a post text per card: title, summary within the platform limit, and the page link', async () => {
    const da = await readFile(path.join(out, 'social/article/loen-stiger-2026/da/post.txt'), 'utf8')
    expect(da.startsWith('Lønnen stiger 4,5 % over to år\n\n')).toBe(true)
    expect(da.trimEnd().endsWith('\n\nhttps://faf.example.org/artikler/loen-stiger-2026/')).toBe(true)
    const en = await readFile(path.join(out, 'social/article/student-job-rights/en/post.txt'), 'utf8')
    expect(en).toContain('https://faf.example.org/en/artikler/student-job-rights/')
    expect(await readFile(path.join(out, 'social/benefit/indboforsikring/da/post.txt'), 'utf8')).toContain(
      'https://faf.example.org/fordele/indboforsikring/',
    )
    expect(await readFile(path.join(out, 'social/campaign/stem-ok26/da/post.txt'), 'utf8')).toContain(
      'https://faf.example.org/kampagner/stem-ok26/',
    )
    for (const folder of expected) {
      const text = await readFile(path.join(out, 'social', folder, 'post.txt'), 'utf8')
      expect(postLength(text.trimEnd())).toBeLessThanOrEqual(POST_TEXT_LIMIT)
      expect(text).not.toMatch(/undefined|NaN|\[object Object\]|\u0007/)
    }
  })

  it("writes a campaign's own per-platform post beside its cards, with the link", async () => {
    const dir = path.join(out, 'social/campaign/stem-ok26/da')
    expect(await readFile(path.join(dir, 'post-facebook.txt'), 'utf8')).toBe(
      'Stem om OK26 nu!\n\nhttps://faf.example.org/kampagner/stem-ok26/\n',
    )
    // Only the platforms the editors wrote for; articles and benefits have none.
    expect((await readdir(dir)).filter((f) => f.startsWith('post-'))).toEqual(['post-facebook.txt'])
    expect(
      (await readdir(path.join(out, 'social/article/loen-stiger-2026/da'))).filter((f) =>
        f.startsWith('post-'),
      ),
    ).toEqual([])
  })

  it('draws the hostile article (markup, emoji, BEL) as text, without crashing', async () => {
    const file = path.join(out, 'social/article/hostile/da/og.png')
    expect((await stat(file)).size).toBeGreaterThan(10_000)
    const text = await ocr(file)
    expect(text).toContain('script')
    expect(text).toContain('Føroyar')
  })

  it('has a title OCR can read back, æøå included, with its date', async () => {
    const read = (file: string) => ocr(path.join(out, 'social', file)).then((text) => text.toLowerCase())
    const [da, story, campaign, benefit] = await Promise.all([
      read('article/loen-stiger-2026/da/og.png'),
      read('article/studiejob-rettigheder/da/story.png'),
      read('campaign/stem-ok26/da/square.png'),
      read('benefit/indboforsikring/da/og.png'),
    ])
    // Letter case is OCR's weakest point on bold text; the words and their letters are what matter.
    for (const word of ['lønnen', 'stiger', '4,5', 'over', 'år', 'februar', '2026'])
      expect(da).toContain(word)
    for (const word of ['dine', 'rettigheder', 'studiejob']) expect(story).toContain(word)
    for (const word of ['stem om ok26', 'stem nu', 'slutter', 'december']) expect(campaign).toContain(word)
    for (const word of ['billigere', 'indboforsikring', '20 % rabat', 'nordisk forsikring'])
      expect(benefit).toContain(word)
  })
})
