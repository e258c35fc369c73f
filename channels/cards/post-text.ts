/** The text an editor pastes with a card: headline, summary cut to fit, link. */
import { removeControlCharacters } from '../shared/control-characters.ts'

/**
 * X allows 280 characters, the strictest of the platforms the cards are for (Instagram 2,200,
 * LinkedIn 3,000, Facebook far more); a text that fits X fits them all. The link is counted at its
 * full length although X counts any link as 23, so the text fits even where links are not shortened.
 */
export const POST_TEXT_LIMIT = 280

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** Length as platforms count it: code points (an emoji's parts count, so this is never too short). */
export function postLength(text: string): number {
  return [...text].length
}

/** Control characters (a BEL in a title) would corrupt a paste; line breaks inside fields become spaces. */
export function cleanPlainText(text: string): string {
  return removeControlCharacters(text).replace(/\s+/g, ' ').trim()
}

/** Cut at a word boundary (never inside a letter or an emoji) so the result plus "…" fits `limit`. */
export function cutText(text: string, limit: number): string {
  if (postLength(text) <= limit) return text
  if (limit < 1) return ''
  let out = ''
  let lastSpace = -1
  for (const { segment } of graphemes.segment(text)) {
    if (postLength(out + segment) > limit - 1) break
    if (/\s/.test(segment)) lastSpace = out.length
    out += segment
  }
  const cut = lastSpace > out.length / 2 ? out.slice(0, lastSpace) : out
  return `${cut.trimEnd()}…`
}

export function postText(parts: { title: string; summary: string; url: string }): string {
  const title = cleanPlainText(parts.title)
  const summary = cleanPlainText(parts.summary)
  const separators = 4 // two blank lines: "\n\n" twice
  const room = POST_TEXT_LIMIT - postLength(parts.url) - separators
  const shownTitle = cutText(title, room)
  const summaryRoom = room - postLength(shownTitle)
  const shownSummary = summary && summaryRoom >= 20 ? cutText(summary, summaryRoom) : ''
  return [shownTitle, shownSummary, parts.url].filter(Boolean).join('\n\n') + '\n'
}

export type SocialPlatform = 'facebook' | 'instagram' | 'linkedin' | 'x'

/** Each platform's limit for a post's text, for the posts editors write per platform on a campaign. */
export const PLATFORM_POST_LIMITS: Record<SocialPlatform, number> = {
  x: 280,
  instagram: 2200,
  linkedin: 3000,
  facebook: 63_206,
}

/** An editor's post keeps its paragraphs; other control characters (a pasted BEL or tab) become spaces. */
export function cleanPostText(text: string): string {
  return removeControlCharacters(text)
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[ \u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/ {2,}/g, ' ')
    .trim()
}

/**
 * An editor's own post for one platform, with the page link unless the text already has it, cut at a
 * word to the platform's limit. `cut` says whether it had to be shortened (the publish report warns).
 */
export function platformPostText(
  text: string,
  url: string,
  platform: SocialPlatform,
): { text: string; cut: boolean } {
  const limit = PLATFORM_POST_LIMITS[platform]
  const body = cleanPostText(text)
  if (body.includes(url) && postLength(body) <= limit) return { text: `${body}\n`, cut: false }
  const room = limit - postLength(url) - 2
  const shown = cutText(body, room)
  return { text: `${[shown, url].filter(Boolean).join('\n\n')}\n`, cut: shown !== body }
}
