/**
 * The collection registry: each published collection's Payload slug, its primary field (what the
 * admin lists it by and what makes a locale's entry exist), and for the three with a page of their own
 * their kind (how newsletters, cards and card folders name them) and their site section (`/artikler/…`).
 * The Payload collections, export, import, preview and every channel read it from here.
 */

export const collectionNames = ['articles', 'benefits', 'campaigns', 'newsletters', 'letters'] as const
export type CollectionName = (typeof collectionNames)[number]

/** Collections with a page of their own on the site (and social cards). */
export const pageCollections = ['articles', 'benefits', 'campaigns'] as const
export type PageCollection = (typeof pageCollections)[number]

/** A page document's kind: edition items, card folders (`social/article/…`) and card layouts use it. */
export const pageKinds = ['article', 'benefit', 'campaign'] as const
export type PageKind = (typeof pageKinds)[number]

/**
 * Editor-managed site pages (Bliv medlem, Kontakt, Vedtægter…): hierarchical, each at its own path
 * (`/<parent-slug>/<slug>/`, channels/site/routes.ts), in the search index and sitemap but in no feed,
 * newsletter item or card, so they are not a page collection in the sense above.
 */
export const PAGES = 'pages' as const

/** Every collection whose published documents are in the snapshot, one entry per locale. */
export type LocalizedCollection = CollectionName | typeof PAGES

export type PrimaryField = 'title' | 'name' | 'subject'

export const PRIMARY_FIELD: Record<LocalizedCollection, PrimaryField> = {
  articles: 'title',
  benefits: 'name',
  campaigns: 'title',
  newsletters: 'subject',
  letters: 'subject',
  pages: 'title',
}

interface PageCollectionInfo {
  kind: PageKind
  /** The path segment of its pages on the site (Danish in every locale; see channels/site/routes.ts). */
  section: string
}

export const PAGE_COLLECTION: Record<PageCollection, PageCollectionInfo> = {
  articles: { kind: 'article', section: 'artikler' },
  benefits: { kind: 'benefit', section: 'fordele' },
  campaigns: { kind: 'campaign', section: 'kampagner' },
}

export const COLLECTION_OF_KIND: Record<PageKind, PageCollection> = {
  article: 'articles',
  benefit: 'benefits',
  campaign: 'campaigns',
}

export function isPageCollection(value: string): value is PageCollection {
  return (pageCollections as readonly string[]).includes(value)
}
