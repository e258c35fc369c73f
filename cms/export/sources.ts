/**
 * Reading from Payload: every published document of each collection (their published form, even when a
 * newer draft exists), or for a preview one document's latest draft and the published documents it
 * refers to. Every locale at once (`locale: 'all'`), relations populated two levels deep.
 */
import type { CollectionSlug, Payload, Where } from 'payload'
import { isPageCollection, type PageCollection } from '../../channels/snapshot/collections.ts'
import type { PreviewCollection } from '../preview/preview-paths.ts'
import { PreviewExportError, type PreviewTarget } from './export-context.ts'
import type {
  AnyDoc,
  ArticleDoc,
  BenefitDoc,
  CampaignDoc,
  LetterDoc,
  NewsletterDoc,
  OrganisationDoc,
  PageDoc,
  TermDoc,
} from '../lib/payload-docs.ts'

/** What one export maps: each collection's documents and the Organisation global. */
export interface Sources {
  topics: TermDoc[]
  segments: TermDoc[]
  articles: ArticleDoc[]
  benefits: BenefitDoc[]
  campaigns: CampaignDoc[]
  newsletters: NewsletterDoc[]
  letters: LetterDoc[]
  /** The site's pages (none in a preview: it shows the site's own menu and no page links). */
  pages: PageDoc[]
  /** The Navigation global; null in a preview. */
  navigation: Record<string, unknown> | null
  organisation: OrganisationDoc
}

/** The documents of each collection export reads. */
export interface DocOf {
  topics: TermDoc
  segments: TermDoc
  articles: ArticleDoc
  benefits: BenefitDoc
  campaigns: CampaignDoc
  newsletters: NewsletterDoc
  letters: LetterDoc
  pages: PageDoc
}

/** The collections whose documents are mapped one by one. */
export type DocumentCollection = 'articles' | 'benefits' | 'campaigns' | 'newsletters' | 'letters'

export type OnProgress = (done: number, total: number | undefined) => void

const PAGE_SIZE = 500

/**
 * Every published document, reporting documents read of all there are. With `documents` the five
 * collections mapped one by one (articles … letters) are read only by those ids (the incremental
 * export reads the changed ones; `undefined` reads a collection whole).
 */
export async function readPublishedSources(
  payload: Payload,
  onProgress?: OnProgress,
  documents?: Partial<Record<DocumentCollection, string[]>>,
): Promise<Sources> {
  const reader = new Reader(payload, onProgress)
  // Set before any page has come back (the reads are asynchronous): the progress total waits for all.
  reader.collections = 8
  const read = <C extends DocumentCollection>(collection: C) => {
    const ids = documents?.[collection]
    return ids === undefined ? reader.findAll(collection, true) : reader.findByIds(collection, ids)
  }
  const [topics, segments, articles, benefits, campaigns, newsletters, letters, pages] = await Promise.all([
    reader.findAll('topics', false),
    reader.findAll('segments', false),
    read('articles'),
    read('benefits'),
    read('campaigns'),
    read('newsletters'),
    read('letters'),
    reader.findAll('pages', true),
  ])
  const organisation = await readOrganisation(payload)
  const navigation = (await payload.findGlobal({
    slug: 'navigation',
    locale: 'all',
    depth: 1,
    overrideAccess: true,
  })) as unknown as Record<string, unknown>
  return {
    topics,
    segments,
    articles,
    benefits,
    campaigns,
    newsletters,
    letters,
    pages,
    navigation,
    organisation,
  }
}

/** The previewed draft and, published only, what it refers to. */
export async function readPreviewSources(payload: Payload, target: PreviewTarget): Promise<Sources> {
  const reader = new Reader(payload)
  let draft: AnyDoc
  try {
    // The Local API is untyped here (no `declare module 'payload'`): this is where its answer is named.
    draft = (await payload.findByID({
      collection: target.collection,
      id: target.id,
      locale: 'all',
      depth: 2,
      draft: true,
      overrideAccess: true,
    })) as unknown as AnyDoc
  } catch {
    throw new PreviewExportError(`${target.collection}/${target.id}: no such document (deleted?)`)
  }
  const refs = referencedIds(target.collection, draft)
  const published = (collection: PageCollection) =>
    refs[collection].length > 0
      ? reader.findAll(collection, true, { id: { in: refs[collection] } })
      : Promise.resolve([])
  const [topics, segments, articles, benefits, campaigns] = await Promise.all([
    reader.findAll('topics', false),
    reader.findAll('segments', false),
    published('articles'),
    published('benefits'),
    published('campaigns'),
  ])
  const lists: Record<PreviewCollection, AnyDoc[]> = {
    articles,
    benefits,
    campaigns,
    newsletters: [],
    letters: [],
    // A page's path is made of its ancestors' slugs: they come as published.
    pages: target.collection === 'pages' ? await publishedAncestors(reader, draft as PageDoc) : [],
  }
  lists[target.collection] = [
    draft,
    ...lists[target.collection].filter((doc) => String(doc.id) !== String(draft.id)),
  ]
  return {
    topics,
    segments,
    articles: lists.articles as ArticleDoc[],
    benefits: lists.benefits as BenefitDoc[],
    campaigns: lists.campaigns as CampaignDoc[],
    newsletters: lists.newsletters as NewsletterDoc[],
    letters: lists.letters as LetterDoc[],
    pages: lists.pages as PageDoc[],
    navigation: null,
    organisation: await readOrganisation(payload),
  }
}

/**
 * The published pages above a page, nearest first; stops at one that is not published (the export then
 * names it: the page cannot be shown under a parent that is not on the site).
 */
async function publishedAncestors(reader: Reader, page: PageDoc): Promise<PageDoc[]> {
  const ancestors: PageDoc[] = []
  const seen = new Set([String(page.id)])
  let parent = idOf(page.parent)
  // Deeper than any real site: a longer chain is a cycle, which export-pages.ts reports.
  while (parent !== null && !seen.has(String(parent)) && ancestors.length < 50) {
    seen.add(String(parent))
    const [found] = await reader.findAll('pages', true, { id: { equals: parent } })
    if (!found) break
    ancestors.push(found)
    parent = idOf(found.parent)
  }
  return ancestors
}

/** Payload's `sort: 'id'` order: numeric ids (SQLite) by number, text ids (MongoDB) as text. */
export function compareIds(a: string | number, b: string | number): number {
  return typeof a === 'number' && typeof b === 'number'
    ? a - b
    : String(a) < String(b)
      ? -1
      : String(a) > String(b)
        ? 1
        : 0
}

function idOf(value: unknown): string | number | null {
  return typeof value === 'string' || typeof value === 'number'
    ? value
    : typeof value === 'object' && value !== null && 'id' in value
      ? (value as { id: string | number }).id
      : null
}

async function readOrganisation(payload: Payload): Promise<OrganisationDoc> {
  const organisation = await payload.findGlobal({
    slug: 'organisation',
    locale: 'all',
    depth: 1,
    overrideAccess: true,
  })
  return organisation as unknown as OrganisationDoc
}

/** Paged reads that count documents read for the progress display. */
class Reader {
  /** How many collections are read at once (the progress total is known when each has answered). */
  collections = 0
  private done = 0
  private readonly totals = new Map<string, number>()

  constructor(
    private readonly payload: Payload,
    private readonly onProgress?: OnProgress,
  ) {}

  /** Published documents only (their published form, even when a newer draft exists), in pages. */
  async findAll<C extends keyof DocOf & CollectionSlug>(
    collection: C,
    versioned: boolean,
    only?: Where,
  ): Promise<DocOf[C][]> {
    const docs: DocOf[C][] = []
    const conditions: Where[] = [
      ...(versioned ? [{ _status: { equals: 'published' } }] : []),
      ...(only ? [only] : []),
    ]
    for (let page = 1; ; page++) {
      const result = await this.payload.find({
        collection,
        locale: 'all',
        depth: 2,
        draft: false,
        overrideAccess: true,
        limit: PAGE_SIZE,
        page,
        sort: 'id',
        ...(conditions.length > 0
          ? { where: conditions.length === 1 ? conditions[0] : { and: conditions } }
          : {}),
      })
      docs.push(...(result.docs as unknown as DocOf[C][]))
      this.count(collection, result.docs.length, result.totalDocs)
      if (!result.hasNextPage) return docs
    }
  }

  /** Published documents with these ids, in id order (a few hundred ids per query). */
  async findByIds<C extends keyof DocOf & CollectionSlug>(collection: C, ids: string[]): Promise<DocOf[C][]> {
    const docs: DocOf[C][] = []
    if (ids.length === 0) this.count(collection, 0, 0)
    for (let start = 0; start < ids.length; start += PAGE_SIZE) {
      const chunk = ids.slice(start, start + PAGE_SIZE)
      docs.push(...(await this.findAll(collection, true, { id: { in: chunk } })))
    }
    return docs.sort((a, b) => compareIds(a.id, b.id))
  }

  private count(collection: string, docs: number, totalDocs: number): void {
    if (!this.onProgress) return
    this.done += docs
    this.totals.set(collection, totalDocs)
    // The collections are read at once: the total is known when each has answered once.
    const total =
      this.totals.size === this.collections ? [...this.totals.values()].reduce((a, b) => a + b, 0) : undefined
    this.onProgress(this.done, total)
  }
}

/** Ids of the documents a draft refers to, by collection (relationships may be populated or bare ids). */
function referencedIds(
  collection: PreviewCollection,
  draft: AnyDoc,
): Record<PageCollection, Array<string | number>> {
  const refs: Record<PageCollection, Array<string | number>> = { articles: [], benefits: [], campaigns: [] }
  const add = (to: keyof typeof refs, value: unknown) => {
    const id = idOf(value)
    if (id !== null && !refs[to].includes(id)) refs[to].push(id)
  }
  if (collection === 'newsletters') {
    for (const item of (draft as NewsletterDoc).items ?? []) {
      if (isPageCollection(item.relationTo)) add(item.relationTo, item.value)
    }
  }
  if (collection === 'campaigns') {
    const campaign = draft as CampaignDoc
    for (const value of campaign.relatedArticles ?? []) add('articles', value)
    for (const value of campaign.relatedBenefits ?? []) add('benefits', value)
  }
  const letter = draft as LetterDoc
  if (collection === 'letters' && letter.campaign) add('campaigns', letter.campaign)
  // The published documents its rich text links to, so the preview shows those links as they will be.
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (typeof value !== 'object' || value === null) return
    const fields = value as { linkType?: unknown; doc?: { relationTo?: unknown; value?: unknown } }
    if (fields.linkType === 'internal' && typeof fields.doc?.relationTo === 'string')
      if (isPageCollection(fields.doc.relationTo)) add(fields.doc.relationTo, fields.doc.value)
    Object.values(value).forEach(visit)
  }
  visit(draft)
  return refs
}
