/** Pieces every card layout shares: the frame, the logo, a chip, a fitted text block. */
import type { ReactNode } from 'react'
import type { CardFontId } from '../../channels/snapshot/schema.ts'
import { cardFontStack } from './font.ts'
import { fitText } from './fit-text.ts'
import { frameMetrics, type CardFormat } from './formats.ts'
import type { CardBrand } from './view.ts'

export function rgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16)
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`
}

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function readableOn(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16)
  const channel = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  const luminance =
    0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
  return luminance > 0.4 ? '#111111' : '#ffffff'
}

/**
 * Over a photo the card is transparent: the renderer lays it on the photo darkened by
 * `heroOverlaySvg` (see hero-overlay.ts). Without a photo: the brand colour, flat (a satori gradient
 * becomes an SVG pattern that costs more to rasterise than the rest of the card).
 */
export function cardBackground(brand: CardBrand, hasHero: boolean): Record<string, string> {
  return hasHero ? {} : { backgroundColor: brand.colours.primary }
}

export function Frame(props: {
  format: CardFormat
  font: CardFontId
  background: Record<string, string>
  color: string
  children: ReactNode
}) {
  const m = frameMetrics(props.format)
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        width: props.format.width,
        height: props.format.height,
        padding: `${m.padding + m.insetTop}px ${m.padding}px ${m.padding + m.insetBottom}px`,
        boxSizing: 'border-box',
        fontFamily: cardFontStack(props.font),
        color: props.color,
        ...props.background,
      }}
    >
      {props.children}
    </div>
  )
}

/** Height of the header row (logo pill), so layouts can size the text boxes below it. */
export function headerHeight(format: CardFormat): number {
  return frameMetrics(format).logoHeight + 24
}

/**
 * The organisation's logo on a white pill (logos are drawn for light backgrounds), or its short name.
 * Images in card layouts must not use objectFit or borderRadius: the renderer drops satori's image
 * clipping (see render-card.ts).
 */
export function Header(props: { format: CardFormat; brand: CardBrand; chip: string; chipColour: string }) {
  const m = frameMetrics(props.format)
  const logo = props.brand.logo
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'row',
        alignItems: 'center',
        justifyContent: 'space-between',
        height: headerHeight(props.format),
      }}
    >
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          backgroundColor: '#ffffff',
          borderRadius: 12,
          padding: '12px 20px',
        }}
      >
        {logo ? (
          <img
            src={logo.dataUri}
            height={m.logoHeight}
            width={Math.min(Math.round((logo.width / logo.height) * m.logoHeight), m.logoHeight * 6)}
          />
        ) : (
          <div
            style={{
              display: 'flex',
              fontSize: m.logoHeight * 0.7,
              fontWeight: 700,
              color: props.brand.colours.primary,
            }}
          >
            {props.brand.shortName}
          </div>
        )}
      </div>
      <Chip format={props.format} text={props.chip} colour={props.chipColour} />
    </div>
  )
}

export function Chip(props: { format: CardFormat; text: string; colour: string }) {
  const m = frameMetrics(props.format)
  return (
    <div
      style={{
        display: 'block',
        maxWidth: props.format.width * 0.45,
        lineClamp: 1,
        fontSize: m.chipSize,
        fontWeight: 700,
        padding: '8px 20px',
        borderRadius: 999,
        backgroundColor: props.colour,
        color: readableOn(props.colour),
      }}
    >
      {props.text}
    </div>
  )
}

/** Text that shrinks to fit its box and, below the smallest size, ends its last line with an ellipsis. */
export function FittedText(props: {
  text: string
  box: { width: number; height: number }
  size: { max: number; min: number }
  weight?: 400 | 700
  style?: Record<string, string | number>
}) {
  const fit = fitText(props.text, props.box, props.size)
  return (
    <div
      style={{
        display: 'block',
        width: props.box.width,
        maxHeight: Math.floor(fit.maxLines * fit.fontSize * fit.lineHeight),
        fontSize: fit.fontSize,
        lineHeight: fit.lineHeight,
        fontWeight: props.weight ?? 700,
        lineClamp: fit.maxLines,
        wordBreak: 'break-word',
        ...props.style,
      }}
    >
      {props.text}
    </div>
  )
}

export function MetaLine(props: { format: CardFormat; left: string; right: string }) {
  const m = frameMetrics(props.format)
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'row',
        justifyContent: 'space-between',
        alignItems: 'center',
        fontSize: m.metaSize,
        height: Math.ceil(m.metaSize * 1.3),
      }}
    >
      <div style={{ display: 'flex' }}>{props.left}</div>
      <div style={{ display: 'flex' }}>{props.right}</div>
    </div>
  )
}

export function metaHeight(format: CardFormat): number {
  return Math.ceil(frameMetrics(format).metaSize * 1.3)
}

/** Largest and smallest headline size per format. */
export function headlineSizes(format: CardFormat): { max: number; min: number } {
  switch (format.name) {
    case 'og':
      return { max: 68, min: 30 }
    case 'square':
      return { max: 84, min: 36 }
    case 'story':
      return { max: 96, min: 42 }
  }
}
