/**
 * The card font: Noto Sans from @fontsource/noto-sans. Fontsource splits it into unicode subsets;
 * satori only falls back between fonts of different family names, so each subset is registered
 * under its own name and the layouts list them all (latin-ext holds the Sámi letters ŋ đ ŧ ž č š).
 */
export const FONT_PACKAGE = '@fontsource/noto-sans'
export const FONT_SUBSETS = ['latin', 'latin-ext', 'greek', 'cyrillic'] as const
export const FONT_WEIGHTS = [400, 700] as const

export function fontFamilyName(subset: (typeof FONT_SUBSETS)[number]): string {
  return `Noto Sans ${subset}`
}

export const CARD_FONT_STACK = FONT_SUBSETS.map((s) => `'${fontFamilyName(s)}'`).join(', ')
