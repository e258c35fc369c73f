/**
 * `budstikke import FILE.json`: upserts content by (collection, slug, locale) through the Local API.
 * Each item runs in its own transaction (on SQLite a savepoint in a batch of items): a bad item writes
 * nothing and is reported with its path; the good ones go in. An item identical to its last import is
 * skipped, so re-importing changes nothing. On SQLite the transactions are issued by
 * item-transaction.ts, so a failed COMMIT is noticed: the batch's items are then imported once more,
 * each in a transaction of its own, and reported one by one (Payload's own commit swallows it).
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { setImmediate as nextEventLoopTurn } from 'node:timers/promises'
import { createLocalReq, type CollectionSlug, type Payload, type PayloadRequest } from 'payload'
import sharp from 'sharp'
import type { z } from 'zod'
import { COLLECTION_OF_KIND, PRIMARY_FIELD } from '../../channels/snapshot/collections.ts'
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../channels/snapshot/schema.ts'
import { formatPath } from '../../channels/snapshot/read-snapshot.ts'
import { slugify } from '../lib/slugify.ts'
import {
  KNOWN_KEYS,
  SECTIONS,
  articleItemSchema,
  benefitItemSchema,
  campaignItemSchema,
  letterItemSchema,
  newsletterItemSchema,
  navigationItemSchema,
  organisationItemSchema,
  pageItemSchema,
  termItemSchema,
  type ArticleItem,
  type BenefitItem,
  type CampaignItem,
  type ImportBody,
  type ImportImage,
  type LetterItem,
  type NewsletterItem,
  type PageItem,
  type TermItem,
  type ImportStatus,
  type NavigationEntry,
  type NavigationItem,
  type OrganisationItem,
  type Section,
} from './import-schema.ts'
import { convertHtml, markdownToHtml, resolveConversion } from './html-to-lexical.ts'
import { CODE_LANGUAGES } from '../fields/rich-text.ts'
import type { BodyConversion } from './html-conversion-thread.ts'
import { documentOfSitePath } from './site-paths.ts'
import {
  ItemBatch,
  beginItemTransaction,
  commitItemTransaction,
  rollbackItemTransaction,
} from './item-transaction.ts'
import { KnownIds } from './known-ids.ts'
import type {
  Article,
  Benefit,
  Campaign,
  Letter,
  Navigation,
  Newsletter,
  Organisation,
} from '../payload-types.ts'
import type { DocId, GlobalWriteData, RichText, TermDoc, WriteData } from '../lib/payload-docs.ts'

/** The globals import writes, as Payload's generated types describe them. */
interface ImportedGlobal {
  organisation: Organisation
  navigation: Navigation
}

export interface ImportProblem {
  /** `articles[12].publishedAt` */
  path: string
  message: string
}

export interface ImportReport {
  created: number
  updated: number
  unchanged: number
  rejected: ImportProblem[]
  /** What went in but not whole: `articles/slug (da) body: <video> not supported; its link is kept`. */
  warnings: ImportProblem[]
}

export interface ImportOptions {
  /** Folder of the import file: image paths are relative to it. */
  baseDir: string
  /** A second folder where `<img src>` paths are looked up (`--media-root`), matched by path. */
  mediaRoot?: string
  /** Items done (imported, unchanged or rejected) of all items in the file. */
  onProgress?: (done: number, total: number) => void
  /** How many items, at most, share a transaction and for how long (ms); the defaults suit the CLI. */
  batchLimits?: BatchLimits
}

export interface BatchLimits {
  items: number
  ms: number
}

/** An error that belongs to one field of the item being imported. */
class ItemError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

export type Outcome = 'created' | 'updated' | 'unchanged'
/**
 * Counts an item's outcome for the caller: +1 when it lands or is rejected, -1 when a lost batch
 * takes back what it counted (the item is then imported once more, alone, and counted again).
 */
export type Tally = (outcome: Outcome | 'rejected', change: 1 | -1) => void

/**
 * Items share a transaction until this many have landed or the first of them began this long ago
 * (ms): few commits, and the write lock is never held long against an admin saving meanwhile.
 */
const BATCH_LIMITS: BatchLimits = { items: 100, ms: 250 }
/** After this many look-ups of a document by slug in one collection and locale, all its slugs are read at once. */
const LOOKUPS_BEFORE_PRELOAD = 50

/** An item written in the open batch: what is needed to count it back and import it once more, alone. */
interface BatchEntry {
  itemPath: string
  item: unknown
  write: (item: unknown, req: PayloadRequest) => Promise<Outcome>
  tally?: Tally
  /** As counted; `undefined` for the item whose failure lost the batch (not counted yet). */
  outcome: Outcome | 'rejected' | undefined
  /** The warnings it added (a second import adds them again). */
  warnings: ImportProblem[]
}
/** A document's id in one locale, and its import hash there once read (`null`: never imported). */
interface KnownDoc {
  id: DocId
  importHash?: string | null
}
/** What import reads of an existing document (Payload's generated types, `npm run types`). */
type Doc = Pick<Article | Benefit | Campaign | Newsletter | Letter, 'id' | 'importHash' | '_status'>
/** The collections whose items `fillFields` writes (terms go through `importTerm`). */
type DocumentSection = Exclude<Section, 'topics' | 'segments'>
/** One entry of a newsletter's `items` (a relation to an article, benefit or campaign). */
type NewsletterEntry = NonNullable<WriteData<'newsletters'>['items']>[number]
/**
 * The Organisation as import writes it: a colour left out keeps its stored value (an update fills a
 * group's missing fields from the document), though the generated type has every colour required.
 */
type OrganisationData = Omit<GlobalWriteData<'organisation'>, 'colours'> & {
  colours?: Partial<Organisation['colours']>
}
/** A navigation menu row as written (one entry of a locale's header or footer). */
type NavigationRow = NonNullable<
  NonNullable<NonNullable<GlobalWriteData<'navigation'>['da']>['header']>[number]
>

/** Copies the `fields` of an import item that it gives into `target`, each typed as the document's field. */
function copyFields<T extends object, K extends keyof T>(
  target: T,
  item: { [P in K]?: T[P] },
  ...fields: K[]
): void {
  for (const field of fields) if (item[field] !== undefined) target[field] = item[field] as T[K]
}

const ITEM_SCHEMAS: Record<Section, z.ZodType> = {
  topics: termItemSchema,
  segments: termItemSchema,
  articles: articleItemSchema,
  benefits: benefitItemSchema,
  campaigns: campaignItemSchema,
  pages: pageItemSchema,
  newsletters: newsletterItemSchema,
  letters: letterItemSchema,
}

export async function importFile(
  payload: Payload,
  file: string,
  options: Omit<ImportOptions, 'baseDir'> = {},
): Promise<ImportReport> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new Error(
      `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read: ${(error as Error).message}`}`,
    )
  }
  let input: unknown
  try {
    input = JSON.parse(text)
  } catch (error) {
    throw new Error(`${file}: not readable JSON: ${(error as Error).message}`)
  }
  return importContent(payload, input, {
    baseDir: path.dirname(path.resolve(file)),
    ...(options.mediaRoot ? { mediaRoot: path.resolve(options.mediaRoot) } : {}),
    onProgress: options.onProgress,
  })
}

/**
 * An importer fed one item at a time: the WordPress import streams its items in and so never holds
 * the whole content. Each item goes through the same validation, transaction and hash as in `importContent`.
 */
export interface ItemImporter {
  readonly report: ImportReport
  /**
   * Imports one item of `section` (`itemPath` names it in messages); `rejected` when it was. `tally`
   * counts it, and counts it again should its batch be lost and the item be imported once more.
   * `converted`: its bodies' first pass of HTML → Lexical done elsewhere (on the conversion thread), by
   * their HTML, awaited only when a body is written (an unchanged item never waits for it); each is
   * used once (an item imported once more converts anew).
   */
  importItem(
    section: Section,
    raw: unknown,
    itemPath: string,
    tally?: Tally,
    converted?: Promise<Map<string, BodyConversion>>,
  ): Promise<Outcome | 'rejected'>
  /** Whether a document with this slug exists in `locale` (published or not). */
  hasDocument(section: Section, slug: string, locale: Locale): Promise<boolean>
  /** Commits the items written so far; the report is final for them afterwards. */
  flush(): Promise<void>
}

export function openItemImporter(payload: Payload, options: ImportOptions): ItemImporter {
  return new ContentImporter(payload, options.baseDir, options.mediaRoot, undefined, options.batchLimits)
}

export async function importContent(
  payload: Payload,
  input: unknown,
  options: ImportOptions,
): Promise<ImportReport> {
  const importer = new ContentImporter(payload, options.baseDir, options.mediaRoot, options.onProgress)
  return importer.run(input)
}

class ContentImporter implements ItemImporter {
  readonly report: ImportReport = { created: 0, updated: 0, unchanged: 0, rejected: [], warnings: [] }
  private readonly items = { done: 0, total: 0 }
  /** `articles/slug (da)`: the document whose body is being converted, for warnings. */
  private currentDocument = ''
  /** The transaction items share on SQLite (`null` elsewhere), its items so far and when it began. */
  private readonly batch: ItemBatch | null
  private batchEntries: BatchEntry[] = []
  private batchStarted = 0
  private readonly known = new KnownIds()
  /** A picture file's content hash (sourceHash), read and checked once per run. */
  private readonly fileHashes = new Map<string, string>()
  /** Look-ups of documents by slug per collection and locale, until all of them are read at once. */
  private readonly lookups = new Map<string, number>()
  /** The bodies converted already of the item being written (importItem's `converted`). */
  private converted: Promise<Map<string, BodyConversion>> | undefined

  constructor(
    private readonly payload: Payload,
    private readonly baseDir: string,
    private readonly mediaRoot?: string,
    private readonly onProgress?: ImportOptions['onProgress'],
    private readonly batchLimits: BatchLimits = BATCH_LIMITS,
  ) {
    this.batch = ItemBatch.of(payload)
  }

  async run(input: unknown): Promise<ImportReport> {
    try {
      return await this.runSections(input)
    } finally {
      // Whatever went in before an error stays in, as when each item was its own transaction.
      await this.flush()
    }
  }

  private async runSections(input: unknown): Promise<ImportReport> {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      this.reject('', `the file must hold an object with ${KNOWN_KEYS.join(', ')}`)
      return this.report
    }
    const sections = input as Record<string, unknown>
    for (const key of Object.keys(sections))
      if (!(KNOWN_KEYS as readonly string[]).includes(key))
        this.reject(key, `unknown section (known: ${KNOWN_KEYS.join(', ')})`)
    this.items.total =
      (sections.organisation !== undefined ? 1 : 0) +
      (sections.navigation !== undefined ? 1 : 0) +
      SECTIONS.reduce(
        (sum, section) => sum + (Array.isArray(sections[section]) ? sections[section].length : 0),
        0,
      )
    this.onProgress?.(0, this.items.total)

    if (sections.organisation !== undefined)
      await this.runItem('organisation', sections.organisation, organisationItemSchema, (item, req) =>
        this.importOrganisation(item as OrganisationItem, req),
      )

    for (const section of SECTIONS) {
      const items = sections[section]
      if (items === undefined) continue
      if (!Array.isArray(items)) {
        this.reject(section, 'must be a list')
        continue
      }
      // Default-locale items first: a translation attaches to the document they create. Pages: a parent
      // before its children, so a child finds it whatever order the file lists them in.
      const depth = section === 'pages' ? pageDepths(items) : () => 0
      const order = items
        .map((item, index) => ({ item, index }))
        .sort((a, b) => localeRank(a.item) - localeRank(b.item) || depth(a.item) - depth(b.item))
      for (const { item, index } of order) {
        await this.runItem(`${section}[${index}]`, item, ITEM_SCHEMAS[section], (parsed, req) =>
          this.importItemOf(section, parsed as Record<string, unknown>, req),
        )
      }
    }

    if (sections.navigation !== undefined)
      await this.runItem('navigation', sections.navigation, navigationItemSchema, (item, req) =>
        this.importNavigation(item as NavigationItem, req),
      )
    return this.report
  }

  async importItem(
    section: Section,
    raw: unknown,
    itemPath: string,
    tally?: Tally,
    converted?: Promise<Map<string, BodyConversion>>,
  ): Promise<Outcome | 'rejected'> {
    return this.importOne(
      itemPath,
      raw,
      ITEM_SCHEMAS[section],
      async (parsed, req) => {
        // Items are written one at a time, so the item being written owns this field meanwhile.
        this.converted = converted
        try {
          return await this.importItemOf(section, parsed as Record<string, unknown>, req)
        } finally {
          this.converted = undefined
        }
      },
      tally,
    )
  }

  async flush(): Promise<void> {
    if (!this.batch?.open) return
    const entries = this.batchEntries
    this.batchEntries = []
    try {
      await this.batch.commit()
    } catch {
      // Nothing of the batch is in: each of its items once more, alone (its own failure, if any, is reported).
      await this.importAgainAlone(entries)
    }
  }

  async hasDocument(section: Section, slug: string, locale: Locale): Promise<boolean> {
    return (await this.findIdBySlug(section, slug, locale)) !== undefined
  }

  /** The id of the document with this slug in `locale`, published or not, read from the database. */
  private async findIdBySlug(
    collection: CollectionSlug,
    slug: string,
    locale: Locale,
    req?: PayloadRequest,
  ): Promise<DocId | undefined> {
    const found = await this.payload.find({
      collection,
      where: { slug: { equals: slug } },
      locale,
      fallbackLocale: false,
      limit: 1,
      depth: 0,
      draft: true,
      overrideAccess: true,
      req,
      pagination: false,
      select: { slug: true } as never,
    })
    return (found.docs[0] as { id: DocId } | undefined)?.id
  }

  /** Validate, then write in one transaction; any failure rolls the item back and is reported. */
  private async runItem(
    itemPath: string,
    raw: unknown,
    schema: z.ZodType,
    write: (item: unknown, req: PayloadRequest) => Promise<Outcome>,
  ): Promise<void> {
    try {
      await this.importOne(itemPath, raw, schema, write)
    } finally {
      this.onProgress?.(++this.items.done, this.items.total)
    }
  }

  private async importOne(
    itemPath: string,
    raw: unknown,
    schema: z.ZodType,
    write: (item: unknown, req: PayloadRequest) => Promise<Outcome>,
    tally?: Tally,
  ): Promise<Outcome | 'rejected'> {
    const parsed = schema.safeParse(raw)
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        this.reject(joinPath(itemPath, formatPath(issue.path)), issue.message)
      tally?.('rejected', 1)
      return 'rejected'
    }
    try {
      if (this.batch && !this.batch.open) {
        await this.batch.begin()
        this.batchStarted = performance.now()
      }
      const warningsBefore = this.report.warnings.length
      const result = await this.writeItem(itemPath, parsed.data, write)
      const entry: BatchEntry = {
        itemPath,
        item: parsed.data,
        write,
        tally,
        outcome: undefined,
        warnings: this.report.warnings.slice(warningsBefore),
      }
      if (this.batch?.lost) {
        // SQLite ended the batch by itself (e.g. disk full): its items and this one once more, each alone.
        const entries = [...this.batchEntries, entry]
        this.batchEntries = []
        await this.batch.rollback()
        await this.importAgainAlone(entries)
        return entry.outcome ?? 'rejected'
      }
      entry.outcome = this.count(result, tally)
      if (this.batch && entry.outcome !== 'rejected') this.batchEntries.push(entry)
      if (
        this.batch?.open &&
        (this.batchEntries.length >= this.batchLimits.items ||
          performance.now() - this.batchStarted >= this.batchLimits.ms)
      )
        await this.flush()
      return entry.outcome
    } finally {
      // libsql prepares a native statement per query and frees it in a finaliser that Node runs from
      // the event loop, not from a promise continuation. SQLite calls are synchronous, so without this
      // turn a run of items never reaches the event loop and the statements pile up (~0.2 MB per item).
      await nextEventLoopTurn()
    }
  }

  /**
   * Writes one parsed item in its own transaction, or in a savepoint of the open batch: a failure
   * rolls back this item alone (and what the run learnt from it).
   */
  private async writeItem(
    itemPath: string,
    item: unknown,
    write: (item: unknown, req: PayloadRequest) => Promise<Outcome>,
  ): Promise<{ outcome: Outcome } | { problem: ImportProblem }> {
    const req = await createLocalReq({}, this.payload)
    await beginItemTransaction(req, this.batch)
    this.known.beginItem()
    try {
      const outcome = await write(item, req)
      await commitItemTransaction(req)
      this.known.keepItem()
      return { outcome }
    } catch (error) {
      await rollbackItemTransaction(req)
      this.known.undoItem()
      if (error instanceof ItemError)
        return { problem: { path: joinPath(itemPath, error.field), message: error.message } }
      return { problem: { path: itemPath, message: describePayloadError(error) } }
    }
  }

  private count(result: { outcome: Outcome } | { problem: ImportProblem }, tally?: Tally) {
    if ('problem' in result) {
      this.report.rejected.push(result.problem)
      tally?.('rejected', 1)
      return 'rejected' as const
    }
    this.report[result.outcome]++
    tally?.(result.outcome, 1)
    return result.outcome
  }

  /**
   * A batch that did not commit: what it counted is taken back, and each of its items is written once
   * more in a transaction of its own, so a bad one is reported alone and the others land.
   */
  private async importAgainAlone(entries: BatchEntry[]): Promise<void> {
    this.known.clear()
    const repeated = new Set(entries.flatMap((entry) => entry.warnings))
    this.report.warnings = this.report.warnings.filter((warning) => !repeated.has(warning))
    for (const entry of entries) {
      if (entry.outcome !== undefined && entry.outcome !== 'rejected') {
        this.report[entry.outcome]--
        entry.tally?.(entry.outcome, -1)
      }
      entry.outcome = this.count(await this.writeItem(entry.itemPath, entry.item, entry.write), entry.tally)
      await nextEventLoopTurn()
    }
  }

  private reject(where: string, message: string): void {
    this.report.rejected.push({ path: where, message })
  }

  // ------------------------------------------------------------ collections

  private async importItemOf(
    section: Section,
    item: Record<string, unknown>,
    req: PayloadRequest,
  ): Promise<Outcome> {
    if (section === 'topics' || section === 'segments') return this.importTerm(section, item as TermItem, req)
    const locale = item.locale as Locale
    const primary = PRIMARY_FIELD[section]
    const slug = (item.slug as string | undefined) ?? slugify(String(item[primary]))
    if (!slug) throw new ItemError(primary, 'gives no usable slug; add "slug"')
    const existing = await this.findDocument(
      section,
      slug,
      locale,
      item.translationOf as string | undefined,
      req,
    )
    const hash = await this.hashItem(item, req)
    if (existing && existing.importHash === hash) return 'unchanged'

    const isDefault = locale === DEFAULT_LOCALE || !existing
    this.currentDocument = `${section}/${slug} (${locale})`
    const status = item.status as ImportStatus
    const data: WriteData<DocumentSection> = {
      slug,
      importHash: hash,
      _status: status === 'published' ? 'published' : 'draft',
      ...(await this.fillFields(section, item, isDefault, req)),
    }
    // A draft goes in beside the published version, which stays public; `unpublished` saves the document
    // itself as a draft, which takes the published version off every channel (as the admin's Unpublish).
    const draft = status === 'draft' || (status === 'unpublished' && !existing)
    if (existing) {
      await this.payload.update({
        collection: section,
        id: existing.id,
        data,
        locale,
        draft,
        req,
        overrideAccess: true,
        depth: 0,
      })
      this.learnDocument(section, locale, slug, { id: existing.id, importHash: hash })
      return 'updated'
    }
    const created = await this.payload.create({
      collection: section,
      data,
      locale,
      draft,
      req,
      overrideAccess: true,
      depth: 0,
    })
    this.learnDocument(section, locale, slug, { id: created.id, importHash: hash })
    return 'created'
  }

  /**
   * Remembers a document's id and import hash under its slug in `locale` (its own writes, or a look-up
   * that found it); a slug it had before in that locale no longer leads to it.
   */
  private learnDocument(section: CollectionSlug, locale: Locale, slug: string, doc: KnownDoc): void {
    const slugOfId = `slug-of\0${section}\0${locale}\0${doc.id}`
    const previous = this.known.get<string>(slugOfId)
    if (previous !== undefined && previous !== slug) this.known.delete(documentKey(section, locale, previous))
    this.known.set(slugOfId, slug)
    const key = documentKey(section, locale, slug)
    const before = this.known.get<KnownDoc>(key)
    // A look-up that read only the id keeps the hash an earlier one read.
    if (!('importHash' in doc) && before?.id === doc.id && 'importHash' in before) return
    this.known.set(key, doc)
  }

  /**
   * The document with this slug in `locale` (any status), as far as the run knows it: `undefined` when
   * it must be looked up, `null` when there is none. After a number of look-ups in a collection and
   * locale, all its slugs are read at once (a large import then asks once, not once per item).
   */
  private async knownDocument(
    section: CollectionSlug,
    slug: string,
    locale: Locale,
    req: PayloadRequest,
  ): Promise<KnownDoc | null | undefined> {
    const found = this.known.get<KnownDoc>(documentKey(section, locale, slug))
    if (found) return found
    const complete = `complete\0${section}\0${locale}`
    if (this.known.has(complete)) return null
    // Terms are created on the way (termIds) without being learnt here: only found ones are known.
    if (section === 'topics' || section === 'segments') return undefined
    const counter = `${section}\0${locale}`
    const lookups = (this.lookups.get(counter) ?? 0) + 1
    this.lookups.set(counter, lookups)
    if (lookups < LOOKUPS_BEFORE_PRELOAD) return undefined
    const all = await this.payload.find({
      collection: section,
      locale,
      fallbackLocale: false,
      depth: 0,
      draft: true,
      overrideAccess: true,
      req,
      pagination: false,
      select: { slug: true, importHash: true } as never,
    })
    for (const doc of all.docs as unknown as { id: DocId; slug?: unknown; importHash?: string | null }[])
      if (typeof doc.slug === 'string')
        this.learnDocument(section, locale, doc.slug, { id: doc.id, importHash: doc.importHash ?? null })
    // Known whole from here on: the run's own writes are learnt as they are made.
    this.known.set(complete, true)
    return this.known.get<KnownDoc>(documentKey(section, locale, slug)) ?? null
  }

  /**
   * Localized fields always; shared fields (images, relations, dates) from the default-locale item or on
   * create. Each section's fields are typed as its documents' (`WriteData`); the item was parsed by its
   * section's schema (`ITEM_SCHEMAS`), hence the casts to the item types.
   */
  private async fillFields(
    section: DocumentSection,
    item: Record<string, unknown>,
    shared: boolean,
    req: PayloadRequest,
  ): Promise<WriteData<DocumentSection>> {
    // Old addresses are per locale, like the text they led to; canonical already (import-schema.ts).
    const oldPaths = (paths: string[] | undefined) =>
      paths !== undefined ? { oldPaths: [...new Set(paths)].map((oldPath) => ({ path: oldPath })) } : {}
    switch (section) {
      case 'articles': {
        const it = item as ArticleItem
        const data: WriteData<'articles'> = oldPaths(it.oldPaths)
        copyFields(data, it, 'title', 'summary')
        if (it.body !== undefined) data.body = await this.toLexical(it.body, 'body', req)
        if (shared) {
          copyFields(data, it, 'publishedAt', 'authors')
          if (it.topics) data.topics = await this.termIds('topics', it.topics, req)
          if (it.segments) data.segments = await this.termIds('segments', it.segments, req)
          if (it.image) data.hero = await this.mediaId(it.image, 'image', req)
        }
        return data
      }
      case 'benefits': {
        const it = item as BenefitItem
        const data: WriteData<'benefits'> = oldPaths(it.oldPaths)
        copyFields(data, it, 'name', 'category', 'summary', 'offer', 'howToClaim', 'eligibility')
        if (it.body !== undefined) data.body = await this.toLexical(it.body, 'body', req)
        if (shared) {
          copyFields(data, it, 'partner', 'partnerUrl', 'validFrom', 'validTo', 'featured', 'publishedAt')
          if (it.eligibleSegments)
            data.eligibleSegments = await this.termIds('segments', it.eligibleSegments, req)
          if (it.logo) data.logo = await this.mediaId(it.logo, 'logo', req)
        }
        return data
      }
      case 'campaigns': {
        const it = item as CampaignItem
        const data: WriteData<'campaigns'> = oldPaths(it.oldPaths)
        copyFields(data, it, 'title', 'summary', 'newsletterText', 'letterText', 'socialPosts')
        if (it.body !== undefined) data.body = await this.toLexical(it.body, 'body', req)
        const cta = it.callToAction
        if (cta) data.callToAction = shared ? { label: cta.label, url: cta.url } : { label: cta.label }
        if (shared) {
          copyFields(data, it, 'startsAt', 'endsAt', 'publishedAt')
          if (it.segments) data.segments = await this.termIds('segments', it.segments, req)
          if (it.image) data.hero = await this.mediaId(it.image, 'image', req)
          if (it.relatedArticles)
            data.relatedArticles = await this.documentIds(
              'articles',
              it.relatedArticles,
              'relatedArticles',
              req,
            )
          if (it.relatedBenefits)
            data.relatedBenefits = await this.documentIds(
              'benefits',
              it.relatedBenefits,
              'relatedBenefits',
              req,
            )
        }
        return data
      }
      case 'pages': {
        const it = item as PageItem
        const data: WriteData<'pages'> = oldPaths(it.oldPaths)
        copyFields(data, it, 'title', 'summary')
        if (it.body !== undefined) data.body = await this.toLexical(it.body, 'body', req)
        if (shared) {
          copyFields(data, it, 'publishedAt', 'order')
          if (it.parent === null) data.parent = null
          else if (typeof it.parent === 'string')
            data.parent = (await this.documentIds('pages', [it.parent], 'parent', req))[0]
        }
        return data
      }
      case 'newsletters': {
        const it = item as NewsletterItem
        const data: WriteData<'newsletters'> = {}
        copyFields(data, it, 'subject', 'preheader')
        if (it.intro !== undefined) data.intro = await this.toLexical(it.intro, 'intro', req)
        if (shared) {
          copyFields(data, it, 'publishedAt')
          data.items = await Promise.all(
            (it.items ?? []).map(async (entry, index) => {
              const collection = COLLECTION_OF_KIND[entry.kind]
              const [id] = await this.documentIds(collection, [entry.key], `items[${index}].key`, req)
              return { relationTo: collection, value: id } as NewsletterEntry
            }),
          )
          if (it.segment) data.segment = (await this.termIds('segments', [it.segment], req))[0]
        }
        return data
      }
      case 'letters': {
        const it = item as LetterItem
        const data: WriteData<'letters'> = {}
        copyFields(data, it, 'subject')
        if (it.body !== undefined) data.body = await this.toLexical(it.body, 'body', req)
        const signature = it.signature
        if (signature) {
          data.signature = {
            ...(signature.title !== undefined ? { title: signature.title } : {}),
            ...(shared && signature.name !== undefined ? { name: signature.name } : {}),
            ...(shared && signature.image
              ? { image: await this.mediaId(signature.image, 'signature.image', req) }
              : {}),
          }
        }
        if (shared) {
          copyFields(data, it, 'publishedAt')
          if (it.campaign)
            data.campaign = (await this.documentIds('campaigns', [it.campaign], 'campaign', req))[0]
        }
        return data
      }
    }
  }

  private async findDocument(
    section: Section,
    slug: string,
    locale: Locale,
    translationOf: string | undefined,
    req: PayloadRequest,
  ): Promise<KnownDoc | null> {
    const bySlug = async (value: string, inLocale: Locale): Promise<KnownDoc | null> => {
      const known = await this.knownDocument(section, value, inLocale, req)
      if (known === null || (known && 'importHash' in known)) return known
      const result = await this.payload.find({
        collection: section,
        where: { slug: { equals: value } },
        locale: inLocale,
        fallbackLocale: false,
        limit: 1,
        depth: 0,
        draft: true,
        overrideAccess: true,
        req,
        pagination: false,
        select: { importHash: true, _status: true } as never,
      })
      const doc = result.docs[0] as Doc | undefined
      if (!doc) return null
      const read = { id: doc.id, importHash: doc.importHash ?? null }
      this.learnDocument(section, inLocale, value, read)
      return read
    }
    if (locale === DEFAULT_LOCALE) return bySlug(slug, locale)
    if (translationOf) {
      const original = await bySlug(translationOf, DEFAULT_LOCALE)
      if (!original)
        throw new ItemError(
          'translationOf',
          `no ${section} document with slug "${translationOf}" in ${DEFAULT_LOCALE}`,
        )
      return this.withLocaleHash(section, original.id, locale, req)
    }
    const own = await bySlug(slug, locale)
    if (own) return own
    const sameSlug = await bySlug(slug, DEFAULT_LOCALE)
    return sameSlug ? this.withLocaleHash(section, sameSlug.id, locale, req) : null
  }

  /** The document as seen in `locale` (its import hash is per locale). */
  private async withLocaleHash(
    section: Section,
    id: number | string,
    locale: Locale,
    req: PayloadRequest,
  ): Promise<Doc> {
    const doc = await this.payload.findByID({
      collection: section,
      id,
      locale,
      fallbackLocale: false,
      depth: 0,
      draft: true,
      overrideAccess: true,
      req,
    })
    return doc as unknown as Doc
  }

  // ------------------------------------------------------------ terms, relations, media

  private async importTerm(
    section: 'topics' | 'segments',
    item: TermItem,
    req: PayloadRequest,
  ): Promise<Outcome> {
    const names =
      typeof item.name === 'string'
        ? { [DEFAULT_LOCALE]: item.name }
        : (item.name as Partial<Record<Locale, string>>)
    const descriptions =
      typeof item.description === 'string'
        ? { [DEFAULT_LOCALE]: item.description }
        : ((item.description ?? {}) as Partial<Record<Locale, string>>)
    const found = await this.payload.find({
      collection: section,
      where: { slug: { equals: item.slug } },
      locale: 'all',
      limit: 1,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const existing = found.docs[0] as unknown as TermDoc | undefined
    let changed = false
    let id: number | string | undefined = existing?.id
    for (const [locale, name] of Object.entries(names) as [Locale, string][]) {
      const description = descriptions[locale]
      if (
        existing?.name?.[locale] === name &&
        (description === undefined || existing?.description?.[locale] === description)
      )
        continue
      const data: WriteData<'topics' | 'segments'> = {
        slug: item.slug,
        name,
        ...(description !== undefined ? { description } : {}),
      }
      if (id === undefined)
        id = (
          await this.payload.create({
            collection: section,
            data,
            locale,
            overrideAccess: true,
            req,
            depth: 0,
          })
        ).id
      else
        await this.payload.update({
          collection: section,
          id,
          data,
          locale,
          overrideAccess: true,
          req,
          depth: 0,
        })
      changed = true
    }
    return !changed ? 'unchanged' : existing ? 'updated' : 'created'
  }

  /** Ids of topics or segments by slug; unknown ones are created (named after their slug). */
  private async termIds(
    section: 'topics' | 'segments',
    slugs: string[],
    req: PayloadRequest,
  ): Promise<DocId[]> {
    const ids: DocId[] = []
    for (const slug of slugs) {
      const key = `term\0${section}\0${slug}`
      const known = this.known.get<DocId>(key)
      if (known !== undefined) {
        ids.push(known)
        continue
      }
      const found = await this.payload.find({
        collection: section,
        where: { slug: { equals: slug } },
        limit: 1,
        depth: 0,
        overrideAccess: true,
        req,
        pagination: false,
      })
      if (found.docs[0]) {
        this.known.set(key, found.docs[0].id)
        ids.push(found.docs[0].id)
        continue
      }
      const name = slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())
      const created = await this.payload.create({
        collection: section,
        data: { slug, name } satisfies WriteData<'topics' | 'segments'>,
        locale: DEFAULT_LOCALE,
        overrideAccess: true,
        req,
        depth: 0,
      })
      this.known.set(key, created.id)
      ids.push(created.id)
    }
    return ids
  }

  private async documentIds(
    collection: CollectionSlug,
    keys: string[],
    field: string,
    req: PayloadRequest,
  ): Promise<DocId[]> {
    const ids: DocId[] = []
    for (const key of keys) {
      const doc = await this.documentBySlug(collection, key, DEFAULT_LOCALE, req)
      if (!doc) throw new ItemError(field, `no ${collection} document with slug "${key}"`)
      ids.push(doc.id)
    }
    return ids
  }

  /** The document with this slug in `locale` (published or not), known or looked up. */
  private async documentBySlug(
    collection: CollectionSlug,
    slug: string,
    locale: Locale,
    req: PayloadRequest,
  ): Promise<KnownDoc | null> {
    const known = await this.knownDocument(collection, slug, locale, req)
    if (known !== undefined) return known
    const id = await this.findIdBySlug(collection, slug, locale, req)
    if (id === undefined) return null
    this.learnDocument(collection, locale, slug, { id })
    return { id }
  }

  /** `keepAlt`: an inline picture carries its alt text at its place, so the upload's own alt stays as it was. */
  private async mediaId(
    image: ImportImage,
    field: string,
    req: PayloadRequest,
    { keepAlt = false } = {},
  ): Promise<DocId> {
    const filePath = path.resolve(this.baseDir, image.file)
    const sourceHash = this.fileHashes.get(filePath) ?? (await this.checkPicture(filePath, image, field))
    // A picture is uploaded once; its media document is known by the hash of its bytes.
    const key = `media\0${sourceHash}`
    let existing = this.known.get<{ id: DocId; alt?: string | null }>(key)
    if (!existing) {
      const found = await this.payload.find({
        collection: 'media',
        where: { sourceHash: { equals: sourceHash } },
        limit: 1,
        depth: 0,
        overrideAccess: true,
        req,
        pagination: false,
        select: { alt: true } as never,
      })
      existing = found.docs[0] as { id: DocId; alt?: string | null } | undefined
      if (existing) this.known.set(key, { id: existing.id, alt: existing.alt })
    }
    if (existing) {
      if (!keepAlt && existing.alt !== image.alt) {
        await this.payload.update({
          collection: 'media',
          id: existing.id,
          data: { alt: image.alt } satisfies WriteData<'media'>,
          overrideAccess: true,
          req,
          depth: 0,
        })
        this.known.set(key, { id: existing.id, alt: image.alt })
      }
      return existing.id
    }
    const created = await this.payload.create({
      collection: 'media',
      data: { alt: image.alt, sourceHash } satisfies WriteData<'media'>,
      filePath,
      overrideAccess: true,
      req,
      depth: 0,
    })
    this.known.set(key, { id: created.id, alt: image.alt })
    return created.id
  }

  /** The hash of a picture's bytes, once it is found to be a readable image (checked once per run and file). */
  private async checkPicture(filePath: string, image: ImportImage, field: string): Promise<string> {
    if (!existsSync(filePath)) throw new ItemError(`${field}.file`, `file not found: ${image.file}`)
    const buffer = readFileSync(filePath)
    try {
      await sharp(buffer).metadata()
    } catch {
      throw new ItemError(`${field}.file`, `not a readable image: ${image.file}`)
    }
    const sourceHash = createHash('sha256').update(buffer).digest('hex')
    this.fileHashes.set(filePath, sourceHash)
    return sourceHash
  }

  // ------------------------------------------------------------ organisation

  /**
   * A global as it is and the item's import hash; `null` when the global was last imported from this
   * same item (nothing to do).
   */
  private async globalToImport<S extends keyof ImportedGlobal>(
    slug: S,
    item: OrganisationItem | NavigationItem,
    req: PayloadRequest,
  ): Promise<{ hash: string; current: ImportedGlobal[S] } | null> {
    const hash = await this.hashItem(item as Record<string, unknown>)
    const current = (await this.payload.findGlobal({
      slug,
      depth: 0,
      overrideAccess: true,
      req,
    })) as unknown as ImportedGlobal[S]
    return current.importHash === hash ? null : { hash, current }
  }

  private async importOrganisation(item: OrganisationItem, req: PayloadRequest): Promise<Outcome> {
    const changed = await this.globalToImport('organisation', item, req)
    if (!changed) return 'unchanged'
    const { hash } = changed
    const { localized, logo, ...shared } = item
    const data: OrganisationData = {
      ...shared,
      shortName: shared.shortName ?? shared.name,
      importHash: hash,
    }
    if (logo) data.logo = await this.mediaId(logo, 'logo', req)
    await this.payload.updateGlobal({
      slug: 'organisation',
      data,
      locale: DEFAULT_LOCALE,
      fallbackLocale: false,
      overrideAccess: true,
      depth: 0,
      req,
    })
    for (const [locale, text] of Object.entries(localized ?? {}) as [
      Locale,
      NonNullable<OrganisationItem['localized']>[Locale],
    ][]) {
      if (!text) continue
      const localizedData: GlobalWriteData<'organisation'> = {}
      if (text.tagline !== undefined) localizedData.tagline = text.tagline
      if (text.whyYouGetThis !== undefined) localizedData.whyYouGetThis = text.whyYouGetThis
      this.currentDocument = `organisation (${locale})`
      if (text.about) localizedData.about = await this.toLexical(text.about, 'about', req)
      await this.payload.updateGlobal({
        slug: 'organisation',
        data: localizedData,
        locale,
        fallbackLocale: false,
        overrideAccess: true,
        depth: 0,
        req,
      })
    }
    return 'updated'
  }

  // ------------------------------------------------------------ navigation

  /** Each locale's menus as given (a locale or menu left out stays as it was); targets found by slug. */
  private async importNavigation(item: NavigationItem, req: PayloadRequest): Promise<Outcome> {
    const changed = await this.globalToImport('navigation', item, req)
    if (!changed) return 'unchanged'
    const { hash, current } = changed
    // The menus as they are (rows with their ids), with the locales and menus the item gives replaced.
    const data: GlobalWriteData<'navigation'> = { importHash: hash }
    for (const locale of LOCALES) {
      const menus: NonNullable<GlobalWriteData<'navigation'>[Locale]> = { ...current[locale] }
      for (const area of ['header', 'footer'] as const) {
        const entries = item[area]?.[locale]
        if (entries)
          menus[area] = await Promise.all(
            entries.map((entry, i) => this.navigationRow(entry, `${area}.${locale}[${i}]`, req)),
          )
      }
      data[locale] = menus
    }
    await this.payload.updateGlobal({ slug: 'navigation', data, overrideAccess: true, depth: 0, req })
    return 'updated'
  }

  private async navigationRow(
    entry: NavigationEntry,
    at: string,
    req: PayloadRequest,
  ): Promise<NavigationRow> {
    const label = entry.label !== undefined ? { label: entry.label } : {}
    const one = async (collection: 'pages' | 'topics' | 'campaigns', key: string, field: string) =>
      (await this.documentIds(collection, [key], `${at}.${field}`, req))[0]
    if (entry.page) return { kind: 'page', page: await one('pages', entry.page, 'page'), ...label }
    if (entry.topic) return { kind: 'topic', topic: await one('topics', entry.topic, 'topic'), ...label }
    if (entry.campaign)
      return { kind: 'campaign', campaign: await one('campaigns', entry.campaign, 'campaign'), ...label }
    if (entry.section) return { kind: 'section', section: entry.section, ...label }
    return { kind: 'url', url: entry.url, ...label }
  }

  // ------------------------------------------------------------ body conversion and hashing

  /** Markdown (through HTML) or HTML → Lexical; see html-to-lexical.ts for why not Payload's converters. */
  private async toLexical(body: ImportBody, field: string, req: PayloadRequest): Promise<RichText> {
    const where = `${this.currentDocument} ${field}`
    const warn = (message: string) => this.report.warnings.push({ path: where, message })
    const html = 'markdown' in body ? markdownToHtml(body.markdown) : body.html
    // The converter builds Lexical's editor state (its shape is tested in tests/rich and tests/cms),
    // its first pass here unless it was done already (once: resolving uses it up).
    const converted = await this.converted
    const given = converted?.get(html)
    converted?.delete(html)
    if (given && 'error' in given) throw new Error(given.error)
    return (await resolveConversion(given ?? convertHtml(html, CODE_LANGUAGES), {
      warn,
      resolveImage: (src, alt) => this.inlineImage(src, alt, warn, req),
      resolveLink: async (href) => {
        const target = await this.linkTarget(href, req)
        if (!target && documentOfSitePath(href))
          warn(`link to ${href.slice(0, 200)}: no such document (yet); the path is kept as written`)
        return target
      },
    })) as RichText
  }

  /** The document a link to a site path (`/artikler/slug/`) names, when it exists (published or not). */
  private async linkTarget(
    href: string,
    req: PayloadRequest,
  ): Promise<{ relationTo: string; value: number | string } | null> {
    const target = documentOfSitePath(href)
    if (!target) return null
    const doc = await this.documentBySlug(target.collection, target.slug, target.locale, req)
    return doc ? { relationTo: target.collection, value: doc.id } : null
  }

  /**
   * An `<img>` in a body: the file relative to the import file, or under the media root matched by its
   * path (for a web address, the address's path). Uploaded once (media are found by content hash).
   * A picture not found is a warning naming the src; the caller keeps its alt text visible.
   */
  private async inlineImage(
    src: string,
    alt: string,
    warn: (message: string) => void,
    req: PayloadRequest,
  ): Promise<number | string | null> {
    const file = this.inlineImageFile(src)
    if (!file) {
      const hint =
        /^https?:\/\//i.test(src) && !this.mediaRoot ? ' (a web address is looked up under --media-root)' : ''
      warn(`<img src="${src.slice(0, 200)}"> not found${hint}; its alt text is kept`)
      return null
    }
    if (!alt) warn(`<img src="${src.slice(0, 200)}"> has no alt text; its file name stands in`)
    try {
      return await this.mediaId({ file, alt: alt || path.basename(file) }, 'body', req, { keepAlt: true })
    } catch (error) {
      warn(`<img src="${src.slice(0, 200)}">: ${(error as Error).message}; its alt text is kept`)
      return null
    }
  }

  /** The file an `<img src>` names: beside the import file, or under the media root by path; never outside both. */
  private inlineImageFile(src: string): string | null {
    const isWeb = /^https?:\/\//i.test(src)
    let relative: string
    try {
      relative = decodeURIComponent(isWeb ? new URL(src).pathname : src.replace(/[?#].*$/, ''))
    } catch {
      relative = src
    }
    const inside = (root: string, candidate: string) =>
      candidate === root || candidate.startsWith(root + path.sep)
    const candidates: string[] = []
    if (!isWeb && !/^[a-z][a-z0-9+.-]*:/i.test(src)) candidates.push(path.resolve(this.baseDir, relative))
    if (this.mediaRoot) candidates.push(path.resolve(this.mediaRoot, relative.replace(/^\/+/, '')))
    return (
      candidates.find(
        (candidate) =>
          (inside(this.baseDir, candidate) ||
            (this.mediaRoot !== undefined && inside(this.mediaRoot, candidate))) &&
          existsSync(candidate),
      ) ?? null
    )
  }

  /**
   * The item as given plus the bytes of its images (the same file gives the same hash), plus which
   * document each link to a site path found: a link written before its target existed is imported again.
   * The files are read synchronously: a promise read of a picture per item cost more than the read.
   */
  private async hashItem(item: Record<string, unknown>, req?: PayloadRequest): Promise<string> {
    const hash = createHash('sha256').update(JSON.stringify(item))
    for (const image of findImages(item)) {
      const filePath = path.resolve(this.baseDir, image.file)
      if (existsSync(filePath)) hash.update(readFileSync(filePath))
    }
    // Pictures inside bodies too: a new file under the same name is a change to import.
    for (const src of bodyImageSources(item)) {
      const file = this.inlineImageFile(src)
      if (file) hash.update(readFileSync(file))
    }
    if (req)
      for (const href of bodySitePaths(item)) {
        const target = await this.linkTarget(href, req)
        hash.update(`\0${href}\0${target ? String(target.value) : '-'}`)
      }
    return hash.digest('hex')
  }
}

/** `src` of every `<img>` (HTML) and `![alt](src)` (Markdown) in an item's bodies. */
function bodyImageSources(item: Record<string, unknown>): string[] {
  const sources: string[] = []
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object') return
    const body = value as { html?: unknown; markdown?: unknown }
    if (typeof body.html === 'string')
      for (const m of body.html.matchAll(/<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi))
        sources.push(m[1] ?? m[2] ?? m[3])
    if (typeof body.markdown === 'string')
      for (const m of body.markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)) sources.push(m[1])
    for (const child of Object.values(value)) visit(child)
  }
  visit(item)
  return sources.map((src) => src.replace(/&amp;/g, '&'))
}

/** `href` of every `<a>` in an item's HTML bodies that names a document by its site path. */
function bodySitePaths(item: Record<string, unknown>): string[] {
  const paths: string[] = []
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object') return
    const html = (value as { html?: unknown }).html
    if (typeof html === 'string')
      for (const m of html.matchAll(/<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
        const href = (m[1] ?? m[2] ?? m[3]).replace(/&amp;/g, '&')
        if (documentOfSitePath(href)) paths.push(href)
      }
    for (const child of Object.values(value)) visit(child)
  }
  visit(item)
  return paths
}

function findImages(item: Record<string, unknown>): ImportImage[] {
  const images: ImportImage[] = []
  for (const value of Object.values(item)) {
    if (value && typeof value === 'object' && 'file' in value && 'alt' in value)
      images.push(value as ImportImage)
    else if (value && typeof value === 'object' && !Array.isArray(value))
      images.push(...findImages(value as Record<string, unknown>))
  }
  return images
}

/**
 * How deep each page item sits in the hierarchy the file describes (by parent slug): 0 for a page
 * whose parent is not in the file. A cycle in the file stops counting (the CMS refuses it by name).
 */
function pageDepths(items: unknown[]): (item: unknown) => number {
  const parentOf = new Map<string, string>()
  for (const item of items) {
    const slug = pageItemSlug(item)
    const { parent, locale } = (item ?? {}) as { parent?: unknown; locale?: unknown }
    if (slug && typeof parent === 'string' && (locale ?? DEFAULT_LOCALE) === DEFAULT_LOCALE)
      parentOf.set(slug, parent)
  }
  return (item) => {
    const seen = new Set<string>()
    let slug: string | undefined = pageItemSlug(item)
    let depth = 0
    while (typeof slug === 'string' && parentOf.has(slug) && !seen.has(slug)) {
      seen.add(slug)
      slug = parentOf.get(slug)
      depth++
    }
    return depth
  }
}

/** The slug a page item will have: as given, else made from its title (as importItem does). */
function pageItemSlug(item: unknown): string | undefined {
  const { slug, title } = (item ?? {}) as { slug?: unknown; title?: unknown }
  if (typeof slug === 'string') return slug
  return typeof title === 'string' ? slugify(title) || undefined : undefined
}

function localeRank(item: unknown): number {
  const locale = (item as { locale?: unknown } | null)?.locale
  return locale === undefined || locale === DEFAULT_LOCALE ? 0 : 1
}

/** Where KnownIds keeps a document by its slug in one locale. */
function documentKey(collection: string, locale: Locale, slug: string): string {
  return `doc\0${collection}\0${locale}\0${slug}`
}

function joinPath(base: string, rest: string): string {
  if (!rest) return base
  return rest.startsWith('[') || !base ? `${base}${rest}` : `${base}.${rest}`
}

/** Payload's ValidationError carries per-field messages; show them, not "The following field is invalid". */
function describePayloadError(error: unknown): string {
  const data = (error as { data?: { errors?: { path?: string; message?: string }[] } }).data
  if (data?.errors?.length) return data.errors.map((e) => `${e.path ?? ''}: ${e.message ?? ''}`).join('; ')
  return (error as Error).message ?? String(error)
}
