import type { Media, MediaSize } from '../snapshot/schema.ts'

export interface EmailImage {
  url: string
  /** Display size in CSS pixels (the file itself may be twice as wide for sharp screens). */
  width: number
  height: number
  alt: string
}

/**
 * Picks the smallest rendition at least twice the display width (sharp on phones), else the
 * largest there is, and gives display width/height so clients reserve the space before loading.
 */
export function emailImage(
  media: Media,
  maxDisplayWidth: number,
  toAbsolute: (url: string) => string,
): EmailImage {
  const renditions: MediaSize[] = [media, ...Object.values(media.sizes)]
  const sharpEnough = renditions
    .filter((r) => r.width >= maxDisplayWidth * 2)
    .sort((a, b) => a.width - b.width)
  const chosen = sharpEnough[0] ?? renditions.sort((a, b) => b.width - a.width)[0]
  const width = Math.min(maxDisplayWidth, chosen.width)
  const height = Math.max(1, Math.round((width * chosen.height) / chosen.width))
  return { url: toAbsolute(chosen.url), width, height, alt: media.alt }
}
