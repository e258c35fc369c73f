/**
 * CMS pages → the snapshot's `pages`: one entry per locale in which a page has its own title, with its
 * ancestors' slugs resolved, so every channel builds its path (`/<parent-slug>/<slug>/`) the same way.
 *
 * A page whose parent (or any ancestor) is not public (a draft, scheduled for later, deleted) is left
 * out with a warning: its address would contain an unpublished page's slug and lead through a page that
 * does not exist. A top-level page whose slug the site itself uses (`emner`, `sv`…) is left out the same
 * way (the CMS refuses such a save; this catches data written around it).
 */
import {
  DEFAULT_LOCALE,
  type Block,
  type Locale,
  type Page,
  type Snapshot,
} from '../../channels/snapshot/schema.ts'
import { pagePath, reservedPageSlug } from '../../channels/site/routes.ts'
import { oldPathsOf } from './export-redirects.ts'

type Id = number | string
type Doc = Record<string, unknown> & { id: Id }

/** What the exporter's `localizedEntries` yields for one locale of a document. */
export interface LocalizedEntry {
  common: Omit<Page, 'title' | 'summary' | 'body' | 'parent' | 'parentSlugs' | 'order' | 'oldPaths'>
  label: string
  locale: Locale
  // Methods (not function properties): the exporter's entries take only their collection's field names.
  text(field: string): string
  blocks(field: string): Block[]
}

/** Each page's site path per locale, by key: what a link to a page in any body becomes. */
export type PagePaths = Map<string, Partial<Record<Locale, string>>>

export interface PageExportContext {
  /** The document's entries per locale; none when it is not due (scheduled for later) or has no title. */
  entries: (doc: Doc) => Iterable<LocalizedEntry>
  warn: (document: string, field: string, message: string) => void
  /** Filled with every exported page's path before any page body is converted. */
  paths?: PagePaths
}

/** Deeper than any real site: a longer chain is a cycle that got past the CMS. */
const MAX_DEPTH = 50

export function exportPages(docs: Doc[], context: PageExportContext): Snapshot['pages'] {
  const byId = new Map<string, { doc: Doc; entries: LocalizedEntry[] }>()
  for (const doc of docs) {
    const entries = [...context.entries(doc)]
    if (entries.length > 0) byId.set(String(doc.id), { doc, entries })
  }

  // Where each page goes, first: links to pages in any body (these pages' too) become these paths.
  const placed: Array<{ doc: Doc; entry: LocalizedEntry; parent: string | null; parentSlugs: string[] }> = []
  for (const { doc, entries } of byId.values()) {
    const key = entries[0].common.key
    const ancestors = ancestorsOf(doc, byId)
    if ('problem' in ancestors) {
      context.warn(`pages/${key}`, 'parent', `${ancestors.problem}; the page is left out`)
      continue
    }
    const parent = ancestors.chain.at(-1)?.entries[0].common.key ?? null
    for (const entry of entries) {
      const parentSlugs = ancestors.chain.map(
        (ancestor) =>
          ancestor.entries.find((other) => other.locale === entry.locale)?.common.slug ??
          ancestor.entries[0].common.key,
      )
      // The path's first segment decides: a page below a top-level page with such a slug is refused too.
      const reserved = reservedPageSlug(parentSlugs[0] ?? entry.common.slug)
      if (reserved) {
        context.warn(entry.label, 'slug', `${reserved}; the page is left out`)
        continue
      }
      placed.push({ doc, entry, parent, parentSlugs })
      const paths = context.paths?.get(key) ?? {}
      paths[entry.locale] = pagePath(entry.locale, [...parentSlugs, entry.common.slug])
      context.paths?.set(key, paths)
    }
  }
  return placed.map(({ doc, entry, parent, parentSlugs }) => ({
    ...entry.common,
    title: entry.text('title'),
    summary: entry.text('summary'),
    body: entry.blocks('body'),
    parent,
    parentSlugs,
    order: typeof doc.order === 'number' && Number.isFinite(doc.order) ? doc.order : 0,
    oldPaths: oldPathsOf({ oldPaths: doc.oldPaths }, entry.locale, (field, message) =>
      context.warn(entry.label, field, message),
    ),
  }))
}

/**
 * A rich-text link to a page: its path in this locale, else in the default locale, else in any; a
 * page that is not published (or left out) cannot be linked.
 */
export function pageLink(
  paths: PagePaths,
  key: string,
  locale: Locale,
): { key: string; href: string } | { unlinked: string } {
  const found = paths.get(key)
  const href = found?.[locale] ?? found?.[DEFAULT_LOCALE] ?? Object.values(found ?? {})[0]
  return href ? { key, href } : { unlinked: `a link points at page "${key}", which is not published` }
}

type Known = { doc: Doc; entries: LocalizedEntry[] }

/** The page's ancestors, root first, or why they cannot be shown. */
function ancestorsOf(doc: Doc, byId: Map<string, Known>): { chain: Known[] } | { problem: string } {
  const chain: Known[] = []
  const seen = new Set<string>([String(doc.id)])
  let parentValue = doc.parent
  let parentId = idOf(parentValue)
  while (parentId !== null) {
    if (seen.has(String(parentId)) || chain.length >= MAX_DEPTH)
      return { problem: 'its parent pages form a cycle (the page is its own ancestor)' }
    seen.add(String(parentId))
    const parent = byId.get(String(parentId))
    if (!parent) {
      const slug = slugOf(parentValue, parentId)
      return {
        problem: `${chain.length === 0 ? 'its parent page' : 'an ancestor page'} ${slug} is not published (a draft, scheduled for later or deleted)`,
      }
    }
    chain.unshift(parent)
    parentValue = parent.doc.parent
    parentId = idOf(parentValue)
  }
  return { chain }
}

function idOf(value: unknown): Id | null {
  if (typeof value === 'number' || typeof value === 'string') return value
  if (typeof value === 'object' && value !== null && 'id' in value) return (value as Doc).id
  return null
}

/** `"bliv-medlem"` when the populated parent has a slug, else `(id 12)`: never more of an unpublished page. */
function slugOf(value: unknown, id: Id): string {
  const slug = typeof value === 'object' && value !== null ? (value as Doc).slug : undefined
  const text =
    typeof slug === 'string' ? slug : slug && typeof slug === 'object' ? Object.values(slug)[0] : undefined
  return typeof text === 'string' && text ? `"${text}"` : `(id ${id})`
}
