/**
 * Chooses a font size for text in a box: the largest size in range at which the text is expected to
 * fit; below the smallest size the layout clamps the lines and satori ends the last with an ellipsis.
 * The estimate is deliberately a little pessimistic (wide average glyph), so text rarely needs the clamp.
 */
export interface FittedText {
  fontSize: number
  lineHeight: number
  /** Lines the box holds at that size: the layout's `lineClamp`. */
  maxLines: number
}

/** Average advance of Noto Sans Bold glyphs in ems, measured on Nordic headlines and rounded up. */
const AVERAGE_GLYPH_EM = 0.58

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

export function countGraphemes(text: string): number {
  let n = 0
  for (const _ of graphemes.segment(text)) n++
  return n
}

/** Lines a greedy word wrap needs when a line holds `perLine` characters; over-long words are broken. */
function estimateLines(words: number[], perLine: number): number {
  let lines = 1
  let used = 0
  for (const length of words) {
    if (used > 0 && used + 1 + length <= perLine) {
      used += 1 + length
      continue
    }
    if (used > 0) lines++
    lines += Math.floor(Math.max(0, length - 1) / perLine)
    used = length % perLine || perLine
  }
  return lines
}

export function fitText(
  text: string,
  box: { width: number; height: number },
  size: { max: number; min: number },
  lineHeight = 1.15,
): FittedText {
  const words = text.split(/\s+/).filter(Boolean).map(countGraphemes)
  const linesAt = (fontSize: number) => Math.max(1, Math.floor(box.height / (fontSize * lineHeight)))
  for (let fontSize = size.max; fontSize > size.min; fontSize -= 2) {
    const perLine = Math.max(1, Math.floor(box.width / (fontSize * AVERAGE_GLYPH_EM)))
    if (estimateLines(words, perLine) <= linesAt(fontSize))
      return { fontSize, lineHeight, maxLines: linesAt(fontSize) }
  }
  return { fontSize: size.min, lineHeight, maxLines: linesAt(size.min) }
}
