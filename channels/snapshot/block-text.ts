/**
 * Walking the block tree once for every channel: which inline runs a block holds (for checks such as
 * link targets and fonts) and its plain text with the spaces a reader sees (for descriptions).
 */
import type { Block, Inline, ListBlock, Media } from './schema.ts'

/** Every run of inlines inside a block, in reading order (list items, table cells and quotes included). */
export function blockInlineRuns(block: Block): Inline[][] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
    case 'callout':
      return [block.children]
    case 'list':
      return listInlineRuns(block)
    case 'table':
      return block.rows.flatMap((row) => row.cells)
    case 'code':
    case 'rule':
    case 'image':
    case 'gallery':
    case 'embed':
      return []
  }
}

function listInlineRuns(list: ListBlock): Inline[][] {
  return list.items.flatMap((item) => [item.children, ...(item.list ? listInlineRuns(item.list) : [])])
}

/** Every image a block shows. */
export function blockImages(block: Block): Media[] {
  if (block.type === 'image') return [block.image]
  if (block.type === 'gallery') return block.images.map((entry) => entry.image)
  return []
}

/** Text of inlines as read: a line break counts as a space, merge fields are left out. */
export function inlinesPlainText(inlines: Inline[]): string {
  return inlines
    .map((inline) =>
      inline.type === 'text'
        ? inline.text
        : inline.type === 'lineBreak'
          ? ' '
          : inline.type === 'link'
            ? inlinesPlainText(inline.children)
            : '',
    )
    .join('')
}

/** The words of a block tree as one line of text, blocks separated by a space so no two words glue. */
export function blocksPlainText(blocks: Block[]): string {
  const parts: string[] = []
  for (const block of blocks) {
    if (block.type === 'table' && block.caption) parts.push(block.caption)
    if (block.type === 'code') parts.push(block.code)
    else if (block.type === 'image' && block.caption) parts.push(block.caption)
    else if (block.type === 'embed') parts.push(block.title)
    else if (block.type === 'gallery') parts.push(...block.images.map((entry) => entry.caption ?? ''))
    else for (const run of blockInlineRuns(block)) parts.push(inlinesPlainText(run))
    if (block.type === 'quote' && block.citation) parts.push(block.citation)
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim()
}

/** About `max` characters of text, cut at a word boundary, with an ellipsis when cut. */
export function excerpt(text: string, max = 155): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, max + 1)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : clean.slice(0, max)).replace(/[\s,;:.–-]+$/, '')}…`
}
