/**
 * Internal links, decided once. Where a link leads: its target's page in the link's own locale, else
 * Danish, else another locale the target exists in; and only while the target is published (in the
 * snapshot and visible on the date). A link whose target is not (a draft, scheduled for later,
 * expired, deleted, left out) becomes its text, so no channel prints or sends an address that leads
 * nowhere. Export settles every link when it writes the snapshot (and warns once per link); a channel
 * settles again with its build date, which changes nothing unless the date differs from the export's.
 */
import { isPageCollection, type PageCollection } from './collections.ts'
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales.ts'
import type { Block, Inline, InternalLink, ListBlock, Snapshot, TableRow } from './schema.ts'
import { visibleAt } from './visibility.ts'
import { absoluteUrl, documentLinkPath } from '../shared/site-url.ts'

/** A link's target as the editor chose it. */
export type InternalTarget = Pick<InternalLink, 'collection' | 'key'>
/** A link's target settled: the page it opens. */
export type SettledLink = Required<InternalLink>

/** What link targets are looked up in: the page documents and the site URL. */
export type LinkSources = Pick<Snapshot, 'articles' | 'benefits' | 'campaigns'> & {
  organisation: Pick<Snapshot['organisation'], 'siteUrl'>
}

/** Resolves a target for a link written in `locale`, or null when the target is not published. */
export type LinkResolver = (target: InternalTarget, locale: Locale) => SettledLink | null

/**
 * The one rule for where an internal link leads. `date` null judges no dates (a preview shows the
 * documents in its snapshot whatever their dates).
 */
export function linkResolver(sources: LinkSources, date: Date | null): LinkResolver {
  const index = new Map<string, { slug: string }>()
  for (const collection of ['articles', 'benefits', 'campaigns'] as const)
    for (const doc of sources[collection] as Array<Parameters<typeof visibleAt>[0] & Doc>)
      if (date === null || visibleAt(doc, date)) index.set(`${collection}/${doc.locale}/${doc.key}`, doc)
  return (target, locale) => {
    if (!isPageCollection(target.collection)) return null
    for (const candidate of [locale, DEFAULT_LOCALE, ...LOCALES] as Locale[]) {
      const doc = index.get(`${target.collection}/${candidate}/${target.key}`)
      if (doc)
        return settled(sources.organisation.siteUrl, target.collection, target.key, candidate, doc.slug)
    }
    return null
  }
}

interface Doc {
  key: string
  slug: string
  locale: Locale
}

function settled(
  siteUrl: string,
  collection: PageCollection,
  key: string,
  locale: Locale,
  slug: string,
): SettledLink {
  const path = documentLinkPath(collection, locale, slug)
  return { collection, key, locale, path, url: absoluteUrl(siteUrl, path) }
}

/** Whether the target is in the snapshot, in any locale, and visible at `date`. */
export function linkTargetPublished(
  snapshot: Pick<Snapshot, 'articles' | 'benefits' | 'campaigns'>,
  target: InternalTarget,
  date: Date,
): boolean {
  if (!isPageCollection(target.collection)) return false
  const docs: Array<Parameters<typeof visibleAt>[0] & { key: string }> = snapshot[target.collection]
  return docs.some((doc) => doc.key === target.key && visibleAt(doc, date))
}

/** A link turned into its text: which target, and where (`[2].children[1]`, after the field's name). */
export interface UnlinkedLink {
  target: InternalTarget
  at: string
}

/**
 * The blocks with every internal link settled by `resolve`: its `internal` replaced by what `resolve`
 * returns, or, when that is null, the link replaced by its text (listed in `unlinked`).
 */
export function settleBlocks(
  blocks: Block[],
  resolve: (target: InternalLink) => InternalLink | null,
): { blocks: Block[]; unlinked: UnlinkedLink[] } {
  const unlinked: UnlinkedLink[] = []
  const inlines = (list: Inline[], at: string): Inline[] =>
    list.flatMap((inline, i): Inline[] => {
      if (inline.type !== 'link') return [inline]
      const here = `${at}[${i}]`
      if (!inline.internal) return [{ ...inline, children: inlines(inline.children, `${here}.children`) }]
      const internal = resolve(inline.internal)
      if (!internal) {
        unlinked.push({
          target: { collection: inline.internal.collection, key: inline.internal.key },
          at: here,
        })
        return inlines(inline.children, `${here}.children`)
      }
      const href = internal.path ?? inline.href
      return [{ ...inline, href, internal, children: inlines(inline.children, `${here}.children`) }]
    })
  const list = (block: ListBlock, at: string): ListBlock => ({
    ...block,
    items: block.items.map((item, i): ListBlock['items'][number] => ({
      ...item,
      children: inlines(item.children, `${at}.items[${i}].children`),
      ...(item.list ? { list: list(item.list, `${at}.items[${i}].list`) } : {}),
    })),
  })
  const mapped = blocks.map((block, i): Block => {
    const at = `[${i}]`
    switch (block.type) {
      case 'list':
        return list(block, at)
      case 'table':
        return {
          ...block,
          rows: block.rows.map((row, r): TableRow => ({
            ...row,
            cells: row.cells.map((cell, c) => inlines(cell, `${at}.rows[${r}].cells[${c}]`)),
          })),
        }
      case 'paragraph':
      case 'heading':
      case 'quote':
      case 'callout':
        return { ...block, children: inlines(block.children, `${at}.children`) }
      default:
        return block
    }
  })
  return { blocks: mapped, unlinked }
}

/** The blocks with every internal link whose target is not published turned into its text; `unlinked` lists those targets. */
export function unlinkUnpublished(
  blocks: Block[],
  published: (target: InternalTarget) => boolean,
): { blocks: Block[]; unlinked: InternalTarget[] } {
  const result = settleBlocks(blocks, (target) => (published(target) ? target : null))
  return { blocks: result.blocks, unlinked: result.unlinked.map((u) => u.target) }
}

/** A block field of a document, settled for the document's locale. */
export function settleField(
  resolve: (target: InternalLink, locale: Locale) => InternalLink | null,
  blocks: Block[],
  locale: Locale,
): { blocks: Block[]; unlinked: UnlinkedLink[] } {
  return settleBlocks(blocks, (target) => resolve(target, locale))
}

/** Every block field of a snapshot, with the collection, document and field it belongs to. */
export interface UnlinkedInSnapshot extends UnlinkedLink {
  /** `articles/ok26 (da)`, `organisation (sv)` */
  document: string
  field: string
}

/**
 * The snapshot with every internal link settled by `resolve` (every document's body, an edition's
 * intro, the Organisation's about text), and the links that became text.
 */
export function settleSnapshotLinks<S extends Snapshot>(
  snapshot: S,
  resolve: (target: InternalLink, locale: Locale) => InternalLink | null,
): { snapshot: S; unlinked: UnlinkedInSnapshot[] } {
  const unlinked: UnlinkedInSnapshot[] = []
  const field = <T extends { slug: string; locale: Locale }>(
    collection: string,
    doc: T,
    name: keyof T & string,
  ): Block[] => {
    const result = settleField(resolve, doc[name] as Block[], doc.locale)
    for (const u of result.unlinked)
      unlinked.push({ ...u, document: `${collection}/${doc.slug} (${doc.locale})`, field: name })
    return result.blocks
  }
  const localized = Object.fromEntries(
    LOCALES.map((locale) => {
      const text = snapshot.organisation.localized[locale]
      const result = settleField(resolve, text.about, locale)
      for (const u of result.unlinked)
        unlinked.push({ ...u, document: `organisation (${locale})`, field: 'about' })
      return [locale, { ...text, about: result.blocks }]
    }),
  ) as Snapshot['organisation']['localized']
  return {
    snapshot: {
      ...snapshot,
      organisation: { ...snapshot.organisation, localized },
      articles: snapshot.articles.map((doc) => ({ ...doc, body: field('articles', doc, 'body') })),
      benefits: snapshot.benefits.map((doc) => ({ ...doc, body: field('benefits', doc, 'body') })),
      campaigns: snapshot.campaigns.map((doc) => ({ ...doc, body: field('campaigns', doc, 'body') })),
      newsletters: snapshot.newsletters.map((doc) => ({ ...doc, intro: field('newsletters', doc, 'intro') })),
      letters: snapshot.letters.map((doc) => ({ ...doc, body: field('letters', doc, 'body') })),
    },
    unlinked,
  }
}

/** The one wording of the one warning a link that became text gets. */
export function unlinkedMessage(target: InternalTarget): string {
  return `a link points at ${target.collection}/${target.key}, which is not published; shown as text`
}
