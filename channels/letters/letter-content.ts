/**
 * From the snapshot's block tree to styled text, with merge fields filled for one member.
 * Links print their address in brackets (paper has no hyperlinks).
 */
import { removeControlCharacters } from '../shared/control-characters.ts'
import { absoluteUrl } from '../shared/site-url.ts'
import type { Block, Inline, MergeFieldName } from '../snapshot/schema.ts'
import { blockInlineRuns } from '../snapshot/block-text.ts'
import type { FontStyle } from './fonts.ts'
import type { StyledText } from './text-layout.ts'

export type MergeValues = Record<MergeFieldName, string>

export interface InlineContext {
  merge: MergeValues
  /** Absolute base URL for site-relative links. */
  siteUrl: string
}

function styleOf(bold: boolean, italic: boolean): FontStyle {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular'
}

/** Collapses whitespace the way a browser would, so editor text and PDF text wrap alike. */
function clean(text: string): string {
  return removeControlCharacters(text.normalize('NFC')).replace(/[\t\n\r ]+/g, ' ')
}

export function inlinesToText(
  inlines: Inline[],
  context: InlineContext,
  base: { bold?: boolean; italic?: boolean } = {},
): StyledText[] {
  const out: StyledText[] = []
  for (const inline of inlines) {
    switch (inline.type) {
      case 'text':
        out.push({
          text: clean(inline.text),
          style: inline.code
            ? 'mono'
            : styleOf(Boolean(base.bold || inline.bold), Boolean(base.italic || inline.italic)),
          ...(inline.subscript
            ? { script: 'sub' as const }
            : inline.superscript
              ? { script: 'sup' as const }
              : {}),
        })
        break
      case 'lineBreak':
        out.push({ text: '\n', style: 'regular' })
        break
      case 'mergeField':
        out.push({
          text: clean(context.merge[inline.field]),
          style: styleOf(Boolean(base.bold), Boolean(base.italic)),
        })
        break
      case 'link': {
        const children = inlinesToText(inline.children, context, base)
        out.push(...children)
        // An internal link prints where it was settled (print-run.ts settles every one; unsettled is text).
        const url = inline.internal
          ? (inline.internal.url ?? '')
          : inline.href
            ? absoluteUrl(context.siteUrl, inline.href)
            : ''
        const label = children
          .map((c) => c.text)
          .join('')
          .trim()
        if (url && label !== url && label !== inline.href)
          out.push({
            text: ` (${url.replace(/^https?:\/\//, '')})`,
            style: styleOf(Boolean(base.bold), Boolean(base.italic)),
          })
        break
      }
    }
  }
  return out
}

/** Plain text of inlines (for checks and continuation lines). */
export function plainText(pieces: StyledText[]): string {
  return pieces.map((p) => p.text).join('')
}

/** Every text a block tree can print, used to check the fonts cover the letter before a run starts. */
export function blockTexts(blocks: Block[], context: InlineContext): string[] {
  const texts: string[] = []
  for (const block of blocks) {
    for (const run of blockInlineRuns(block)) texts.push(plainText(inlinesToText(run, context)))
    if (block.type === 'image') texts.push(block.caption ?? '')
    if (block.type === 'gallery') texts.push(...block.images.map((entry) => entry.caption ?? ''))
    if (block.type === 'code') texts.push(block.code)
    if (block.type === 'table' && block.caption) texts.push(block.caption)
    if (block.type === 'quote' && block.citation) texts.push(block.citation)
    if (block.type === 'embed') texts.push(block.title, block.url)
    if (block.type === 'callout')
      texts.push(block.title ?? '', block.link ? `${block.link.label} ${block.link.href}` : '')
  }
  return texts
}
