/**
 * References between documents: topics and segments (terms) as the snapshot names them, a related
 * document's key (its Danish slug), and internal links (their target, then where they lead).
 */
import { isPageCollection, PAGES } from '../../channels/snapshot/collections.ts'
import { pageLink } from './export-pages.ts'
import {
  DEFAULT_LOCALE,
  LOCALES,
  type CollectionName,
  type Locale,
  type Snapshot,
  type TermRef,
} from '../../channels/snapshot/schema.ts'
import { documentPath } from '../../channels/site/routes.ts'
import { linkResolver, settleSnapshotLinks, unlinkedMessage } from '../../channels/snapshot/links.ts'
import { nonEmpty, type ExportContext, type PerLocale } from './export-context.ts'
import type { TermDoc } from '../lib/payload-docs.ts'

/** A topic or segment with its name in every locale (falling back to Danish, then any name, then the slug). */
export function mapTerm(doc: TermDoc): Snapshot['topics'][number] {
  const names = doc.name ?? {}
  const descriptions = doc.description ?? {}
  const fallbackName = names[DEFAULT_LOCALE] ?? Object.values(names).find(nonEmpty) ?? String(doc.slug)
  const name = Object.fromEntries(
    LOCALES.map((l) => [l, nonEmpty(names[l]) ? names[l] : fallbackName]),
  ) as Record<Locale, string>
  const description: PerLocale<string> = {}
  for (const l of LOCALES) if (nonEmpty(descriptions[l])) description[l] = descriptions[l]
  return { id: String(doc.id), slug: String(doc.slug), name, description }
}

/** Populated terms of a relationship field, named in `locale`. */
export function termRefs(value: unknown, locale: Locale): TermRef[] {
  if (!Array.isArray(value)) return []
  return value
    .filter((v): v is TermDoc => typeof v === 'object' && v !== null && 'slug' in v)
    .map((doc) => {
      const names = doc.name ?? {}
      return { slug: String(doc.slug), name: names[locale] || names[DEFAULT_LOCALE] || String(doc.slug) }
    })
}

/** The key of a populated document (its Danish slug, else any slug), or null when it is gone. */
export function keyOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null
  const slugs = (value as { slug?: PerLocale<string | null> | string | null }).slug ?? undefined
  if (typeof slugs === 'string') return slugs
  return slugs?.[DEFAULT_LOCALE] ?? Object.values(slugs ?? {}).find(nonEmpty) ?? null
}

export function keysOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => keyOf(v)).filter((k): k is string => k !== null) : []
}

/**
 * An internal link's target as the editor chose it, or null when it is gone. Where it leads is settled
 * later, for the whole snapshot at once (a site page's link is settled here, by `pageLink`) (channels/snapshot/links.ts); `href` is the provisional path.
 */
export function internalLinkTarget(
  context: ExportContext,
  relationTo: string,
  value: unknown,
  locale: Locale,
) {
  const key = keyOf(value)
  // A site page's path is known at export (pages are mapped first): the link leads there or is text.
  if (key && relationTo === PAGES) return pageLink(context.pagePaths, key, locale)
  if (!key || !isPageCollection(relationTo)) return null
  const slugs = (value as { slug?: PerLocale<string | null> | null }).slug ?? {}
  return {
    collection: relationTo as CollectionName,
    key,
    href: documentPath(relationTo, slugs[locale] ? locale : DEFAULT_LOCALE, slugs[locale] ?? key),
  }
}

/**
 * Every internal link settled against what this snapshot publishes (a preview judges no dates: its
 * draft shows whatever its dates); a link to anything else becomes its text, with one warning.
 */
export function settleExportLinks(context: ExportContext, snapshot: Snapshot): Snapshot {
  const resolve = linkResolver(snapshot, context.preview ? null : context.now)
  const settled = settleSnapshotLinks(snapshot, resolve)
  for (const { document, field, target } of settled.unlinked)
    context.warn(document, field, unlinkedMessage(target))
  return settled.snapshot
}
