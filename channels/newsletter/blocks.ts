/**
 * The snapshot's rich-text block tree in the two forms an e-mail needs: MJML (HTML inside
 * `mj-text`, images as `mj-image`, calls to action as `mj-button`) and plain text.
 */
import type { Block, Inline, ListBlock, Media, TableRow } from '../snapshot/schema.ts'
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
    .map(
      (item) =>
        `<li>${list.check ? `${item.checked ? '☑' : '☐'} ` : ''}${inlinesToHtml(context, item.children, place)}${item.list ? listToHtml(context, item.list, place) : ''}</li>`,
    )
    .join('')
  const start = list.ordered && list.start !== undefined ? ` start="${list.start}"` : ''
  const style = list.check
    ? 'margin:0 0 12px 0;padding-left:4px;list-style:none;'
    : 'margin:0 0 12px 0;padding-left:24px;'
  return `<${tag}${start} style="${style}">${items}</${tag}>`
}

const headingSizes = { 2: '20px', 3: '18px', 4: '16px', 5: '15px', 6: '14px' } as const
const monospace = "font-family:Menlo,Consolas,'Courier New',monospace;"
const cellStyle =
  'border:1px solid #c4c4c4;padding:4px 6px;text-align:left;vertical-align:top;word-break:break-word;'

/**
 * A data table as e-mail clients render it: attributes Outlook's Word engine reads (border, cellpadding),
 * fixed layout at 100 % so a wide table wraps its cells instead of widening a phone screen.
 */
function tableToHtml(
  context: EditionContext,
  block: Extract<Block, { type: 'table' }>,
  place: string,
): string {
  const row = (r: TableRow) => {
    const tag = r.header ? 'th' : 'td'
    const extra = r.header ? 'background-color:#eef1f5;font-weight:bold;' : ''
    return `<tr>${r.cells.map((cell) => `<${tag} style="${cellStyle}${extra}">${inlinesToHtml(context, cell, place)}</${tag}>`).join('')}</tr>`
  }
  const caption = block.caption
    ? `<caption style="text-align:left;font-weight:bold;padding:0 0 4px 0;">${escapeHtml(block.caption)}</caption>`
    : ''
  return `<table border="1" cellpadding="4" cellspacing="0" width="100%" style="border-collapse:collapse;table-layout:fixed;width:100%;margin:0 0 12px 0;font-size:14px;">${caption}${block.rows.map(row).join('')}</table>`
}

/** Code keeps its spaces (`pre-wrap`) yet wraps long lines rather than widening a phone screen. */
function codeToHtml(code: string): string {
  return `<pre style="${monospace}font-size:13px;line-height:1.4;white-space:pre-wrap;word-break:break-all;background-color:#f4f4f4;padding:8px 10px;margin:0 0 12px 0;">${escapeHtml(code)}</pre>`
}

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
        textRun.push(
          `<h${block.level} style="font-size:${headingSizes[block.level]};">${inlinesToHtml(context, block.children, place)}</h${block.level}>`,
        )
        break
      case 'list':
        textRun.push(listToHtml(context, block, place))
        break
      case 'quote': {
        const citation = block.citation ? `<br />— <cite>${escapeHtml(block.citation)}</cite>` : ''
        textRun.push(
          `<blockquote style="margin:0 0 12px 0;padding-left:12px;border-left:4px solid ${context.snapshot.organisation.colours.accent};">${inlinesToHtml(context, block.children, place)}${citation}</blockquote>`,
        )
        break
      }
      case 'code':
        textRun.push(codeToHtml(block.code))
        break
      case 'table':
        textRun.push(tableToHtml(context, block, place))
        break
      case 'rule':
        flushText()
        elements.push(
          '<mj-divider border-width="1px" border-color="#c4c4c4" padding="12px 24px"></mj-divider>',
        )
        break
      case 'embed': {
        const url = resolveLink(context, { type: 'link', href: block.url, children: [] }, place)
        const title = escapeHtml(block.title)
        textRun.push(
          `<p style="margin:0 0 12px 0;">${url ? `<a href="${escapeUrl(url).markup}" style="color:${context.snapshot.organisation.colours.accent};">▶ ${title}</a>` : title}</p>`,
        )
        break
      }
      case 'image':
        flushText()
        elements.push(...imageElements(context, block.image, block.caption))
        break
      case 'gallery':
        flushText()
        for (const entry of block.images) elements.push(...imageElements(context, entry.image, entry.caption))
        break
      case 'callout': {
        flushText()
        const title = block.title ? `<h3 style="font-size:18px;">${escapeHtml(block.title)}</h3>` : ''
        elements.push(
          `<mj-text css-class="nl-text" container-background-color="#f4f1ec">${title}<p style="margin:0;">${inlinesToHtml(context, block.children, place)}</p></mj-text>`,
        )
        const url = block.link
          ? resolveLink(context, { type: 'link', href: block.link.href, children: [] }, place)
          : null
        if (block.link && url)
          elements.push(
            `<mj-button href="${escapeUrl(url).markup}">${escapeHtml(block.link.label)}</mj-button>`,
          )
        break
      }
    }
  })
  flushText()
  return MjmlFragment.generated(elements.join('\n'), source)
}

/** A picture at an absolute URL, sized for the column, with its caption below. */
function imageElements(context: EditionContext, media: Media, caption: string | undefined): string[] {
  const image = emailImage(media, contentWidth, (url) => siteLink(context, url))
  const out = [
    `<mj-image css-class="nl-image" src="${escapeUrl(image.url).markup}" alt="${escapeHtml(image.alt)}" width="${image.width}px" height="${image.height}px" padding="0 24px 12px 24px"></mj-image>`,
  ]
  if (caption)
    out.push(`<mj-text css-class="nl-text nl-muted" font-size="13px">${escapeHtml(caption)}</mj-text>`)
  return out
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
    const bullet = list.check
      ? item.checked
        ? '[x]'
        : '[ ]'
      : list.ordered
        ? `${(list.start ?? 1) + index}.`
        : '-'
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
        return [
          inlinesToText(quiet, block.children, place),
          ...(block.citation ? [`— ${neutralisePlainText(block.citation)}`] : []),
        ]
          .join('\n')
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')
      case 'code':
        // Indented by four spaces, the way plain-text mail has always set code apart; the code's own spaces stay.
        return block.code
          .split('\n')
          .map((line) => `    ${neutralisePlainText(line)}`)
          .join('\n')
      case 'table':
        return tableToText(quiet, block, place)
      case 'rule':
        return '-'.repeat(20)
      case 'embed': {
        const url = resolveLink(quiet, { type: 'link', href: block.url, children: [] }, place)
        return `[${context.strings.media}: ${neutralisePlainText(block.title)}]${url ? ` ${encodeUrlForOutput(url)}` : ''}`
      }
      case 'image':
        return imageText(context, block.image.alt, block.caption)
      case 'gallery':
        return block.images.map((entry) => imageText(context, entry.image.alt, entry.caption)).join('\n')
      case 'callout': {
        const url = block.link
          ? resolveLink(quiet, { type: 'link', href: block.link.href, children: [] }, place)
          : null
        return [
          block.title ? neutralisePlainText(block.title) : '',
          inlinesToText(quiet, block.children, place),
          block.link && url ? `${neutralisePlainText(block.link.label)}: ${encodeUrlForOutput(url)}` : '',
        ]
          .filter(Boolean)
          .join('\n')
      }
    }
  })
  return paragraphs.filter((p) => p?.trim()).join('\n\n')
}

function imageText(context: EditionContext, alt: string, caption: string | undefined): string {
  const line = `[${context.strings.image}: ${neutralisePlainText(alt)}]`
  return caption ? `${line} ${neutralisePlainText(caption)}` : line
}

/** Columns padded to their widest cell (line breaks in a cell become spaces), the header underlined. */
function tableToText(
  context: EditionContext,
  block: Extract<Block, { type: 'table' }>,
  place: string,
): string {
  const rows = block.rows.map((row) => ({
    header: row.header,
    cells: row.cells.map((cell) =>
      inlinesToText(context, cell, place)
        .replace(/\s*\n\s*/g, ' ')
        .trim(),
    ),
  }))
  const columns = Math.max(0, ...rows.map((row) => row.cells.length))
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.min(40, Math.max(1, ...rows.map((row) => [...(row.cells[c] ?? '')].length))),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell + ' '.repeat(Math.max(0, widths[c] - [...cell].length)))
      .join('  ')
      .trimEnd()
  const out: string[] = block.caption ? [neutralisePlainText(block.caption)] : []
  for (const row of rows) {
    out.push(line(row.cells))
    if (row.header) out.push(widths.map((w) => '-'.repeat(w)).join('  '))
  }
  return out.join('\n')
}
