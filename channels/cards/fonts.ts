/** Loads a card font's files from its npm package, once per process and font. */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Font } from 'satori'
import type { CardFontId } from '../snapshot/schema.ts'
import { CARD_FONTS, FONT_SUBSETS, FONT_WEIGHTS, fontFamilyName } from '../../templates/cards/font.ts'

export interface CardFonts {
  fonts: Font[]
  /** Hash of every font file: a font update redraws every card. */
  hash: string
}

const loading = new Map<CardFontId, Promise<CardFonts>>()

export function loadCardFonts(font: CardFontId): Promise<CardFonts> {
  let fonts = loading.get(font)
  if (!fonts) {
    fonts = readFonts(font)
    loading.set(font, fonts)
  }
  return fonts
}

async function readFonts(font: CardFontId): Promise<CardFonts> {
  const { package: fontPackage, filePrefix } = CARD_FONTS[font]
  const require = createRequire(import.meta.url)
  const filesDir = path.join(path.dirname(require.resolve(`${fontPackage}/package.json`)), 'files')
  const hash = createHash('sha256')
  const fonts: Font[] = []
  for (const subset of FONT_SUBSETS) {
    for (const weight of FONT_WEIGHTS) {
      const file = path.join(filesDir, `${filePrefix}-${subset}-${weight}-normal.woff2`)
      const data = await readFile(file).catch((error: Error) => {
        throw new Error(`cards: font file ${file} missing (is ${fontPackage} installed?): ${error.message}`)
      })
      hash.update(data)
      fonts.push({ name: fontFamilyName(font, subset), data, weight, style: 'normal' })
    }
  }
  return { fonts, hash: hash.digest('hex') }
}
