/**
 * Draws one card in one format: satori lays the layout out to SVG (text as paths, so nothing in the
 * text can become markup), sharp rasterises it to PNG, over the hero photo when there is one.
 */
import satori from 'satori'
import sharp from 'sharp'
import { cardLayout } from '../../templates/cards/index.tsx'
import type { CardFormat } from '../../templates/cards/formats.ts'
import { heroOverlaySvg } from '../../templates/cards/hero-overlay.ts'
import type { CardBrand, CardView } from '../../templates/cards/view.ts'
import { loadCardFonts } from './fonts.ts'

/**
 * Shown for emoji (the font has none): a clear, neutral box that reads on dark and light cards,
 * so an emoji is visibly "something here" rather than silently dropped.
 */
const EMOJI_PLACEHOLDER = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect x="8" y="8" width="84" height="84" rx="18" fill="#ffffff" fill-opacity="0.9" stroke="#444444" stroke-width="8"/><circle cx="50" cy="50" r="14" fill="#444444"/></svg>',
).toString('base64')}`

export interface RenderedCard {
  png: Buffer
  satoriMs: number
  sharpMs: number
}

/**
 * Satori's SVG for a card; scripts the fonts lack come out as the font's visible "missing glyph" box.
 * Text is drawn as paths; `textAsPaths: false` keeps it as `<text>` (for tests that read it back).
 */
export async function renderCardSvg(view: CardView, brand: CardBrand, format: CardFormat, textAsPaths = true): Promise<string> {
  const { fonts } = await loadCardFonts()
  const svg = await satori(cardLayout(view, brand, format), {
    width: format.width,
    height: format.height,
    fonts,
    embedFont: textAsPaths,
    loadAdditionalAsset: async (languageCode) => (languageCode === 'emoji' ? EMOJI_PLACEHOLDER : []),
  })
  return dropImageClipping(svg)
}

/**
 * Satori wraps every `<image>` in a clip path and a mask the size of the image's own box. The card
 * layouts never crop or round an image (no objectFit, no borderRadius on <img>), so both are no-ops,
 * yet librsvg renders each mask offscreen: measured, they made a card with a logo ~4x slower to rasterise.
 */
function dropImageClipping(svg: string): string {
  return svg.replace(/<image [^>]*>/g, (tag) => tag.replace(/ (?:clip-path|mask)="url\(#satori_[^)]*\)"/g, ''))
}

/** sharp's default zlib level; see the cards bench before changing it (speed against file size). */
const PNG_OPTIONS = { compressionLevel: 6 } as const

/** A hero photo as the renderer takes it: its bytes and a content hash (to share work between cards). */
export interface HeroPhoto {
  data: Buffer
  hash: string
}

interface RawImage {
  data: Buffer
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 }
}

/**
 * Photos cropped to a format and darkened, as raw pixels. An article's photo serves its cards in
 * every locale; decoding, cropping and blending the overlay once per photo and format was measured
 * several times cheaper than doing it in each card's pipeline. Kept small: a story base is ~6 MB.
 */
const heroBases = new Map<string, Promise<RawImage>>()
const HERO_BASES_KEPT = 12

function heroBase(hero: HeroPhoto, format: CardFormat): Promise<RawImage> {
  const key = `${hero.hash}:${format.name}`
  let base = heroBases.get(key)
  if (base) {
    heroBases.delete(key)
    heroBases.set(key, base)
    return base
  }
  base = (async () => {
    const overlay = await sharp(Buffer.from(heroOverlaySvg(format))).png({ compressionLevel: 0 }).toBuffer()
    const cropped = await sharp(hero.data).rotate().resize(format.width, format.height, { fit: 'cover', position: 'centre' }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    const { data, info } = await sharp(cropped.data, { raw: cropped.info }).composite([{ input: overlay }]).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    return { data, info: { width: info.width, height: info.height, channels: info.channels } }
  })()
  // A photo that cannot be decoded must not stay cached as a rejected promise for the next card.
  base.catch(() => heroBases.delete(key))
  heroBases.set(key, base)
  if (heroBases.size > HERO_BASES_KEPT) heroBases.delete(heroBases.keys().next().value as string)
  return base
}

/** PNG from the SVG; with a hero, the card is laid over the cropped, darkened photo. */
export async function rasteriseCard(svg: string, format: CardFormat, hero: HeroPhoto | null): Promise<Buffer> {
  const card = Buffer.from(svg)
  if (!hero) return sharp(card).png(PNG_OPTIONS).toBuffer()
  const base = await heroBase(hero, format)
  return sharp(base.data, { raw: base.info }).composite([{ input: card }]).png(PNG_OPTIONS).toBuffer()
}

export async function renderCard(view: CardView, brand: CardBrand, format: CardFormat, hero: HeroPhoto | null): Promise<RenderedCard> {
  const t0 = performance.now()
  const svg = await renderCardSvg(view, brand, format)
  const t1 = performance.now()
  const png = await rasteriseCard(svg, format, hero)
  return { png, satoriMs: t1 - t0, sharpMs: performance.now() - t1 }
}
