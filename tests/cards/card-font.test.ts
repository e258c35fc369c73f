/** The Organisation chooses the cards' typeface; choosing another redraws every card in it. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildCards } from '../../channels/cards/build-cards.ts'
import { renderCardSvg } from '../../channels/cards/render-card.ts'
import { CARD_FORMATS } from '../../templates/cards/formats.ts'
import type { CardBrand } from '../../templates/cards/view.ts'
import { fixtureWith, loadFixture, ocr, quiet, removeTempDirs, tempDir } from './helpers.ts'

afterAll(removeTempDirs)

describe('card font from the Organisation', () => {
  it('lays the text out in the chosen font, with the Nordic letters', async () => {
    const brand: CardBrand = {
      name: 'Fællesforbundet',
      shortName: 'FAF',
      colours: { primary: '#b3123b', accent: '#1d4e89', text: '#1a1a1a', background: '#ffffff' },
      logo: null,
      siteHost: 'faf.example.org',
      font: 'noto-serif',
    }
    const view = {
      kind: 'article',
      title: 'Ŋuorra čoahkkin: æøå äö ðŧ',
      topic: 'Løn',
      date: '1. marts 2026',
      hasHero: false,
    } as const
    const serif = await renderCardSvg(view, brand, CARD_FORMATS[0], false)
    expect(serif.toLowerCase()).toContain('font-family="noto serif latin')
    expect(serif.toLowerCase()).not.toContain('noto sans')
    const sans = await renderCardSvg(view, { ...brand, font: 'noto-sans' }, CARD_FORMATS[0], false)
    expect(sans.toLowerCase()).toContain('font-family="noto sans latin')
    expect(sans.toLowerCase()).not.toContain('noto serif')
  })

  it('redraws every card when the font changes, and the title still reads', async () => {
    const loaded = await loadFixture()
    const total =
      loaded.snapshot.articles.length + loaded.snapshot.benefits.length + loaded.snapshot.campaigns.length
    const out = await tempDir('font')
    const og = path.join(out, 'social/article/loen-stiger-2026/da/og.png')
    expect(loaded.snapshot.organisation.cardFont).toBe('noto-sans')
    await buildCards({ loaded, outDir: out, full: false, log: quiet })
    const sansCard = await readFile(og)

    const serif = await fixtureWith((s) => (s.organisation.cardFont = 'noto-serif'))
    const redrawn = await buildCards({ loaded: serif, outDir: out, full: false, log: quiet })
    expect([redrawn.rendered, redrawn.reused]).toEqual([total, 0])
    expect((await readFile(og)).equals(sansCard)).toBe(false)
    const title = serif.snapshot.articles.find(
      (a) => a.slug === 'loen-stiger-2026' && a.locale === 'da',
    )!.title
    const text = (await ocr(og)).toLowerCase()
    for (const word of title
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => /^[a-zæøå]{4,}$/.test(w)))
      expect(text).toContain(word)
  })
})
