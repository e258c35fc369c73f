/**
 * The snapshot's rich-text block tree in the two forms an e-mail needs: MJML (HTML inside
 * `mj-text`, images as `mj-image`, calls to action as `mj-button`) and plain text.
 */
import type { Block, Inline, ListBlock } from '../snapshot/schema.ts'
import { encodeUrlForOutput, escapeHtml, escapeUrl, neutralisePlainText } from './escape.ts'
import { sentinel } from './merge-syntax.ts'
import { MjmlFragment } from './mjml-template.ts'
import { emailImage } from './images.ts'
import { resolveLink, siteLink, type EditionContext } from './render-context.ts'
import { wrapMarks } from '../shared/html-marks.ts'

const source = 'channels/newsletter/blocks.ts'
const contentWidth = 552

function mergeFieldInline(context: EditionContext, field: string, place: string): string | null {
  if (field === 'first_name' || field === 'member_number') return sentinel(field)
  context.warn(place, `merge field "${field}" is not available in newsletters; left out`)
  return null
}

export function inlinesToHtml(context: EditionContext, inlines: Inline[], place: string): string {
  return inlines
    .map((inline) => {
      switch (inline.type) {
        case 'text':
          return wrapMarks(escapeHtml(inline.text), inline)
        case 'lineBreak':
          return '<br />'
        case 'mergeField':
          return mergeFieldInline(context, inline.field, place) ?? ''
        case 'link': {
          const inner = inlinesToHtml(context, inline.children, place)
          const url = resolveLink(context, inline, place)
          if (url === null) return inner
          return `<a href="${escapeUrl(url).markup}" style="color:${context.snapshot.organisation.colours.accent};">${inner}</a>`
        }
      }
    })
    .join('')
}

function listToHtml(context: EditionContext, list: ListBlock, place: string): string {
  const tag = list.ordered ? 'ol' : 'ul'
  const items = list.items
    .map((item) => `<li>${inlinesToHtml(context, item.children, place)}${item.list ? listToHtml(context, item.list, place) : ''}</li>`)
    .join('')
  return `<${tag} style="margin:0 0 12px 0;padding-left:24px;">${items}</${tag}>`
}

const headingSizes = { 2: '20px', 3: '18px', 4: '16px' } as const

/** Blocks → MJML elements for a column: runs of text blocks share one `mj-text`. */
export function blocksToMjml(context: EditionContext, blocks: Block[], field: string): MjmlFragment {
  const elements: string[] = []
  let textRun: string[] = []
  const flushText = () => {
    if (textRun.length === 0) return
    elements.push(`<mj-text css-class="nl-text">${textRun.join('')}</mj-text>`)
    textRun = []
  }
  blocks.forEach((block, index) => {
    const place = `${field}[${index}]`
    switch (block.type) {
      case 'paragraph':
        textRun.push(`<p style="margin:0 0 12px 0;">${inlinesToHtml(context, block.children, place)}</p>`)
        break
      case 'heading':
        textRun.push(`<h${block.level} style="font-size:${headingSizes[block.level]};">${inlinesToHtml(context, block.children, place)}</h${block.level}>`)
        break
      case 'list':
        textRun.push(listToHtml(context, block, place))
        break
      case 'quote':
        textRun.push(
          `<blockquote style="margin:0 0 12px 0;padding-left:12px;border-left:4px solid ${context.snapshot.organisation.colours.accent};">${inlinesToHtml(context, block.children, place)}</blockquote>`,
        )
        break
      case 'image': {
        flushText()
        const image = emailImage(block.image, contentWidth, (url) => siteLink(context, url))
        elements.push(
          `<mj-image css-class="nl-image" src="${escapeUrl(image.url).markup}" alt="${escapeHtml(image.alt)}" width="${image.width}px" height="${image.height}px" padding="0 24px 12px 24px"></mj-image>`,
        )
        if (block.caption) elements.push(`<mj-text css-class="nl-text nl-muted" font-size="13px">${escapeHtml(block.caption)}</mj-text>`)
        break
      }
      case 'callout': {
        flushText()
        const title = block.title ? `<h3 style="font-size:18px;">${escapeHtml(block.title)}</h3>` : ''
        elements.push(`<mj-text css-class="nl-text" container-background-color="#f4f1ec">${title}<p style="margin:0;">${inlinesToHtml(context, block.children, place)}</p></mj-text>`)
        const url = block.link ? resolveLink(context, { type: 'link', href: block.link.href, children: [] }, place) : null
        if (block.link && url) elements.push(`<mj-button href="${escapeUrl(url).markup}">${escapeHtml(block.link.label)}</mj-button>`)
        break
      }
    }
  })
  flushText()
  return MjmlFragment.generated(elements.join('\n'), source)
}

// ---------------------------------------------------------------- plain text

export function inlinesToText(context: EditionContext, inlines: Inline[], place: string): string {
  return inlines
    .map((inline) => {
      switch (inline.type) {
        case 'text':
          return neutralisePlainText(inline.text)
        case 'lineBreak':
          return '\n'
        case 'mergeField':
          return mergeFieldInline(context, inline.field, place) ?? ''
        case 'link': {
          const inner = inlinesToText(context, inline.children, place)
          // The warning was already given by the HTML renderer; resolve quietly here.
          const url = resolveLink({ ...context, warn: () => {} }, inline, place)
          return url === null ? inner : `${inner} (${encodeUrlForOutput(url)})`
        }
      }
    })
    .join('')
}

function listToText(context: EditionContext, list: ListBlock, place: string, depth: number): string[] {
  return list.items.flatMap((item, index) => {
    const bullet = list.ordered ? `${index + 1}.` : '-'
    const line = `${'  '.repeat(depth)}${bullet} ${inlinesToText(context, item.children, place)}`
    return item.list ? [line, ...listToText(context, item.list, place, depth + 1)] : [line]
  })
}

/** Blocks → paragraphs of plain text separated by blank lines. */
export function blocksToText(context: EditionContext, blocks: Block[], field: string): string {
  const quiet = { ...context, warn: () => {} }
  const paragraphs = blocks.map((block, index) => {
    const place = `${field}[${index}]`
    switch (block.type) {
      case 'paragraph':
        return inlinesToText(quiet, block.children, place)
      case 'heading':
        return inlinesToText(quiet, block.children, place)
      case 'list':
        return listToText(quiet, block, place, 0).join('\n')
      case 'quote':
        return inlinesToText(quiet, block.children, place)
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')
      case 'image':
        return block.caption ? `[${neutralisePlainText(block.image.alt)}] ${neutralisePlainText(block.caption)}` : `[${neutralisePlainText(block.image.alt)}]`
      case 'callout': {
        const url = block.link ? resolveLink(quiet, { type: 'link', href: block.link.href, children: [] }, place) : null
        return [block.title ? neutralisePlainText(block.title) : '', inlinesToText(quiet, block.children, place), block.link && url ? `${neutralisePlainText(block.link.label)}: ${encodeUrlForOutput(url)}` : '']
          .filter(Boolean)
          .join('\n')
      }
    }
  })
  return paragraphs.filter((p) => p.trim() !== '').join('\n\n')
}
