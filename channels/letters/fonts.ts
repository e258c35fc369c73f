/**
 * Letter fonts: Noto Sans from @fontsource. Its WOFF files are split by Unicode subset: `latin`
 * covers Danish/Norwegian/Swedish/Icelandic (æøå äö ð þ) but not ŋ đ ž č š (Sámi, names from
 * eastern Europe), which live in `latin-ext`. We register both and pick per character, using the
 * package's own `unicode.json` ranges. Characters in neither subset cannot be printed: the caller
 * rejects the row (member data) or fails the run (letter text) instead of printing a blank box.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

/** `mono`: Noto Sans Mono, for code (same subsets as Noto Sans, so the per-character choice holds). */
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono'
export type FontSubset = 'latin' | 'latin-ext'
export const FONT_SUBSETS: readonly FontSubset[] = ['latin', 'latin-ext']
const require = createRequire(import.meta.url)
const packageDir = path.dirname(require.resolve('@fontsource/noto-sans/package.json'))
const monoPackageDir = path.dirname(require.resolve('@fontsource/noto-sans-mono/package.json'))
const STYLE_FILE: Record<FontStyle, { dir: string; family: string; weight: string }> = {
  regular: { dir: packageDir, family: 'noto-sans', weight: '400-normal' },
  bold: { dir: packageDir, family: 'noto-sans', weight: '700-normal' },
  italic: { dir: packageDir, family: 'noto-sans', weight: '400-italic' },
  boldItalic: { dir: packageDir, family: 'noto-sans', weight: '700-italic' },
  mono: { dir: monoPackageDir, family: 'noto-sans-mono', weight: '400-normal' },
}

/** pdfkit font name for a style in a subset, e.g. `bold/latin-ext`. */
export function fontName(style: FontStyle, subset: FontSubset): string {
  return `${style}/${subset}`
}

/** Every font file a letter may use, as pdfkit names → bytes (read once per process). */
let fontFiles: Map<string, Buffer> | undefined
export function letterFontFiles(): Map<string, Buffer> {
  if (!fontFiles) {
    fontFiles = new Map()
    for (const style of Object.keys(STYLE_FILE) as FontStyle[]) {
      for (const subset of FONT_SUBSETS) {
        const { dir, family, weight } = STYLE_FILE[style]
        fontFiles.set(
          fontName(style, subset),
          readFileSync(path.join(dir, 'files', `${family}-${subset}-${weight}.woff`)),
        )
      }
    }
  }
  return fontFiles
}

type Range = [number, number]
function parseRanges(spec: string): Range[] {
  return spec.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-')
    return [parseInt(from, 16), parseInt(to ?? from, 16)] as Range
  })
}

let coverage: Array<{ subset: FontSubset; ranges: Range[] }> | undefined
function subsetCoverage(): Array<{ subset: FontSubset; ranges: Range[] }> {
  if (!coverage) {
    const unicode = JSON.parse(readFileSync(path.join(packageDir, 'unicode.json'), 'utf8')) as Record<
      string,
      string
    >
    coverage = FONT_SUBSETS.map((subset) => ({ subset, ranges: parseRanges(unicode[subset]) }))
  }
  return coverage
}

/** The first subset whose font has the character, or null when no letter font can print it. */
export function subsetFor(codePoint: number): FontSubset | null {
  for (const { subset, ranges } of subsetCoverage()) {
    if (ranges.some(([from, to]) => codePoint >= from && codePoint <= to)) return subset
  }
  return null
}

/** Characters of `text` no letter font covers (deduplicated), e.g. for a rejection reason. */
export function unprintableCharacters(text: string): string[] {
  const missing = new Set<string>()
  for (const char of text) if (subsetFor(char.codePointAt(0) ?? 0) === null) missing.add(char)
  return [...missing]
}

/** `U+1F600` style label that names a character without printing member data around it. */
export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}

/** Splits text into runs that one font subset can print. Unprintable characters are dropped. */
export function splitBySubset(text: string): Array<{ subset: FontSubset; text: string }> {
  const runs: Array<{ subset: FontSubset; text: string }> = []
  for (const char of text) {
    // Spaces stay with the run they follow: pdfkit measures and caches per space-separated word.
    const subset =
      char === ' ' && runs.length > 0 ? runs[runs.length - 1].subset : subsetFor(char.codePointAt(0) ?? 0)
    if (subset === null) continue
    const last = runs[runs.length - 1]
    if (last && last.subset === subset) last.text += char
    else runs.push({ subset, text: char })
  }
  return runs
}
