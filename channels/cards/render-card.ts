/**
 * Draws one card in one format: satori lays the layout out to SVG (text as paths, so nothing in the
 * text can become markup), sharp rasterises it to PNG, over the hero photo when there is one.
 */
import satori from 'satori'
import sharp from 'sharp'
import { cardLayout } from '../../templates/cards/index.tsx'
import { CARD_FORMATS, type CardFormat } from '../../templates/cards/formats.ts'
import { heroOverlaySvg } from '../../templates/cards/hero-overlay.ts'
import type { CardBrand, CardView } from '../../templates/cards/view.ts'
import { emojiImage } from './emoji.ts'
import { loadCardFonts } from './fonts.ts'

export interface RenderedCard {
  png: Buffer
  satoriMs: number
  sharpMs: number
}

/**
 * Satori's SVG for a card. Emoji are Twemoji images (emoji.ts); other scripts the fonts lack come out
 * as the font's visible "missing glyph" box.
 * Text is drawn as paths; `textAsPaths: false` keeps it as `<text>` (for tests that read it back).
 */
export async function renderCardSvg(
  view: CardView,
  brand: CardBrand,
  format: CardFormat,
  textAsPaths = true,
): Promise<string> {
  const { fonts } = await loadCardFonts(brand.font)
  const svg = await satori(cardLayout(view, brand, format), {
    width: format.width,
    height: format.height,
    fonts,
    embedFont: textAsPaths,
    loadAdditionalAsset: async (languageCode, segment) =>
      languageCode === 'emoji' ? emojiImage(segment) : [],
  })
  return dropImageClipping(svg)
}

/**
 * Satori wraps every `<image>` in a clip path and a mask the size of the image's own box. The card
 * layouts never crop or round an image (no objectFit, no borderRadius on <img>), so both are no-ops,
 * yet librsvg renders each mask offscreen: measured, they made a card with a logo ~4x slower to rasterise.
 */
function dropImageClipping(svg: string): string {
  return svg.replace(/<image [^>]*>/g, (tag) =>
    tag.replace(/ (?:clip-path|mask)="url\(#satori_[^)]*\)"/g, ''),
  )
}

/**
 * zlib level 4 without PNG row filters: pixels are the same at any level (PNG is lossless); level 6
 * (sharp's default) spent ~35 % more time encoding for files only ~5-8 % smaller, and row filters
 * made photo cards ~20 % smaller at 3-4× the encoding time. See the cards bench before changing it.
 */
const PNG_OPTIONS = { compressionLevel: 4, adaptiveFiltering: false } as const

/** A hero photo as the renderer takes it: a content hash (to share work between cards) and how to read its bytes. */
export interface HeroPhoto {
  hash: string
  /** Called only when the photo is not decoded already. */
  read: () => Promise<Buffer>
}

interface RawImage {
  data: Buffer
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 }
}

/** A small least-recently-used map of pending work: a rejected entry is dropped, so the next card tries again. */
class RecentWork<T> {
  private readonly entries = new Map<string, Promise<T>>()
  constructor(private readonly kept: number) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    let value = this.entries.get(key)
    if (value) {
      this.entries.delete(key)
    } else {
      value = make()
      value.catch(() => {
        if (this.entries.get(key) === value) this.entries.delete(key)
      })
    }
    this.entries.set(key, value)
    if (this.entries.size > this.kept) this.entries.delete(this.entries.keys().next().value as string)
    return value
  }
}

/**
 * Photos decoded once (turned upright, without alpha) and then cropped for each format: the locales
 * of one document share a photo, and a document's cards are drawn one after the other. A very large
 * photo is first brought down to twice what the largest format needs (a story is 1,920 pixels high),
 * which bounds memory without visible loss; the last two decoded photos are kept.
 */
const decodedPhotos = new RecentWork<RawImage>(2)
const LARGEST_NEED = {
  width: 2 * Math.max(...CARD_FORMATS.map((f) => f.width)),
  height: 2 * Math.max(...CARD_FORMATS.map((f) => f.height)),
}

function decodedPhoto(hero: HeroPhoto): Promise<RawImage> {
  return decodedPhotos.get(hero.hash, async () => {
    const { data, info } = await sharp(await hero.read())
      .rotate()
      .resize({ ...LARGEST_NEED, fit: 'outside', withoutEnlargement: true })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
    return { data, info: { width: info.width, height: info.height, channels: info.channels } }
  })
}

/**
 * Photos cropped to a format and darkened, as raw RGB pixels. An article's photo serves its cards in
 * every locale; cropping and blending the overlay once per photo and format was measured several
 * times cheaper than doing it in each card's pipeline. Kept small: a story base is ~6 MB.
 */
const heroBases = new RecentWork<RawImage>(12)

function heroBase(hero: HeroPhoto, format: CardFormat): Promise<RawImage> {
  return heroBases.get(`${hero.hash}:${format.name}`, async () => {
    const photo = await decodedPhoto(hero)
    const overlay = await sharp(Buffer.from(heroOverlaySvg(format)))
      .png({ compressionLevel: 0 })
      .toBuffer()
    const cropped = await sharp(photo.data, { raw: photo.info })
      .resize(format.width, format.height, { fit: 'cover', position: 'centre' })
      .raw()
      .toBuffer({ resolveWithObject: true })
    const { data, info } = await sharp(cropped.data, { raw: cropped.info })
      .composite([{ input: overlay }])
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
    if (info.channels !== 3) throw new Error(`hero base has ${info.channels} channels, expected 3`)
    return { data, info: { width: info.width, height: info.height, channels: 3 } }
  })
}

/**
 * The card's layer (RGBA, straight alpha, mostly transparent over a photo) laid over the opaque RGB
 * base, in integer arithmetic, written into the layer's own buffer (RGB, packed at its start): no
 * 6–8 MB buffer is allocated per card. libvips' composite converts both images to float and back,
 * which took ~20 ms for a story card; this copies the transparent runs from the base and blends only
 * the pixels the layout drew. It may differ from libvips' result by one level in a channel where the
 * layer is partly transparent (anti-aliased edges), which no one can see.
 */
export function layOver(base: Buffer, layer: Buffer, pixels: number): Buffer {
  if (base.length !== pixels * 3 || layer.length !== pixels * 4)
    throw new Error('layOver: image sizes differ')
  // Uint32Array needs 4-byte alignment; raw buffers from sharp have it, a pooled small Buffer may not.
  if (layer.byteOffset % 4 !== 0) layer = Buffer.from(layer)
  // A 32-bit zero is a fully transparent pixel whatever the byte order: the common case, one read.
  const words = new Uint32Array(layer.buffer, layer.byteOffset, pixels)
  // Pixel p is written to bytes 3p..3p+2, never past byte 4p+3, so no pixel is overwritten before it is read.
  let run = 0
  for (let p = 0; p < pixels; p++) {
    if (words[p] === 0) continue
    const l = p * 4
    const alpha = layer[l + 3]
    if (alpha === 0) continue
    if (run < p) base.copy(layer, run * 3, run * 3, p * 3)
    run = p + 1
    const o = p * 3
    const r = layer[l]
    const g = layer[l + 1]
    const b = layer[l + 2]
    if (alpha === 255) {
      layer[o] = r
      layer[o + 1] = g
      layer[o + 2] = b
      continue
    }
    const rest = 255 - alpha
    layer[o] = ((r * alpha + base[o] * rest + 127) / 255) | 0
    layer[o + 1] = ((g * alpha + base[o + 1] * rest + 127) / 255) | 0
    layer[o + 2] = ((b * alpha + base[o + 2] * rest + 127) / 255) | 0
  }
  if (run < pixels) base.copy(layer, run * 3, run * 3, pixels * 3)
  return layer.subarray(0, pixels * 3)
}

/** PNG from the SVG; with a hero, the card is laid over the cropped, darkened photo. */
export async function rasteriseCard(
  svg: string,
  format: CardFormat,
  hero: HeroPhoto | null,
): Promise<Buffer> {
  const card = Buffer.from(svg)
  if (!hero) return sharp(card).png(PNG_OPTIONS).toBuffer()
  const [base, layer] = await Promise.all([
    heroBase(hero, format),
    sharp(card).ensureAlpha().raw().toBuffer({ resolveWithObject: true }),
  ])
  if (layer.info.width !== format.width || layer.info.height !== format.height || layer.info.channels !== 4)
    throw new Error(
      `card layer is ${layer.info.width}×${layer.info.height}×${layer.info.channels}, expected ${format.width}×${format.height}×4`,
    )
  const pixels = format.width * format.height
  return sharp(layOver(base.data, layer.data, pixels), {
    raw: { width: format.width, height: format.height, channels: 3 },
  })
    .png(PNG_OPTIONS)
    .toBuffer()
}

export async function renderCard(
  view: CardView,
  brand: CardBrand,
  format: CardFormat,
  hero: HeroPhoto | null,
): Promise<RenderedCard> {
  const t0 = performance.now()
  const svg = await renderCardSvg(view, brand, format)
  const t1 = performance.now()
  const png = await rasteriseCard(svg, format, hero)
  return { png, satoriMs: t1 - t0, sharpMs: performance.now() - t1 }
}
