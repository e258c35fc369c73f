/**
 * Lexical JSON → the snapshot's channel-neutral block tree. Written by hand because no Payload
 * converter targets a neutral tree (theirs produce HTML, JSX, Markdown or plain text); this mapping
 * is the one place that knows Lexical's node shapes, so channels never do.
 */
import type { Block, CollectionName, Inline, ListBlock, ListItem, Media, MergeFieldName } from '../../channels/snapshot/schema.ts'
import { mergeFieldNames } from '../../channels/snapshot/schema.ts'

export interface LexicalNode {
  type: string
  children?: LexicalNode[]
  text?: string
  format?: number | string
  tag?: string
  listType?: 'bullet' | 'number' | 'check'
  fields?: Record<string, unknown>
  value?: unknown
  relationTo?: string
}

export interface ConvertOptions {
  /** Turns `{{first_name}}`-style tokens into merge fields (letters only; elsewhere they stay text). */
  mergeFields: boolean
  /** Resolves an uploaded media document (populated relation) into snapshot media, or null when missing. */
  resolveMedia: (value: unknown) => Media | null
  /** Resolves an internal link target into (collection, key, site path), or null when the target is gone. */
  resolveInternalLink: (relationTo: string, value: unknown) => { collection: CollectionName; key: string; href: string } | null
  /** Reports a problem (named by the caller with document and field). */
  warn: (message: string) => void
}

const FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8, code: 16 } as const

export function lexicalToBlocks(state: unknown, options: ConvertOptions): Block[] {
  const root = (state as { root?: LexicalNode } | null | undefined)?.root
  if (!root?.children) return []
  return root.children.flatMap((node) => convertBlock(node, options))
}

function convertBlock(node: LexicalNode, options: ConvertOptions): Block[] {
  switch (node.type) {
    case 'paragraph': {
      const children = convertInlines(node.children ?? [], options)
      return children.length > 0 ? [{ type: 'paragraph', children }] : []
    }
    case 'heading': {
      // h1 belongs to the page title; body headings start at h2.
      const level = Math.min(4, Math.max(2, Number(node.tag?.slice(1)) || 2)) as 2 | 3 | 4
      return [{ type: 'heading', level, children: convertInlines(node.children ?? [], options) }]
    }
    case 'quote':
      return [{ type: 'quote', children: convertInlines(node.children ?? [], options) }]
    case 'list':
      return [convertList(node, options)]
    case 'upload': {
      const image = options.resolveMedia(node.value)
      if (!image) {
        options.warn('an image in the text is missing or not an image; left out')
        return []
      }
      return [{ type: 'image', image }]
    }
    case 'block':
      return convertCallout(node, options)
    case 'horizontalrule':
      return []
    default:
      // Unknown containers keep their text rather than losing it.
      if (node.children) {
        const children = convertInlines(node.children, options)
        return children.length > 0 ? [{ type: 'paragraph', children }] : []
      }
      return []
  }
}

function convertCallout(node: LexicalNode, options: ConvertOptions): Block[] {
  const fields = node.fields ?? {}
  if (fields.blockType !== 'callout') {
    options.warn(`unknown block type "${String(fields.blockType)}"; left out`)
    return []
  }
  const variant = fields.variant === 'benefit' || fields.variant === 'cta' ? fields.variant : 'info'
  const text = typeof fields.text === 'string' ? fields.text : ''
  const linkUrl = typeof fields.linkUrl === 'string' ? fields.linkUrl.trim() : ''
  const linkLabel = typeof fields.linkLabel === 'string' ? fields.linkLabel.trim() : ''
  return [
    {
      type: 'callout',
      variant,
      ...(typeof fields.title === 'string' && fields.title ? { title: fields.title } : {}),
      children: textToInlines(text, {}, options),
      ...(linkUrl ? { link: { href: linkUrl, label: linkLabel || linkUrl } } : {}),
    },
  ]
}

function convertList(node: LexicalNode, options: ConvertOptions): ListBlock {
  const items: ListItem[] = []
  for (const child of node.children ?? []) {
    if (child.type !== 'listitem') continue
    const nested = (child.children ?? []).find((c) => c.type === 'list')
    const inlineNodes = (child.children ?? []).filter((c) => c.type !== 'list')
    // Lexical puts a nested list in its own list item right after its parent item.
    if (nested && inlineNodes.length === 0 && items.length > 0) {
      items[items.length - 1].list = convertList(nested, options)
      continue
    }
    items.push({ children: convertInlines(inlineNodes, options), ...(nested ? { list: convertList(nested, options) } : {}) })
  }
  return { type: 'list', ordered: node.listType === 'number', items }
}

function convertInlines(nodes: LexicalNode[], options: ConvertOptions): Inline[] {
  const out: Inline[] = []
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push(...textToInlines(node.text ?? '', formatFlags(node.format), options))
        break
      case 'linebreak':
        out.push({ type: 'lineBreak' })
        break
      case 'tab':
        out.push({ type: 'text', text: '\t' })
        break
      case 'link':
      case 'autolink':
        out.push(...convertLink(node, options))
        break
      default:
        if (node.children) out.push(...convertInlines(node.children, options))
    }
  }
  return out
}

function convertLink(node: LexicalNode, options: ConvertOptions): Inline[] {
  const children = convertInlines(node.children ?? [], options)
  const fields = node.fields ?? {}
  const newTab = fields.newTab === true ? { newTab: true } : {}
  if (fields.linkType === 'internal') {
    const doc = fields.doc as { relationTo?: string; value?: unknown } | undefined
    const target = doc?.relationTo ? options.resolveInternalLink(doc.relationTo, doc.value) : null
    if (!target) {
      options.warn('a link points at a document that no longer exists; kept as text')
      return children
    }
    return [{ type: 'link', href: target.href, internal: { collection: target.collection, key: target.key }, ...newTab, children }]
  }
  const url = typeof fields.url === 'string' ? fields.url.trim() : ''
  if (!isSafeUrl(url)) {
    options.warn(`a link has an unsafe or empty address (${JSON.stringify(url.slice(0, 60))}); kept as text`)
    return children
  }
  return [{ type: 'link', href: url, ...newTab, children }]
}

/** Only web, mail and phone links, and site-relative paths: never `javascript:` or `data:`. */
export function isSafeUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i.test(url)
}

function formatFlags(format: LexicalNode['format']): Partial<Record<keyof typeof FORMAT, boolean>> {
  const bits = typeof format === 'number' ? format : 0
  const flags: Partial<Record<keyof typeof FORMAT, boolean>> = {}
  for (const [name, bit] of Object.entries(FORMAT) as [keyof typeof FORMAT, number][]) if (bits & bit) flags[name] = true
  return flags
}

const MERGE_TOKEN = /\{\{\s*([a-z_]+)\s*\}\}/g

function textToInlines(text: string, flags: Partial<Record<keyof typeof FORMAT, boolean>>, options: ConvertOptions): Inline[] {
  if (!options.mergeFields || !text.includes('{{')) return text ? [{ type: 'text', text, ...flags }] : []
  const out: Inline[] = []
  let last = 0
  for (const match of text.matchAll(MERGE_TOKEN)) {
    const field = match[1]
    if (!(mergeFieldNames as readonly string[]).includes(field)) {
      options.warn(`unknown merge field {{${field}}} (known: ${mergeFieldNames.join(', ')}); printed as written`)
      continue
    }
    if (match.index > last) out.push({ type: 'text', text: text.slice(last, match.index), ...flags })
    out.push({ type: 'mergeField', field: field as MergeFieldName })
    last = match.index + match[0].length
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last), ...flags })
  return out
}
