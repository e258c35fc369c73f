/** Loads the card font files from the npm package once per process. */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Font } from 'satori'
import { FONT_PACKAGE, FONT_SUBSETS, FONT_WEIGHTS, fontFamilyName } from '../../templates/cards/font.ts'

export interface CardFonts {
  fonts: Font[]
  /** Hash of every font file: a font update redraws every card. */
  hash: string
}

let loading: Promise<CardFonts> | undefined

export function loadCardFonts(): Promise<CardFonts> {
  loading ??= readFonts()
  return loading
}

async function readFonts(): Promise<CardFonts> {
  const require = createRequire(import.meta.url)
  const filesDir = path.join(path.dirname(require.resolve(`${FONT_PACKAGE}/package.json`)), 'files')
  const hash = createHash('sha256')
  const fonts: Font[] = []
  for (const subset of FONT_SUBSETS) {
    for (const weight of FONT_WEIGHTS) {
      const file = path.join(filesDir, `noto-sans-${subset}-${weight}-normal.woff2`)
      const data = await readFile(file).catch((error: Error) => {
        throw new Error(`cards: font file ${file} missing (is ${FONT_PACKAGE} installed?): ${error.message}`)
      })
      hash.update(data)
      fonts.push({ name: fontFamilyName(subset), data, weight, style: 'normal' })
    }
  }
  return { fonts, hash: hash.digest('hex') }
}
