import type { Inline } from '../snapshot/schema.ts'

type TextInline = Extract<Inline, { type: 'text' }>

/**
 * Wraps already-escaped text in the HTML elements of its marks (bold, italic…). Escaping stays with
 * each channel (the newsletter escapes more characters than the site), the marks are the same for both.
 */
export function wrapMarks(escapedText: string, inline: TextInline): string {
  let html = escapedText
  if (inline.code) html = `<code>${html}</code>`
  if (inline.subscript) html = `<sub>${html}</sub>`
  if (inline.superscript) html = `<sup>${html}</sup>`
  if (inline.bold) html = `<strong>${html}</strong>`
  if (inline.italic) html = `<em>${html}</em>`
  if (inline.underline) html = `<u>${html}</u>`
  if (inline.strikethrough) html = `<s>${html}</s>`
  return html
}
