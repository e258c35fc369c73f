/**
 * The card fonts, chosen in the Organisation global: Noto Sans or Noto Serif from Fontsource's npm
 * packages (both cover æøå äö and the Sámi and Faroese letters in latin-ext). Fontsource splits a font
 * into unicode subsets; satori only falls back between fonts of different family names, so each subset is
 * registered under its own name and the layouts list them all (latin-ext holds ŋ đ ŧ ž č š).
 */
import type { CardFontId } from '../../channels/snapshot/schema.ts'

export const CARD_FONTS: Record<CardFontId, { package: string; filePrefix: string; family: string }> = {
  'noto-sans': { package: '@fontsource/noto-sans', filePrefix: 'noto-sans', family: 'Noto Sans' },
  'noto-serif': { package: '@fontsource/noto-serif', filePrefix: 'noto-serif', family: 'Noto Serif' },
}
export const FONT_SUBSETS = ['latin', 'latin-ext', 'greek', 'cyrillic'] as const
export const FONT_WEIGHTS = [400, 700] as const

export function fontFamilyName(font: CardFontId, subset: (typeof FONT_SUBSETS)[number]): string {
  return `${CARD_FONTS[font].family} ${subset}`
}

/** The CSS font-family list for a card in `font`: every subset, latin first. */
export function cardFontStack(font: CardFontId): string {
  return FONT_SUBSETS.map((subset) => `'${fontFamilyName(font, subset)}'`).join(', ')
}
