/**
 * The letter's page design (DIN 5008 form B proportions), in millimetres on the A4 trim box.
 * Presentation only: channels/letters reads these numbers; change them here to restyle every letter.
 */
export const PAGE = { width: 210, height: 297 } as const

export const LETTER_LAYOUT = {
  /** Text column: DIN 5008 asks for at least 25 mm on the left and 20 mm on the right. */
  marginLeft: 25,
  marginRight: 20,
  /** Logo box in the letterhead (top right), kept inside the 45 mm letterhead zone. */
  logo: { top: 12, maxWidth: 60, maxHeight: 18 },
  /** Information block (date, member number) beside the address field. */
  infoBlock: { left: 125, top: 50, width: 75 },
  /** First line of the subject: just below the address field (DIN 5008 B: 98.46 mm). */
  subjectTop: 98.46,
  /** Where body text starts on page 2 and later, below the continuation line. */
  continuationTop: 12,
  bodyTopLaterPages: 25,
  /** Lowest baseline area of body text; the footer and page number live below. */
  bodyBottom: 270,
  footerTop: 278,
  pageNumberTop: 287,
  /** Fold marks (form B) and the hole-punch mark, drawn at the left edge of page 1. */
  foldMarks: [105, 210],
  holeMark: 148.5,
  /** The marks run from `markLeft` to `foldMarkEnd` (fold) or `holeMarkEnd` (hole punch); line width in pt. */
  markLeft: 4,
  foldMarkEnd: 9,
  holeMarkEnd: 11,
  markWidth: 0.4,
  /** The return line's baseline box sits this many times its size above the address. */
  returnLineRaise: 1.6,
} as const

/** Type sizes in points; line heights as multiples of the size. */
export const TYPE = {
  body: { size: 10.5, leading: 1.4 },
  subject: { size: 12, leading: 1.3 },
  heading: { 2: 12, 3: 11, 4: 10.5, 5: 10.5, 6: 10.5 } as Record<2 | 3 | 4 | 5 | 6, number>,
  headingLeading: 1.3,
  address: { size: 10, minSize: 8, step: 0.5, leading: 1.15 },
  /** Shrunk by `step` until the line fits the window. */
  returnLine: { size: 7, minSize: 6, step: 0.5 },
  small: { size: 7.5, leading: 1.3 },
  /** Date and member number beside the address. */
  infoBlock: { size: 9.5, leading: 1.4 },
  /** The Organisation's name in the letterhead when it has no logo. */
  letterheadName: { size: 14 },
  code: { size: 8.5, leading: 1.35 },
  table: { size: 9.5, leading: 1.3 },
  /** pdfkit places text by the top of its line box: a superscript is raised, a subscript lowered, by these times the size. */
  superscriptRaise: 0.08,
  subscriptDrop: 0.4,
} as const

/**
 * The body's blocks. Indents, widths and heights in mm; `after` is the space after a block in
 * multiples of its own line height, `spaceAfter` in multiples of the body's line height, `before`
 * and `imageGap` in multiples of the body size; rule widths in pt. `keepWithNext`: lines of the next
 * block that must fit on the page with this one's first line.
 */
export const BLOCKS = {
  paragraph: { after: 0.5 },
  subject: { after: 1 },
  heading: { before: 0.4, after: 0.25, keepWithNext: 1 },
  list: { indentPerLevel: 6, markerGap: 5, itemAfter: 0.15, spaceAfter: 0.35 },
  quote: { indent: 8, afterWithCitation: 0.1 },
  image: { maxWidth: 80, maxHeight: 50, roomBelow: 2, imageGap: 0.5 },
  code: { indent: 4, minCharsPerLine: 20, tabWidth: 4, barWidth: 1, spaceAfter: 0.5 },
  table: {
    columnGap: 2,
    rowPadding: 1.5,
    /** The rule under a row, this far above the next row's top. */
    ruleRaise: 0.75,
    headerRuleWidth: 0.8,
    ruleWidth: 0.3,
    caption: { after: 0.2, keepWithNext: 1 },
    spaceAfter: 0.5,
  },
  callout: {
    indent: 4,
    title: { after: 0.1, keepWithNext: 1 },
    textAfter: 0,
    barWidth: 1.5,
    spaceAfter: 0.5,
  },
  /** A horizontal rule: the body line it takes, the line through its middle (× body size). */
  rule: { middle: 0.5, width: 0.5 },
  /** The bar in the left margin that marks code and callouts: its distance from the column's edge. */
  marginBar: { x: 1 },
} as const

/** The closing and signature: room kept for it (body lines), the image box (mm), the blank lines without one. */
export const SIGNATURE = { keepLines: 6, imageHeight: 15, imageMaxWidth: 60, blankLines: 2 } as const

/** Crop marks: length and the gap kept from the trim edge (mm); line width (pt). */
export const CROP_MARKS = { length: 5, offset: 1, width: 0.25 } as const
