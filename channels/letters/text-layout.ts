/**
 * Line breaking for letter text: styled inline runs → lines of positioned fragments, measured with
 * the fonts the PDF will use. Left-aligned (DIN 5008), breaks at spaces, hard-breaks a word wider
 * than the column. Pure apart from the `measure` function it is given.
 */
import { fontName, splitBySubset, type FontStyle } from './fonts.ts'

export interface StyledText {
  text: string
  style: FontStyle
  /** Subscript or superscript: smaller, below or above the line (H₂O, E = mc²). */
  script?: Script
}

export type Script = 'sub' | 'sup'
/** A sub- or superscript's size relative to the text around it. */
export const SCRIPT_SCALE = 0.7

/** One piece of a line, drawn with one font: x is relative to the column's left edge (pt). */
export interface LineFragment {
  x: number
  text: string
  font: string
  script?: Script
}

export interface TextLine {
  fragments: LineFragment[]
  width: number
}

/** Width in pt of `text` in pdfkit font `font` at `size`. */
export type Measure = (text: string, font: string, size: number) => number

interface Segment {
  text: string
  font: string
  width: number
  script?: Script
}

/** Word pieces (a word may change style mid-way, e.g. bold then a comma), with a trailing space flag. */
interface Word {
  segments: Segment[]
  width: number
  spaceAfter: Segment | null
  /** Forced line break after this word. */
  breakAfter: boolean
}

function segmentsOf(
  text: string,
  style: FontStyle,
  size: number,
  measure: Measure,
  script?: Script,
): Segment[] {
  return splitBySubset(text).map((run) => {
    const font = fontName(style, run.subset)
    return {
      text: run.text,
      font,
      width: measure(run.text, font, script ? size * SCRIPT_SCALE : size),
      ...(script ? { script } : {}),
    }
  })
}

function toWords(pieces: StyledText[], size: number, measure: Measure): Word[] {
  const words: Word[] = []
  let current: Word | null = null
  const close = () => {
    if (current) words.push(current)
    current = null
  }
  for (const piece of pieces) {
    if (piece.text === '\n') {
      if (!current) current = { segments: [], width: 0, spaceAfter: null, breakAfter: true }
      current.breakAfter = true
      close()
      continue
    }
    for (const part of piece.text.split(/( +)/)) {
      if (!part) continue
      if (part.startsWith(' ')) {
        if (current) {
          const w: Word = current
          w.spaceAfter = segmentsOf(' ', piece.style, size, measure)[0]
          close()
        }
        continue
      }
      if (!current) current = { segments: [], width: 0, spaceAfter: null, breakAfter: false }
      for (const segment of segmentsOf(part, piece.style, size, measure, piece.script)) {
        current.segments.push(segment)
        current.width += segment.width
      }
    }
  }
  close()
  return words
}

/** Splits a word wider than the column into pieces that fit (character by character). */
function hardBreak(word: Word, width: number, size: number, measure: Measure): Word[] {
  const out: Word[] = []
  let piece: Word = { segments: [], width: 0, spaceAfter: null, breakAfter: false }
  for (const segment of word.segments) {
    for (const char of segment.text) {
      const w = measure(char, segment.font, segment.script ? size * SCRIPT_SCALE : size)
      if (piece.width + w > width && piece.segments.length > 0) {
        out.push(piece)
        piece = { segments: [], width: 0, spaceAfter: null, breakAfter: false }
      }
      const last = piece.segments[piece.segments.length - 1]
      if (last && last.font === segment.font && last.script === segment.script) {
        last.text += char
        last.width += w
      } else
        piece.segments.push({
          text: char,
          font: segment.font,
          width: w,
          ...(segment.script ? { script: segment.script } : {}),
        })
      piece.width += w
    }
  }
  piece.spaceAfter = word.spaceAfter
  piece.breakAfter = word.breakAfter
  out.push(piece)
  return out
}

/** Breaks styled text into lines no wider than `width` pt. */
export function breakLines(pieces: StyledText[], width: number, size: number, measure: Measure): TextLine[] {
  const lines: TextLine[] = []
  let line: TextLine = { fragments: [], width: 0 }
  let pendingSpace: Segment | null = null
  const push = (segment: Segment, x: number) => {
    const last = line.fragments[line.fragments.length - 1]
    if (last && last.font === segment.font && last.script === segment.script) last.text += segment.text
    else
      line.fragments.push({
        x,
        text: segment.text,
        font: segment.font,
        ...(segment.script ? { script: segment.script } : {}),
      })
  }
  const newLine = () => {
    lines.push(line)
    line = { fragments: [], width: 0 }
    pendingSpace = null
  }
  const words = toWords(pieces, size, measure).flatMap((word) =>
    word.width > width ? hardBreak(word, width, size, measure) : [word],
  )
  for (const word of words) {
    const spaceWidth: number = pendingSpace ? pendingSpace.width : 0
    if (line.fragments.length > 0 && line.width + spaceWidth + word.width > width) newLine()
    if (pendingSpace && line.fragments.length > 0) {
      push(pendingSpace, line.width)
      line.width += pendingSpace.width
    }
    for (const segment of word.segments) {
      push(segment, line.width)
      line.width += segment.width
    }
    pendingSpace = word.spaceAfter
    if (word.breakAfter) newLine()
  }
  if (line.fragments.length > 0) lines.push(line)
  return lines
}
