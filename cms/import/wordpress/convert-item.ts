/**
 * One WordPress item → one item of the import format (docs/import-format.md), or the reason it is
 * skipped. Pure: what it needs to know about the rest of the export comes from the index (first pass),
 * files and links through hooks, so it is tested without a database.
 *
 * Status: `publish` and `future` are published (a future date keeps it out of every channel until
 * then); `draft`, `pending`, `private` and any post with a password become `unpublished`, i.e. never
 * public, and taken off every channel if an earlier import had published them; `trash` only takes an
 * earlier import off (the caller checks there is one); `auto-draft`, `inherit` (revisions,
 * attachments) and other post types are skipped.
 */
import type { Locale } from '../../../channels/snapshot/schema.ts'
import { teaserOf, wordpressContentToHtml, type ContentHooks } from './wp-content.ts'
import {
  collectionOfType,
  oldPaths,
  plainText,
  titleFromText,
  type IndexedDocument,
  type WordPressCollection,
  type WxrIndex,
} from './wxr-index.ts'
import type { WxrItem } from './wxr-reader.ts'

export interface ConvertOptions {
  locale: Locale
  /** The path under `--uploads` of the file at a WordPress address, when it exists there. */
  uploadedFile(url: string): string | null
  hasUploads: boolean
  /** The new site path of an imported post or page, for links (`/artikler/slug/`, `/om-os/kontakt/`). */
  documentPath(document: IndexedDocument): string
  /** The new site path of a topic (`/emner/slug/`). */
  topicPath(slug: string): string
}

export type Converted =
  | {
      kind: 'import'
      section: WordPressCollection
      item: Record<string, unknown>
      /** `post 123 "Title"`: how messages name it. */
      label: string
      warnings: string[]
      /** Links to posts that come later in the export: resolved in a last pass, once those exist. */
      linksForward: boolean
      /** A page whose parent page comes later in the export: imported after it. */
      parentId: number | null
      /** WordPress's trash: only an earlier import is taken off the channels, nothing is created. */
      onlyIfPresent: boolean
    }
  | { kind: 'skip'; reason: string; label: string }

export { titleFromText }

export function convertItem(item: WxrItem, index: WxrIndex, options: ConvertOptions): Converted {
  const givenTitle = plainText(item.title)
  const label = `${item.type || 'item'} ${item.id} ${givenTitle ? JSON.stringify(givenTitle.slice(0, 60)) : '(no title)'}`
  const collection = collectionOfType(item.type)
  if (item.type === 'attachment') return { kind: 'skip', reason: 'attachment', label }
  if (!collection) return { kind: 'skip', reason: `post type ${item.type || '(none)'}`, label }
  if (item.status === 'auto-draft' || item.status === 'inherit')
    return { kind: 'skip', reason: item.status, label }
  const indexed = index.documents.get(item.id)
  if (!indexed) return { kind: 'skip', reason: 'duplicate post id', label }

  const warnings: string[] = []
  const warn = (message: string) => warnings.push(message)
  let linksForward = false
  const hooks: ContentHooks = {
    uploadedFile: options.uploadedFile,
    hasUploads: options.hasUploads,
    attachment: (id) => index.attachments.get(id),
    childAttachments: () => index.childAttachments(item.id),
    warn,
    rewriteLink: (href) => {
      const target = index.target(href)
      if (!target) return null
      if (target.kind === 'topic') return options.topicPath(target.slug)
      const document = index.documents.get(target.id)
      if (!document) return null
      // A link to itself or to a later post: its target exists only once this post has gone in.
      if (document.position >= item.position) linksForward = true
      return options.documentPath(document)
    },
  }

  const html = wordpressContentToHtml(item.content, hooks)
  let title = plainText(item.title)
  if (!title) {
    title = titleFromText(html) || `${item.type} ${item.id}`
    warn(`no title; named after its first words: ${JSON.stringify(title)}`)
  }

  const status = statusOf(item, warn)
  const data: Record<string, unknown> = {
    slug: indexed.slug,
    locale: options.locale,
    status,
    title,
    body: { html },
  }
  const publishedAt = dateOf(item)
  if (publishedAt) data.publishedAt = publishedAt
  const summary = plainText(item.excerpt) || plainText(teaserOf(item.content) ?? '')
  if (summary) data.summary = summary
  // Its new address is no old address of it (a page `/om-os/` may keep its path).
  const newPath = options.documentPath(indexed)
  const old = oldPaths(item).filter((address) => address !== newPath)
  if (old.length > 0) data.oldPaths = old

  if (collection === 'articles') {
    const topics = [...new Set(item.terms.flatMap((term) => index.topicOf(term.kind, term.slug)?.slug ?? []))]
    if (topics.length > 0) data.topics = topics
    const author = index.site.authors.get(item.creator)?.displayName ?? item.creator
    if (author) data.authors = [plainText(author)]
    const image = featuredImage(item, index, options, warn)
    if (image) data.image = image
  } else {
    const parent = index.parentPage(indexed)
    data.parent = parent ? parent.slug : null
    data.order = item.menuOrder
  }

  return {
    kind: 'import',
    section: collection,
    item: data,
    label,
    warnings,
    linksForward,
    parentId: collection === 'pages' ? (index.parentPage(indexed)?.id ?? null) : null,
    onlyIfPresent: item.status === 'trash',
  }
}

function statusOf(item: WxrItem, warn: (message: string) => void): 'published' | 'unpublished' {
  if (item.password) {
    warn('password-protected: imported as a draft, never public')
    return 'unpublished'
  }
  if (item.status === 'publish' || item.status === 'future') return 'published'
  if (!['draft', 'pending', 'private', 'trash'].includes(item.status))
    warn(`status ${JSON.stringify(item.status)} unknown: imported as a draft, never public`)
  return 'unpublished'
}

/** `wp:post_date_gmt`, or the local date where WordPress left the GMT one empty (drafts). */
function dateOf(item: WxrItem): string | undefined {
  for (const value of [item.dateGmt, item.date]) {
    const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value)
    if (match && match[1] !== '0000')
      return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`
  }
  return undefined
}

function featuredImage(
  item: WxrItem,
  index: WxrIndex,
  options: ConvertOptions,
  warn: (message: string) => void,
): { file: string; alt: string } | undefined {
  const id = Number(item.meta.get('_thumbnail_id') ?? '')
  if (!id) return undefined
  const attachment = index.attachments.get(id)
  if (!attachment) {
    warn(`featured image: attachment ${id} is not in the export`)
    return undefined
  }
  const file = options.uploadedFile(attachment.url)
  if (!file) {
    warn(
      `featured image ${attachment.url} not found${options.hasUploads ? ' under --uploads' : ' (no --uploads given)'}`,
    )
    return undefined
  }
  return { file, alt: attachment.alt || file.split('/').pop() || file }
}
