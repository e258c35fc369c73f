/** The three image formats every card is made in, with the platforms they are for. */
export const CARD_FORMATS = [
  /** Open Graph: Facebook and LinkedIn link previews, X. */
  { name: 'og', width: 1200, height: 630 },
  /** Instagram and Facebook feed posts. */
  { name: 'square', width: 1080, height: 1080 },
  /** Instagram and Facebook stories. */
  { name: 'story', width: 1080, height: 1920 },
] as const

export type CardFormat = (typeof CARD_FORMATS)[number]
export type CardFormatName = CardFormat['name']

export interface FrameMetrics {
  padding: number
  /** Extra space at top and bottom kept free of content: a story app draws its own bars there. */
  insetTop: number
  insetBottom: number
  gap: number
  chipSize: number
  metaSize: number
  logoHeight: number
}

/** Spacing that scales with the format: a story is viewed on a phone held upright, an og card small in a feed. */
export function frameMetrics(format: CardFormat): FrameMetrics {
  switch (format.name) {
    case 'og':
      return { padding: 56, insetTop: 0, insetBottom: 0, gap: 24, chipSize: 26, metaSize: 26, logoHeight: 44 }
    case 'square':
      return { padding: 72, insetTop: 0, insetBottom: 0, gap: 32, chipSize: 30, metaSize: 30, logoHeight: 52 }
    case 'story':
      return {
        padding: 96,
        insetTop: 120,
        insetBottom: 200,
        gap: 48,
        chipSize: 36,
        metaSize: 36,
        logoHeight: 64,
      }
  }
}

/** Height inside the frame's padding and insets. */
export function contentHeight(format: CardFormat): number {
  const m = frameMetrics(format)
  return format.height - 2 * m.padding - m.insetTop - m.insetBottom
}
