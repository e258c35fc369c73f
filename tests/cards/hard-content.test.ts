/** Content that tries to break a card: very long and emoji-only titles, missing and broken photos. */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { buildCards } from '../../channels/cards/build-cards.ts'
import { EMOJI_PLACEHOLDER } from '../../channels/cards/emoji.ts'
import { renderCardSvg } from '../../channels/cards/render-card.ts'
import type { LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { CARD_FORMATS } from '../../templates/cards/formats.ts'
import type { CardBrand } from '../../templates/cards/view.ts'
import { fixtureWith, loadFixture, quiet, tempDir, removeTempDirs } from './helpers.ts'

afterAll(removeTempDirs)

const twemojiDir = path.dirname(createRequire(import.meta.url).resolve('@twemoji/svg/package.json'))

const brand: CardBrand = {
  name: 'Fællesforbundet',
  shortName: 'FAF',
  colours: { primary: '#b3123b', accent: '#1d4e89', text: '#1a1a1a', background: '#ffffff' },
  logo: null,
  siteHost: 'faf.example.org',
  font: 'noto-sans',
}

interface SvgText {
  y: number
  size: number
  text: string
}

/** Every word satori placed, with its position (text kept as `<text>`, not paths). */
function textsOf(svg: string): SvgText[] {
  return [
    ...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)"[^>]*font-size="([\d.]+)"[^>]*>([^<]*)<\/text>/g),
  ].map((m) => ({ y: Number(m[1]), size: Number(m[2]), text: m[3] }))
}

async function articleSvg(title: string, formatIndex = 0): Promise<{ texts: SvgText[]; svg: string }> {
  const svg = await renderCardSvg(
    { kind: 'article', title, topic: 'Løn', date: '1. januar 2026', hasHero: false },
    brand,
    CARD_FORMATS[formatIndex],
    false,
  )
  return { svg, texts: textsOf(svg) }
}

describe('long titles', () => {
  const words = [
    'Overenskomstforhandlingerne',
    'for',
    'butiksansatte',
    'og',
    'lagerarbejdere',
    'fortsætter',
    'på',
    'fredag',
    'med',
    'løn,',
    'pension',
    'og',
    'frihed',
  ]
  const titleOf = (length: number) => {
    let title = ''
    for (let i = 0; title.length < length; i++) title += `${words[i % words.length]} `
    return title.slice(0, length).trim()
  }

  it('shrink, then end with an ellipsis, never running into the date line or cutting a word', async () => {
    for (const [index, format] of CARD_FORMATS.entries()) {
      for (const length of [400, 2000]) {
        const title = titleOf(length)
        const { texts } = await articleSvg(title, index)
        const date = texts.find((t) => t.text === '2026')
        expect(date, `${format.name}: date line drawn`).toBeDefined()
        const headline = texts.filter((t) => t.size > date!.size + 2 && t.text !== brand.shortName)
        expect(headline.length, `${format.name} ${length}`).toBeGreaterThan(10)
        // Smaller than the largest headline size: the title was shrunk to fit.
        expect(headline[0].size).toBeLessThan(60)
        const lowest = Math.max(...headline.map((t) => t.y))
        expect(lowest + headline[0].size, `${format.name} ${length}: headline above the date`).toBeLessThan(
          date!.y,
        )
        // Whole words (satori splits punctuation off); only the word before the ellipsis may be shortened, as in CSS.
        const tokens = new Set(
          title
            .split(/\s+/)
            .flatMap((t) => [t, t.replace(/[,.]$/, ''), t.slice(-1)])
            .concat(''),
        )
        for (const word of headline) {
          const text = word.text.trim()
          if (text.endsWith('…'))
            expect(
              [...tokens].some((t) => t.startsWith(text.slice(0, -1))),
              `${format.name} ${length}: ${text}`,
            ).toBe(true)
          else expect(tokens, `${format.name} ${length}`).toContain(text)
        }
        if (length === 2000)
          expect(headline.at(-1)!.text.endsWith('…'), `${format.name}: ellipsis`).toBe(true)
      }
    }
  })

  it('a 400-character title renders in every format', async () => {
    const loaded = await fixtureWith((s) => {
      s.articles[0].title = titleOf(400)
    })
    const out = await tempDir('long')
    const result = await buildCards({ loaded, outDir: out, full: false, log: quiet })
    expect(result.warnings.filter((w) => w.message.startsWith('card not made'))).toEqual([])
    const a = loaded.snapshot.articles[0]
    for (const format of CARD_FORMATS) {
      const meta = await sharp(
        path.join(out, 'social/article', a.slug, a.locale, `${format.name}.png`),
      ).metadata()
      expect([meta.width, meta.height]).toEqual([format.width, format.height])
    }
  })
})

describe('emoji and scripts the font lacks', () => {
  it('an emoji-only title renders every emoji in colour (Twemoji), one newer than Twemoji as a visible placeholder', async () => {
    // 🫩 (Unicode 16) is newer than the Twemoji release installed.
    const { svg } = await articleSvg('🎉✊🏽👩‍👩‍👧❤️🫩')
    const images = [...svg.matchAll(/<image [^>]*href="([^"]*)"/g)].map((m) => m[1])
    const twemoji = async (file: string) =>
      `data:image/svg+xml;base64,${(await readFile(path.join(twemojiDir, file))).toString('base64')}`
    expect(images).toEqual([
      await twemoji('1f389.svg'),
      await twemoji('270a-1f3fd.svg'),
      await twemoji('1f469-200d-1f469-200d-1f467.svg'),
      await twemoji('2764.svg'),
      EMOJI_PLACEHOLDER,
    ])

    const loaded = await fixtureWith((s) => {
      s.articles[0].title = '🎉✊🏽👩‍👩‍👧'
    })
    const out = await tempDir('emoji')
    const result = await buildCards({ loaded, outDir: out, full: false, log: quiet })
    expect(result.warnings.filter((w) => w.message.startsWith('card not made'))).toEqual([])
    expect(result.rendered).toBe(
      loaded.snapshot.articles.length + loaded.snapshot.benefits.length + loaded.snapshot.campaigns.length,
    )
    // The PNG shows the party popper's yellow, a colour nowhere else on this card (brand red, white text).
    const { data } = await sharp(
      path.join(
        out,
        'social/article',
        loaded.snapshot.articles[0].slug,
        loaded.snapshot.articles[0].locale,
        'og.png',
      ),
    )
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
    let yellow = 0
    for (let i = 0; i < data.length; i += 3)
      if (data[i] > 240 && data[i + 1] > 190 && data[i + 1] < 215 && data[i + 2] < 100) yellow++
    expect(yellow).toBeGreaterThan(50)
  })

  it('Hebrew and Chinese (not in the font) render as boxes instead of failing', async () => {
    const { texts } = await articleSvg('Løn עברית 中文 ŋđŧžčš')
    expect(texts.map((t) => t.text).join('')).toContain('ŋđŧžčš')
  })
})

describe('hero photos', () => {
  /** The fixture copied, with one hero photo missing and one that is not an image. */
  async function damagedFixture(): Promise<LoadedSnapshot> {
    const base = await loadFixture()
    const dir = await tempDir('damaged')
    await mkdir(path.join(dir, 'media'))
    for (const file of await readdir(path.join(base.dir, 'media')))
      await copyFile(path.join(base.dir, 'media', file), path.join(dir, 'media', file))
    const articles = base.snapshot.articles
    const missing = articles.find((a) => a.slug === 'studiejob-rettigheder')!
    const broken = articles.find((a) => a.slug === 'loen-stiger-2026')!
    missing.hero = { ...missing.hero!, file: 'media/gone.jpg' }
    await writeFile(path.join(dir, 'media/pay-talks.jpg'), Buffer.from('\xff\xd8 not really a jpeg'))
    expect(broken.hero?.file).toBe('media/pay-talks.jpg')
    return { snapshot: base.snapshot, dir }
  }

  it('a missing or broken photo gives a warning and a card in the brand colour without it', async () => {
    const loaded = await damagedFixture()
    const out = await tempDir('hero')
    const result = await buildCards({ loaded, outDir: out, full: false, log: quiet })
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        document: 'articles/studiejob-rettigheder (da)',
        field: 'hero',
        message: expect.stringContaining('not found'),
      }),
    )
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ document: 'articles/loen-stiger-2026 (da)', field: 'hero' }),
    )
    const pixel = async (folder: string) => {
      const { data } = await sharp(path.join(out, 'social', folder, 'og.png'))
        .extract({ left: 600, top: 200, width: 1, height: 1 })
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true })
      return `#${[...data].map((v) => v.toString(16).padStart(2, '0')).join('')}`
    }
    expect(await pixel('article/loen-stiger-2026/da')).toBe('#b3123b')
    expect(await pixel('article/studiejob-rettigheder/da')).toBe('#b3123b')
    // A photo that is there is drawn (darkened), so the same spot is not the brand colour.
    expect(await pixel('article/ok26-afstemning/da')).not.toBe('#b3123b')
  })
})
