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
} as const

/** Type sizes in points; line heights as multiples of the size. */
export const TYPE = {
  body: { size: 10.5, leading: 1.4 },
  subject: { size: 12, leading: 1.3 },
  heading: { 2: 12, 3: 11, 4: 10.5, 5: 10.5, 6: 10.5 } as Record<2 | 3 | 4 | 5 | 6, number>,
  address: { size: 10, minSize: 8, step: 0.5, leading: 1.15 },
  returnLine: { size: 7, minSize: 6 },
  small: { size: 7.5, leading: 1.3 },
} as const

/** Crop marks: length and the gap kept from the trim edge (mm). */
export const CROP_MARKS = { length: 5, offset: 1 } as const
