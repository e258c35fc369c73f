/**
 * Escaping for the two outputs of an edition. Editor text must never become markup or a merge tag
 * in any mail service's syntax, so besides the usual HTML characters we also encode `{`, `}` and `|`
 * (the building blocks of `{{ … }}` and `*|…|*`) as numeric entities: a mail service scans the raw
 * source for its tags and no longer sees one, while a reader still sees the same characters.
 */
import { removeControlCharacters } from '../shared/control-characters.ts'
import { SENTINEL_OPEN, SENTINEL_CLOSE } from './merge-syntax.ts'

/** Text that is safe to put into MJML/HTML: produced only by `escapeText`, `markup` or template filling. */
export interface Markup {
  readonly markup: string
}

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '{': '&#123;',
  '}': '&#125;',
  '|': '&#124;',
  '\n': '&#10;',
}

const sentinels = new RegExp(`[${SENTINEL_OPEN}${SENTINEL_CLOSE}]`, 'g')

/** Removes what must not reach any output: control characters and our own merge-field sentinels. */
export function cleanEditorText(text: string): string {
  return removeControlCharacters(text).replace(sentinels, '\uFFFD').replace(/\r\n?/g, '\n')
}

export function escapeHtml(text: string): string {
  return cleanEditorText(text).replace(/[&<>"'{}|\n]/g, (char) => htmlEntities[char])
}

/** Editor text → markup for a text node or an attribute value. */
export function escapeText(text: string): Markup {
  return { markup: escapeHtml(text) }
}

/** Markup the code itself wrote (never editor text). */
export function markup(trusted: string): Markup {
  return { markup: trusted }
}

export function joinMarkup(parts: Markup[], separator = ''): Markup {
  return { markup: parts.map((part) => part.markup).join(separator) }
}

const WORD_JOINER = '\u2060'

/**
 * Editor text for the plain-text part (and header values such as the subject): no entities exist
 * there, so an invisible word joiner is put between the two characters of every merge-tag opener
 * and closer (`*|`, `|*`, `{{`, `}}`, `{%`, `%}`). The text reads the same; no mail service sees a tag.
 */
export function neutralisePlainText(text: string): string {
  return cleanEditorText(text)
    .replace(/\*(?=\|)/g, `*${WORD_JOINER}`)
    .replace(/\|(?=\*)/g, `|${WORD_JOINER}`)
    .replace(/([{}%])(?=[{}%])/g, `$1${WORD_JOINER}`)
}

/** A URL as it may appear in either part or a header: whitespace, merge-syntax and delimiter characters percent-encoded. */
export function encodeUrlForOutput(url: string): string {
  // `<` and `>` too: the List-Unsubscribe header wraps the URL in angle brackets.
  return cleanEditorText(url).replace(/[\s{}|<>"\\^`]/g, (char) => encodeURIComponent(char))
}

/** A URL for an `href`/`src` attribute. */
export function escapeUrl(url: string): Markup {
  return escapeText(encodeUrlForOutput(url))
}
