/**
 * Colour emoji on cards: satori asks for an image per emoji (the card fonts have none), and gets
 * Twemoji's SVG for it from the `@twemoji/svg` npm package (no network at render time). An emoji newer
 * than the package, or any sequence it lacks, gets a clear placeholder box instead, never an error.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

/**
 * Shown for an emoji Twemoji lacks: a clear, neutral box that reads on dark and light cards,
 * so the emoji is visibly "something here" rather than silently dropped.
 */
export const EMOJI_PLACEHOLDER = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect x="8" y="8" width="84" height="84" rx="18" fill="#ffffff" fill-opacity="0.9" stroke="#444444" stroke-width="8"/><circle cx="50" cy="50" r="14" fill="#444444"/></svg>',
).toString('base64')}`

const VARIATION_SELECTOR_16 = 0xfe0f
const ZERO_WIDTH_JOINER = 0x200d

/**
 * Twemoji's file names for an emoji, most likely first: its code points in lower-case hex joined by
 * `-`, without the emoji variation selector U+FE0F unless the emoji is a joined (ZWJ) sequence, where
 * some files keep it. Both spellings are tried.
 */
export function twemojiFileNames(emoji: string): string[] {
  const points = [...emoji].map((c) => c.codePointAt(0) as number)
  const hex = (list: number[]) => list.map((p) => p.toString(16)).join('-')
  const without = hex(points.filter((p) => p !== VARIATION_SELECTOR_16))
  const full = hex(points)
  const names = points.includes(ZERO_WIDTH_JOINER) ? [full, without] : [without, full]
  return [...new Set(names)].map((name) => `${name}.svg`)
}

let folder: string | undefined
const images = new Map<string, Promise<string>>()

function twemojiFolder(): string {
  folder ??= path.dirname(createRequire(import.meta.url).resolve('@twemoji/svg/package.json'))
  return folder
}

async function readTwemoji(emoji: string): Promise<string> {
  for (const name of twemojiFileNames(emoji)) {
    const svg = await readFile(path.join(twemojiFolder(), name)).catch(() => null)
    if (svg) return `data:image/svg+xml;base64,${svg.toString('base64')}`
  }
  return EMOJI_PLACEHOLDER
}

/** The image satori draws for one emoji (a grapheme cluster): Twemoji's SVG, or the placeholder. */
export function emojiImage(emoji: string): Promise<string> {
  const image = images.get(emoji) ?? readTwemoji(emoji)
  images.set(emoji, image)
  return image
}
