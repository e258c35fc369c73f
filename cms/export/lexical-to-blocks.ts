/**
 * Lexical JSON → the snapshot's channel-neutral block tree. Written by hand because no Payload
 * converter targets a neutral tree (theirs produce HTML, JSX, Markdown or plain text); this mapping
 * is the one place that knows Lexical's node shapes, so channels never do.
 */
import type {
  Block,
  CollectionName,
  HeadingLevel,
  ImageSize,
  Inline,
  ListBlock,
  ListItem,
  Media,
  MergeFieldName,
  TableRow,
} from '../../channels/snapshot/schema.ts'
import { imageSizes, mergeFieldNames } from '../../channels/snapshot/schema.ts'
import { safeLink } from '../../channels/shared/safe-link.ts'
import { TEXT_FORMAT } from '../fields/lexical-format.ts'

export interface LexicalNode {
  type: string
  children?: LexicalNode[]
  text?: string
  format?: number | string
  tag?: string
  listType?: 'bullet' | 'number' | 'check'
  start?: number
  checked?: boolean
  headerState?: number
  /** A caption on the table node itself, as imports wrote it before the table-caption block (still read). */
  caption?: string
  fields?: Record<string, unknown>
  value?: unknown
  relationTo?: string
}

export interface ConvertOptions {
  /** Turns `{{first_name}}`-style tokens into merge fields (letters only; elsewhere they stay text). */
  mergeFields: boolean
  /** Resolves an uploaded media document (populated relation) into snapshot media, or null when missing. */
  resolveMedia: (value: unknown) => Media | null
  /**
   * Resolves an internal link target into (collection, key, site path), or null when the target is gone.
   * Without a collection the link becomes a plain site path (a site page: its path is known at export);
   * `unlinked` says why a target that exists cannot be linked.
   */
  resolveInternalLink: (
    relationTo: string,
    value: unknown,
  ) => { collection?: CollectionName; key: string; href: string } | { unlinked: string } | null
  /** Reports a problem (named by the caller with document and field). */
  warn: (message: string) => void
}

const FORMAT = TEXT_FORMAT

/** Lexical's TableCellHeaderStates.ROW: the cell heads its column. */
const HEADER_ROW = 1

/** A quote's last line that starts with a dash names its source: `Text⏎— Name`. */
const CITATION = /^\s*(?:—|–|--)\s*/

export function lexicalToBlocks(state: unknown, options: ConvertOptions): Block[] {
  const root = (state as { root?: LexicalNode } | null | undefined)?.root
  if (!root?.children) return []
  const blocks: Block[] = []
  for (const node of root.children) {
    if (node.type === 'block' && node.fields?.blockType === 'tableCaption') {
      const text = typeof node.fields.text === 'string' ? node.fields.text.trim() : ''
      const table = blocks.at(-1)
      if (!text) continue
      if (table?.type === 'table' && !table.caption) table.caption = text
      else {
        // Not after a table: its words stay, as a paragraph.
        options.warn('a table caption that follows no table is shown as a paragraph')
        blocks.push({ type: 'paragraph', children: [{ type: 'text', text }] })
      }
      continue
    }
    blocks.push(...convertBlock(node, options))
  }
  return blocks
}

function convertBlock(node: LexicalNode, options: ConvertOptions): Block[] {
  switch (node.type) {
    case 'paragraph': {
      const children = convertInlines(node.children ?? [], options)
      return children.length > 0 ? [{ type: 'paragraph', children }] : []
    }
    case 'heading': {
      // h1 belongs to the page title, so a body h1 joins h2; every other level keeps its own.
      const level = Math.min(6, Math.max(2, Number(node.tag?.slice(1)) || 2)) as HeadingLevel
      return [{ type: 'heading', level, children: convertInlines(node.children ?? [], options) }]
    }
    case 'quote':
      return [convertQuote(convertInlines(node.children ?? [], options))]
    case 'list':
      return [convertList(node, options)]
    case 'upload': {
      const image = options.resolveMedia(node.value)
      if (!image) {
        options.warn('an image in the text is missing or not an image; left out')
        return []
      }
      const caption =
        typeof node.fields?.caption === 'string' && node.fields.caption.trim()
          ? node.fields.caption.trim()
          : undefined
      const alt =
        typeof node.fields?.alt === 'string' && node.fields.alt.trim() ? { alt: node.fields.alt.trim() } : {}
      const size = (imageSizes as readonly string[]).includes(String(node.fields?.size))
        ? (node.fields?.size as ImageSize)
        : undefined
      return [
        {
          type: 'image',
          image: { ...image, ...alt },
          ...(caption ? { caption } : {}),
          ...(size ? { size } : {}),
        },
      ]
    }
    case 'block':
      return convertBlockNode(node, options)
    case 'horizontalrule':
      return [{ type: 'rule' }]
    case 'table':
      return [convertTable(node, options)]
    default:
      // Unknown containers keep their text rather than losing it, and say so.
      if (node.children) {
        options.warn(`<${node.type}> not supported; its text is kept as a paragraph`)
        const children = convertInlines(node.children, options)
        return children.length > 0 ? [{ type: 'paragraph', children }] : []
      }
      options.warn(`<${node.type}> not supported; left out`)
      return []
  }
}

/** A last line after a line break that starts with a dash becomes the quote's citation. */
function convertQuote(children: Inline[]): Block {
  const lastBreak = children.findLastIndex((inline) => inline.type === 'lineBreak')
  const tail = children.slice(lastBreak + 1)
  const tailText = tail.map((inline) => (inline.type === 'text' ? inline.text : '')).join('')
  if (
    lastBreak > 0 &&
    tail.length > 0 &&
    tail.every((inline) => inline.type === 'text') &&
    CITATION.test(tailText)
  ) {
    return {
      type: 'quote',
      children: children.slice(0, lastBreak),
      citation: tailText.replace(CITATION, '').trim(),
    }
  }
  return { type: 'quote', children }
}

function convertTable(node: LexicalNode, options: ConvertOptions): Block {
  const rows: TableRow[] = []
  for (const row of node.children ?? []) {
    if (row.type !== 'tablerow') continue
    const cells = (row.children ?? []).filter((cell) => cell.type === 'tablecell')
    // A cell holds paragraphs; they become one run of inlines with line breaks between them.
    const inlines = cells.map((cell) =>
      (cell.children ?? []).flatMap((child, i) => {
        const run =
          child.type === 'paragraph' || child.type === 'heading'
            ? convertInlines(child.children ?? [], options)
            : convertInlines([child], options)
        return i > 0 && run.length > 0 ? [{ type: 'lineBreak' } as Inline, ...run] : run
      }),
    )
    const header = cells.length > 0 && cells.every((cell) => ((cell.headerState ?? 0) & HEADER_ROW) !== 0)
    rows.push({ ...(header ? { header: true } : {}), cells: inlines })
  }
  const caption = typeof node.caption === 'string' && node.caption.trim() ? node.caption.trim() : undefined
  return { type: 'table', rows, ...(caption ? { caption } : {}) }
}

function convertBlockNode(node: LexicalNode, options: ConvertOptions): Block[] {
  const fields = node.fields ?? {}
  switch (fields.blockType) {
    case 'callout':
      return convertCallout(node, options)
    case 'code': {
      const language =
        typeof fields.language === 'string' && fields.language !== 'plaintext' ? fields.language : undefined
      return [
        {
          type: 'code',
          code: typeof fields.code === 'string' ? fields.code : '',
          ...(language ? { language } : {}),
        },
      ]
    }
    case 'gallery': {
      const entries = Array.isArray(fields.images)
        ? (fields.images as { image?: unknown; alt?: unknown; caption?: unknown }[])
        : []
      const images = entries.flatMap((entry) => {
        const image = options.resolveMedia(entry.image)
        if (!image) {
          options.warn('a gallery image is missing or not an image; left out')
          return []
        }
        const caption =
          typeof entry.caption === 'string' && entry.caption.trim() ? entry.caption.trim() : undefined
        const alt = typeof entry.alt === 'string' && entry.alt.trim() ? { alt: entry.alt.trim() } : {}
        return [{ image: { ...image, ...alt }, ...(caption ? { caption } : {}) }]
      })
      return images.length > 0 ? [{ type: 'gallery', images }] : []
    }
    case 'embed': {
      const url = typeof fields.url === 'string' ? fields.url.trim() : ''
      if (!/^https?:\/\//i.test(url)) {
        options.warn(`an embed has no web address (${JSON.stringify(url.slice(0, 60))}); left out`)
        return []
      }
      const title = typeof fields.title === 'string' && fields.title.trim() ? fields.title.trim() : url
      return [{ type: 'embed', url, title }]
    }
    default:
      options.warn(`unknown block type "${String(fields.blockType)}"; left out`)
      return []
  }
}

function convertCallout(node: LexicalNode, options: ConvertOptions): Block[] {
  const fields = node.fields ?? {}
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
    const checked = node.listType === 'check' ? { checked: child.checked === true } : {}
    items.push({
      children: convertInlines(inlineNodes, options),
      ...checked,
      ...(nested ? { list: convertList(nested, options) } : {}),
    })
  }
  const ordered = node.listType === 'number'
  const start = ordered && typeof node.start === 'number' && node.start !== 1 ? { start: node.start } : {}
  return { type: 'list', ordered, ...(node.listType === 'check' ? { check: true } : {}), ...start, items }
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
        else options.warn(`<${node.type}> not supported inside text; left out`)
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
    if ('unlinked' in target) {
      options.warn(`${target.unlinked}; kept as text`)
      return children
    }
    if (!target.collection) return [{ type: 'link', href: target.href, ...newTab, children }]
    return [
      {
        type: 'link',
        href: target.href,
        internal: { collection: target.collection, key: target.key },
        ...newTab,
        children,
      },
    ]
  }
  const url = typeof fields.url === 'string' ? fields.url.trim() : ''
  if (!safeLink(url)) {
    options.warn(`a link has an unsafe or empty address (${JSON.stringify(url.slice(0, 60))}); kept as text`)
    return children
  }
  return [{ type: 'link', href: url, ...newTab, children }]
}

function formatFlags(format: LexicalNode['format']): Partial<Record<keyof typeof FORMAT, boolean>> {
  const bits = typeof format === 'number' ? format : 0
  const flags: Partial<Record<keyof typeof FORMAT, boolean>> = {}
  for (const [name, bit] of Object.entries(FORMAT) as [keyof typeof FORMAT, number][])
    if (bits & bit) flags[name] = true
  return flags
}

const MERGE_TOKEN = /\{\{\s*([a-z_]+)\s*\}\}/g

function textToInlines(
  text: string,
  flags: Partial<Record<keyof typeof FORMAT, boolean>>,
  options: ConvertOptions,
): Inline[] {
  if (!options.mergeFields || !text.includes('{{')) return text ? [{ type: 'text', text, ...flags }] : []
  const out: Inline[] = []
  let last = 0
  for (const match of text.matchAll(MERGE_TOKEN)) {
    const field = match[1]
    if (!(mergeFieldNames as readonly string[]).includes(field)) {
      options.warn(
        `unknown merge field {{${field}}} (known: ${mergeFieldNames.join(', ')}); printed as written`,
      )
      continue
    }
    if (match.index > last) out.push({ type: 'text', text: text.slice(last, match.index), ...flags })
    out.push({ type: 'mergeField', field: field as MergeFieldName })
    last = match.index + match[0].length
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last), ...flags })
  return out
}
