/**
 * CMS → snapshot. Reads published, due documents through Payload's Local API (every locale at once),
 * marks text that fell back to the default locale, converts rich text to the block tree once,
 * copies media files beside the snapshot, and validates the result against the snapshot schema.
 *
 * A preview snapshot (`exportPreviewSnapshot`) is mapped by the same code: one document's latest
 * draft, the published documents it refers to, the terms and the Organisation. Nothing else, so the
 * channels render it in seconds; it is never written into the publish output.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { CollectionSlug, Payload, Where } from 'payload'
import {
  CARD_FONT_IDS,
  DEFAULT_LOCALE,
  LOCALES,
  snapshotSchema,
  SNAPSHOT_VERSION,
  type Block,
  type CardFontId,
  type CollectionName,
  type Locale,
  type Media,
  type MediaSize,
  type Snapshot,
  type TermRef,
} from '../../channels/snapshot/schema.ts'
import { endedAt, visibleAt } from '../../channels/snapshot/visibility.ts'
import {
  isPageCollection,
  PAGE_COLLECTION,
  PRIMARY_FIELD,
  type LocalizedCollection,
  type PageCollection,
} from '../../channels/snapshot/collections.ts'
import { exportNavigation } from './export-navigation.ts'
import { exportPages } from './export-pages.ts'
import { formatPath, parseSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { ChannelWarning } from '../../channels/types.ts'
import { EXPORT_REPORT, type ExportReport } from '../../channels/preview/preview-manifest.ts'
import { mediaDir } from '../lib/paths.ts'
import { slugify } from '../lib/slugify.ts'
import { lexicalToBlocks } from './lexical-to-blocks.ts'
import { exportRedirects, oldPathsOf } from './export-redirects.ts'
import { documentPath } from '../../channels/site/routes.ts'
import type { PreviewCollection } from '../preview/preview-paths.ts'

type Doc = Record<string, unknown> & { id: number | string }
/** A localized field read with `locale: 'all'`: one value per locale. */
type PerLocale<T = unknown> = Partial<Record<Locale, T>>

export interface ExportOptions {
  /** Folder of the snapshot file: media files are copied into `<dir>/media/`. */
  dir: string
  /** "Now" for due dates, expiry and the snapshot's `generatedAt` (tests pin it). */
  now?: Date
  /** Published documents read of all there are (total undefined until every collection has answered). */
  onProgress?: (done: number, total: number | undefined) => void
}

export interface ExportResult {
  snapshot: Snapshot
  warnings: ChannelWarning[]
}

export interface PreviewTarget {
  collection: PreviewCollection
  /** Payload document id. */
  id: string
}

/** The draft cannot be previewed as it stands; the message names the document and the field. */
export class PreviewExportError extends Error {}

const PAGE_SIZE = 500

export async function exportSnapshot(payload: Payload, options: ExportOptions): Promise<ExportResult> {
  const now = options.now ?? new Date()
  // Scheduled publishing: run the jobs that are due, so what should be public by now is.
  await payload.jobs.run({ limit: 1000 })
  const exporter = new SnapshotExporter(payload, options.dir, now, undefined, options.onProgress)
  return exporter.run()
}

/**
 * The preview snapshot of one document: its latest draft (saved, not necessarily published), shown
 * even when it is scheduled for later or outside its validity, plus the published documents it refers
 * to (an edition's items, a campaign's related articles and benefits, a letter's campaign). Scheduled
 * jobs are not run: looking at a preview must not publish anything.
 */
export async function exportPreviewSnapshot(
  payload: Payload,
  options: ExportOptions & { target: PreviewTarget },
): Promise<ExportResult> {
  const exporter = new SnapshotExporter(payload, options.dir, options.now ?? new Date(), options.target)
  return exporter.run()
}

/**
 * The preview snapshot as a file (media beside it) plus `export.json` with its warnings and time: what
 * `budstikke preview --snapshot` reads. The admin server calls this itself (its Payload is already
 * open), then renders in a child process.
 */
export async function writePreviewSnapshot(
  payload: Payload,
  file: string,
  target: PreviewTarget,
  now = new Date(),
): Promise<ExportResult> {
  const started = performance.now()
  const dir = path.dirname(path.resolve(file))
  await mkdir(dir, { recursive: true })
  const result = await exportPreviewSnapshot(payload, { dir, now, target })
  await writeFile(file, JSON.stringify(result.snapshot, null, 2) + '\n')
  const report: ExportReport = {
    warnings: result.warnings,
    seconds: Math.round(performance.now() - started) / 1000,
  }
  await writeFile(path.join(dir, EXPORT_REPORT), JSON.stringify(report, null, 2) + '\n')
  return result
}

/** `budstikke export --out FILE` and `publish`: open the CMS, export, write the file, close. */
export async function exportSnapshotToFile(
  file: string,
  now?: Date,
  onProgress?: ExportOptions['onProgress'],
): Promise<ExportResult> {
  const { openPayload, closePayload } = await import('../payload-client.ts')
  const payload = await openPayload()
  try {
    const result = await exportSnapshot(payload, { dir: path.dirname(path.resolve(file)), now, onProgress })
    await writeFile(file, JSON.stringify(result.snapshot, null, 2) + '\n')
    for (const warning of result.warnings)
      console.warn(
        `export: ${warning.document}${warning.field ? ` ${warning.field}` : ''}: ${warning.message}`,
      )
    return result
  } finally {
    await closePayload()
  }
}

class SnapshotExporter {
  private readonly warnings: ChannelWarning[] = []
  private readonly mediaFiles = new Map<string, string>()
  /** Documents read and, per collection, how many there are (for onProgress). */
  private readonly read = { done: 0, totals: new Map<string, number>(), collections: 0 }

  constructor(
    private readonly payload: Payload,
    private readonly dir: string,
    private readonly now: Date,
    /** Set for a preview snapshot: this document is read as its latest draft. */
    private readonly preview?: PreviewTarget,
    private readonly onProgress?: ExportOptions['onProgress'],
  ) {}

  async run(): Promise<ExportResult> {
    const { topicDocs, segmentDocs, articles, benefits, campaigns, pageDocs, newsletters, letters } = this
      .preview
      ? await this.previewSources(this.preview)
      : await this.publishedSources()
    const organisation = await this.payload.findGlobal({
      slug: 'organisation',
      locale: 'all',
      depth: 1,
      overrideAccess: true,
    })

    const snapshot: Snapshot = {
      version: SNAPSHOT_VERSION,
      generatedAt: this.now.toISOString(),
      defaultLocale: DEFAULT_LOCALE,
      locales: [...LOCALES],
      organisation: this.organisation(organisation as unknown as Doc),
      topics: topicDocs.map((doc) => this.term(doc)),
      segments: segmentDocs.map((doc) => this.term(doc)),
      articles: articles.flatMap((doc) => this.article(doc)),
      benefits: benefits.flatMap((doc) => this.benefit(doc)),
      campaigns: campaigns.flatMap((doc) => this.campaign(doc)),
      pages: exportPages(pageDocs, {
        entries: (doc) => this.localizedEntries('pages', doc, 'title'),
        warn: (document, field, message) => this.warn(document, field, message),
      }),
      newsletters: newsletters.flatMap((doc) => this.newsletter(doc)),
      letters: letters.flatMap((doc) => this.letter(doc)),
      navigation: { header: {}, footer: {} },
      redirects: this.preview ? [] : await exportRedirects(this.payload, (...w) => this.warn(...w)),
    }
    // A preview shows the site's own menu: it holds no pages to link to.
    if (!this.preview)
      snapshot.navigation = exportNavigation(
        await this.navigationGlobal(),
        snapshot,
        (document, field, message) => this.warn(document, field, message),
      )
    if (this.preview) this.checkPreviewEntries(snapshot, this.preview)
    await this.copyMedia()
    return { snapshot: parseSnapshot(snapshot, 'exported snapshot'), warnings: this.warnings }
  }

  private async navigationGlobal(): Promise<Doc> {
    return (await this.payload.findGlobal({
      slug: 'navigation',
      locale: 'all',
      depth: 1,
      overrideAccess: true,
    })) as unknown as Doc
  }

  private async publishedSources() {
    const reads = [
      this.findAll('topics', false),
      this.findAll('segments', false),
      this.findAll('articles', true),
      this.findAll('benefits', true),
      this.findAll('campaigns', true),
      this.findAll('newsletters', true),
      this.findAll('letters', true),
      this.findAll('pages', true),
    ]
    // Set before any page has come back (the reads are asynchronous): the progress total waits for all.
    this.read.collections = reads.length
    const [topicDocs, segmentDocs, articles, benefits, campaigns, newsletters, letters, pageDocs] =
      await Promise.all(reads)
    return { topicDocs, segmentDocs, articles, benefits, campaigns, pageDocs, newsletters, letters }
  }

  /** The previewed draft and, published only, what it refers to. */
  private async previewSources(target: PreviewTarget) {
    let draft: Doc
    try {
      draft = (await this.payload.findByID({
        collection: target.collection,
        id: target.id,
        locale: 'all',
        depth: 2,
        draft: true,
        overrideAccess: true,
      })) as unknown as Doc
    } catch {
      throw new PreviewExportError(`${target.collection}/${target.id}: no such document (deleted?)`)
    }
    const refs = referencedIds(target.collection, draft)
    const published = (collection: PageCollection) =>
      refs[collection].length > 0
        ? this.findAll(collection, true, { id: { in: refs[collection] } })
        : Promise.resolve([] as Doc[])
    const [topicDocs, segmentDocs, articles, benefits, campaigns] = await Promise.all([
      this.findAll('topics', false),
      this.findAll('segments', false),
      published('articles'),
      published('benefits'),
      published('campaigns'),
    ])
    const lists: Record<PreviewCollection, Doc[]> = {
      articles,
      benefits,
      campaigns,
      newsletters: [],
      letters: [],
    }
    lists[target.collection] = [
      draft,
      ...lists[target.collection].filter((doc) => String(doc.id) !== String(draft.id)),
    ]
    return { topicDocs, segmentDocs, pageDocs: [] as Doc[], ...lists }
  }

  private isPreviewTarget(collection: LocalizedCollection, doc: Doc): boolean {
    return this.preview?.collection === collection && String(this.preview.id) === String(doc.id)
  }

  /**
   * The draft may not yet satisfy what publishing requires (Payload validates required fields only on
   * publish): name the document and field instead of a JSON path into a snapshot the editor never sees.
   */
  private checkPreviewEntries(snapshot: Snapshot, target: PreviewTarget): void {
    const entries = (
      snapshot[target.collection] as Array<{ id: string; slug: string; locale: Locale }>
    ).filter((entry) => entry.id === String(target.id))
    if (entries.length === 0) {
      const primary = PRIMARY_FIELD[target.collection]
      const skipped = this.warnings.find((w) => w.document === `${target.collection}/${target.id}`)
      throw new PreviewExportError(
        skipped
          ? `${skipped.document} ${skipped.field}: ${skipped.message}`
          : `${target.collection}/${target.id} ${primary}: empty in every locale; fill it in and save the draft to preview it`,
      )
    }
    const schema = snapshotSchema.shape[target.collection].element
    const problems: string[] = []
    for (const entry of entries) {
      const result = schema.safeParse(entry)
      if (result.success) continue
      for (const issue of result.error.issues.slice(0, 5))
        problems.push(
          `${target.collection}/${entry.slug} (${entry.locale}) ${formatPath(issue.path)}: ${issue.message}`,
        )
    }
    if (problems.length > 0) throw new PreviewExportError(problems.join('\n'))
  }

  /** Published documents only (their published form, even when a newer draft exists), in pages. */
  private async findAll(collection: CollectionSlug, versioned: boolean, only?: Where): Promise<Doc[]> {
    const docs: Doc[] = []
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
      docs.push(...(result.docs as unknown as Doc[]))
      this.countRead(collection, result.docs.length, result.totalDocs)
      if (!result.hasNextPage) return docs
    }
  }

  private countRead(collection: string, docs: number, totalDocs: number): void {
    if (!this.onProgress) return
    this.read.done += docs
    this.read.totals.set(collection, totalDocs)
    // The collections are read at once: the total is known when each has answered once.
    const total =
      this.read.totals.size === this.read.collections
        ? [...this.read.totals.values()].reduce((a, b) => a + b, 0)
        : undefined
    this.onProgress(this.read.done, total)
  }

  // ------------------------------------------------------------ localized documents

  /**
   * One entry per locale in which the document has its own `primary` text. Returns the shared parts;
   * `text(field)` gives a localized string with fallback, noting fallbacks in `fallbackFields`.
   */
  private *localizedEntries(collection: LocalizedCollection, doc: Doc, primary: string) {
    const published = this.date(doc.publishedAt)
    // Scheduled for later: not yet due (a preview shows it all the same).
    if (
      published &&
      !visibleAt({ publishedAt: published.toISOString() }, this.now) &&
      !this.isPreviewTarget(collection, doc)
    )
      return
    const primaryValues = doc[primary] as PerLocale<string> | undefined
    const slugs = doc.slug as PerLocale<string> | undefined
    const locales = LOCALES.filter((locale) => nonEmpty(primaryValues?.[locale]))
    const key = slugs?.[DEFAULT_LOCALE] ?? slugs?.[locales[0]]
    if (!key) {
      this.warn(`${collection}/${doc.id}`, 'slug', 'has no slug in any locale; left out')
      return
    }
    const translations: PerLocale<string> = {}
    for (const locale of locales) translations[locale] = slugs?.[locale] ?? key
    for (const locale of locales) {
      const fallbackFields: string[] = []
      const label = `${collection}/${translations[locale]} (${locale})`
      const text = (field: string): string =>
        pickText(doc[field] as PerLocale<string> | undefined, locale, field, fallbackFields)
      const blocks = (field: string, mergeFields = false): Block[] => {
        const state = pickRichText(doc[field] as PerLocale | undefined, locale, field, fallbackFields)
        return lexicalToBlocks(state, {
          mergeFields,
          resolveMedia: (value) => this.media(value, label, field),
          resolveInternalLink: (relationTo, value) => this.internalLink(relationTo, value, locale),
          warn: (message) => this.warn(label, field, message),
        })
      }
      yield {
        common: {
          id: String(doc.id),
          key,
          slug: translations[locale] as string,
          locale,
          fallbackFields,
          translations,
          publishedAt: (published ?? this.date(doc.createdAt) ?? this.now).toISOString(),
          updatedAt: (this.date(doc.updatedAt) ?? this.now).toISOString(),
        },
        label,
        locale,
        text,
        blocks,
      }
    }
  }

  private article(doc: Doc): Snapshot['articles'] {
    return [...this.localizedEntries('articles', doc, 'title')].map(({ common, label, text, blocks }) => ({
      ...common,
      title: text('title'),
      summary: text('summary'),
      body: blocks('body'),
      hero: this.media(doc.hero, label, 'hero'),
      topics: this.terms(doc.topics, common.locale),
      segments: this.terms(doc.segments, common.locale),
      authors: Array.isArray(doc.authors) ? doc.authors.filter(nonEmpty) : [],
      oldPaths: oldPathsOf(doc, common.locale, (...w) => this.warn(label, ...w)),
      // fallbackFields is filled while the fields above are read
    }))
  }

  private benefit(doc: Doc): Snapshot['benefits'] {
    const validTo = this.date(doc.validTo)
    const validFrom = this.date(doc.validFrom)
    const preview = this.isPreviewTarget('benefits', doc)
    if (validTo && !visibleAt({ validTo: validTo.toISOString() }, this.now)) {
      if (!preview) return [] // expired: leaves every channel
      this.warn(
        `benefits/${doc.id}`,
        'validTo',
        `ended ${validTo.toISOString().slice(0, 10)}: published, it would leave every channel`,
      )
    }
    if (validFrom && !visibleAt({ validFrom: validFrom.toISOString() }, this.now)) {
      if (!preview) return [] // not valid yet
      this.warn(
        `benefits/${doc.id}`,
        'validFrom',
        `starts ${validFrom.toISOString().slice(0, 10)}: published, it appears only then`,
      )
    }
    return [...this.localizedEntries('benefits', doc, 'name')].map(({ common, label, text, blocks }) => {
      const partner = typeof doc.partner === 'string' && doc.partner.trim() ? doc.partner : null
      if (!partner) this.warn(label, 'partner', 'no partner given')
      const category = text('category') || 'Andet'
      return {
        ...common,
        name: text('name'),
        partner,
        partnerUrl: typeof doc.partnerUrl === 'string' && doc.partnerUrl ? doc.partnerUrl : null,
        category: { slug: slugOf(category), name: category },
        summary: text('summary'),
        body: blocks('body'),
        offer: text('offer'),
        howToClaim: text('howToClaim'),
        eligibleSegments: this.terms(doc.eligibleSegments, common.locale),
        eligibility: text('eligibility'),
        validFrom: validFrom?.toISOString() ?? null,
        validTo: validTo?.toISOString() ?? null,
        featured: doc.featured === true,
        logo: this.media(doc.logo, label, 'logo'),
        oldPaths: oldPathsOf(doc, common.locale, (...w) => this.warn(label, ...w)),
      }
    })
  }

  private campaign(doc: Doc): Snapshot['campaigns'] {
    const endsAt = this.date(doc.endsAt)
    return [...this.localizedEntries('campaigns', doc, 'title')].map(
      ({ common, label, locale, text, blocks }) => {
        const cta = (doc.callToAction ?? {}) as { label?: PerLocale<string>; url?: string }
        const ctaLabel = pickText(cta.label, locale, 'callToAction.label', common.fallbackFields)
        const posts = (
          (doc.socialPosts as PerLocale<{ platform: string; text: string }[]> | undefined)?.[locale] ?? []
        ).filter((p) => nonEmpty(p.text))
        return {
          ...common,
          title: text('title'),
          summary: text('summary'),
          body: blocks('body'),
          hero: this.media(doc.hero, label, 'hero'),
          callToAction: ctaLabel && cta.url ? { label: ctaLabel, url: cta.url } : null,
          newsletterText: text('newsletterText'),
          letterText: text('letterText'),
          socialPosts: posts.map((p) => ({
            platform: p.platform as 'facebook' | 'instagram' | 'linkedin' | 'x',
            text: p.text,
          })),
          startsAt: this.date(doc.startsAt)?.toISOString() ?? null,
          endsAt: endsAt?.toISOString() ?? null,
          ended: endedAt({ endsAt: endsAt?.toISOString() }, this.now),
          segments: this.terms(doc.segments, locale),
          relatedArticles: this.keys(doc.relatedArticles),
          relatedBenefits: this.keys(doc.relatedBenefits),
          oldPaths: oldPathsOf(doc, locale, (...w) => this.warn(label, ...w)),
        }
      },
    )
  }

  private newsletter(doc: Doc): Snapshot['newsletters'] {
    const items = (Array.isArray(doc.items) ? doc.items : []) as { relationTo: string; value: unknown }[]
    return [...this.localizedEntries('newsletters', doc, 'subject')].map(
      ({ common, locale, text, blocks }) => ({
        ...common,
        subject: text('subject'),
        preheader: text('preheader'),
        intro: blocks('intro'),
        items: items.map((item) => ({
          kind: isPageCollection(item.relationTo) ? PAGE_COLLECTION[item.relationTo].kind : 'article',
          key: this.keyOf(item.value),
        })),
        segment: this.terms(doc.segment ? [doc.segment] : [], locale)[0] ?? null,
      }),
    )
  }

  private letter(doc: Doc): Snapshot['letters'] {
    const signature = (doc.signature ?? {}) as { name?: string; title?: PerLocale<string>; image?: unknown }
    const campaign = doc.campaign ? this.keyOf(doc.campaign) : null
    return [...this.localizedEntries('letters', doc, 'subject')].map(
      ({ common, label, locale, text, blocks }) => ({
        ...common,
        subject: text('subject'),
        body: blocks('body', true),
        signature: {
          name: signature.name ?? '',
          title: pickText(signature.title, locale, 'signature.title', common.fallbackFields),
          image: this.media(signature.image, label, 'signature.image'),
        },
        campaign,
      }),
    )
  }

  // ------------------------------------------------------------ terms, keys, links

  private term(doc: Doc): Snapshot['topics'][number] {
    const names = (doc.name ?? {}) as PerLocale<string>
    const descriptions = (doc.description ?? {}) as PerLocale<string>
    const fallbackName = names[DEFAULT_LOCALE] ?? Object.values(names).find(nonEmpty) ?? String(doc.slug)
    const name = Object.fromEntries(
      LOCALES.map((l) => [l, nonEmpty(names[l]) ? names[l] : fallbackName]),
    ) as Record<Locale, string>
    const description: PerLocale<string> = {}
    for (const l of LOCALES) if (nonEmpty(descriptions[l])) description[l] = descriptions[l]
    return { id: String(doc.id), slug: String(doc.slug), name, description }
  }

  private terms(value: unknown, locale: Locale): TermRef[] {
    if (!Array.isArray(value)) return []
    return value
      .filter((v): v is Doc => typeof v === 'object' && v !== null && 'slug' in v)
      .map((doc) => {
        const names = (doc.name ?? {}) as PerLocale<string>
        return { slug: String(doc.slug), name: names[locale] || names[DEFAULT_LOCALE] || String(doc.slug) }
      })
  }

  private keyOf(value: unknown): string | null {
    if (typeof value !== 'object' || value === null) return null
    const slugs = (value as Doc).slug as PerLocale<string> | string | undefined
    if (typeof slugs === 'string') return slugs
    return slugs?.[DEFAULT_LOCALE] ?? Object.values(slugs ?? {}).find(nonEmpty) ?? null
  }

  private keys(value: unknown): string[] {
    return Array.isArray(value) ? value.map((v) => this.keyOf(v)).filter((k): k is string => k !== null) : []
  }

  private internalLink(relationTo: string, value: unknown, locale: Locale) {
    const key = this.keyOf(value)
    if (!key || (relationTo !== 'articles' && relationTo !== 'benefits' && relationTo !== 'campaigns'))
      return null
    const slugs = ((value as Doc).slug ?? {}) as PerLocale<string>
    return {
      collection: relationTo as CollectionName,
      key,
      href: documentPath(relationTo, slugs[locale] ? locale : DEFAULT_LOCALE, slugs[locale] ?? key),
    }
  }

  // ------------------------------------------------------------ media and organisation

  private media(value: unknown, document: string, field: string): Media | null {
    if (value === null || value === undefined || value === '') return null
    const doc = value as Doc & {
      filename?: string
      mimeType?: string
      width?: number
      height?: number
      filesize?: number
      alt?: string
      sizes?: Record<string, Partial<MediaFileInfo>>
    }
    if (typeof value !== 'object' || !doc.filename) {
      this.warn(document, field, 'points at a media file that no longer exists; left out')
      return null
    }
    const original = this.mediaFile(doc as MediaFileInfo)
    if (!original) {
      this.warn(document, field, `media file ${doc.filename} is missing on disk or is not an image; left out`)
      return null
    }
    const sizes: Record<string, MediaSize> = {}
    for (const [name, size] of Object.entries(doc.sizes ?? {})) {
      const file = size?.filename ? this.mediaFile(size as MediaFileInfo) : null
      if (file) sizes[name] = file
    }
    return { ...original, id: String(doc.id), alt: doc.alt?.trim() || doc.filename, sizes }
  }

  private mediaFile(info: MediaFileInfo): MediaSize | null {
    const source = path.join(mediaDir(), info.filename)
    if (!existsSync(source) || !info.width || !info.height || !info.mimeType?.startsWith('image/'))
      return null
    this.mediaFiles.set(info.filename, source)
    return {
      file: `media/${info.filename}`,
      url: `/media/${encodeURIComponent(info.filename)}`,
      width: info.width,
      height: info.height,
      mimeType: info.mimeType,
      filesize: info.filesize ?? 0,
    }
  }

  private async copyMedia(): Promise<void> {
    await mkdir(path.join(this.dir, 'media'), { recursive: true })
    await Promise.all(
      [...this.mediaFiles].map(([name, source]) => copyFile(source, path.join(this.dir, 'media', name))),
    )
  }

  private organisation(doc: Doc): Snapshot['organisation'] {
    const str = (value: unknown, fallback = ''): string =>
      typeof value === 'string' && value.trim() ? value : fallback
    const group = (value: unknown) => (value ?? {}) as Record<string, unknown>
    const name = str(doc.name)
    if (!name) this.warn('organisation', 'name', 'is empty: fill in the Organisation global in the admin')
    const colours = group(doc.colours)
    const address = group(doc.postalAddress)
    const social = group(doc.social)
    const hex = (value: unknown, fallback: string) =>
      typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value) ? value : fallback
    const localized = Object.fromEntries(
      LOCALES.map((locale) => {
        const fallbackFields: string[] = []
        const text = (field: string): string =>
          pickText(doc[field] as PerLocale<string> | undefined, locale, field, fallbackFields)
        const about = pickRichText(doc.about as PerLocale | undefined, locale, 'about', fallbackFields)
        const blocks = lexicalToBlocks(about, {
          mergeFields: false,
          resolveMedia: (value) => this.media(value, `organisation (${locale})`, 'about'),
          resolveInternalLink: (relationTo, value) => this.internalLink(relationTo, value, locale),
          warn: (message) => this.warn(`organisation (${locale})`, 'about', message),
        })
        return [
          locale,
          { tagline: text('tagline'), about: blocks, whyYouGetThis: text('whyYouGetThis'), fallbackFields },
        ]
      }),
    ) as Snapshot['organisation']['localized']
    let siteUrl = str(doc.siteUrl, 'https://example.org').replace(/\/+$/, '')
    if (!/^https?:\/\/[^\s]+$/.test(siteUrl)) {
      this.warn('organisation', 'siteUrl', `"${siteUrl}" is not a URL; using https://example.org`)
      siteUrl = 'https://example.org'
    }
    const country = str(address.country, 'DK').toUpperCase()
    return {
      name: name || 'Budstikke',
      shortName: str(doc.shortName, name || 'Budstikke'),
      logo: this.media(doc.logo, 'organisation', 'logo'),
      colours: {
        primary: hex(colours.primary, '#b3123b'),
        accent: hex(colours.accent, '#1d4e89'),
        text: hex(colours.text, '#1a1a1a'),
        background: hex(colours.background, '#ffffff'),
      },
      postalAddress: {
        street: str(address.street),
        postalCode: str(address.postalCode),
        city: str(address.city),
        country: country.length === 2 ? country : 'DK',
      },
      email: str(doc.email),
      phone: str(doc.phone),
      siteUrl,
      social: {
        facebook: str(social.facebook) || null,
        instagram: str(social.instagram) || null,
        linkedin: str(social.linkedin) || null,
        x: str(social.x) || null,
      },
      unsubscribeUrlPattern: str(doc.unsubscribeUrlPattern, `${siteUrl}/unsubscribe?m={member_id}`),
      preferencesUrlPattern: str(doc.preferencesUrlPattern, `${siteUrl}/preferences?m={member_id}`),
      cardFont: cardFontOf(doc.cardFont),
      localized,
    }
  }

  private date(value: unknown): Date | null {
    if (typeof value !== 'string' || !value) return null
    const date = new Date(value)
    return Number.isNaN(date.getTime()) ? null : date
  }

  private warn(document: string, field: string, message: string): void {
    this.warnings.push({ document, field, message })
  }
}

interface MediaFileInfo {
  filename: string
  mimeType: string
  width: number
  height: number
  filesize: number
}

/** Ids of the documents a draft refers to, by collection (relationships may be populated or bare ids). */
function referencedIds(
  collection: PreviewCollection,
  doc: Doc,
): Record<PageCollection, Array<string | number>> {
  const refs: Record<PageCollection, Array<string | number>> = { articles: [], benefits: [], campaigns: [] }
  const idOf = (value: unknown): string | number | null =>
    typeof value === 'string' || typeof value === 'number'
      ? value
      : typeof value === 'object' && value !== null && 'id' in value
        ? (value as Doc).id
        : null
  const add = (to: keyof typeof refs, value: unknown) => {
    const id = idOf(value)
    if (id !== null && !refs[to].includes(id)) refs[to].push(id)
  }
  if (collection === 'newsletters' && Array.isArray(doc.items)) {
    for (const item of doc.items as { relationTo?: string; value?: unknown }[]) {
      if (item.relationTo && isPageCollection(item.relationTo)) add(item.relationTo, item.value)
    }
  }
  if (collection === 'campaigns') {
    for (const value of Array.isArray(doc.relatedArticles) ? doc.relatedArticles : []) add('articles', value)
    for (const value of Array.isArray(doc.relatedBenefits) ? doc.relatedBenefits : []) add('benefits', value)
  }
  if (collection === 'letters' && doc.campaign) add('campaigns', doc.campaign)
  return refs
}

/** A localized plain-text value, falling back to the default locale (noted in `fallbackFields`). */
function pickText(
  values: PerLocale<string> | undefined,
  locale: Locale,
  field: string,
  fallbackFields: string[],
): string {
  const own = values?.[locale]
  if (nonEmpty(own)) return own
  const fallback = values?.[DEFAULT_LOCALE]
  if (locale !== DEFAULT_LOCALE && nonEmpty(fallback)) {
    fallbackFields.push(field)
    return fallback
  }
  return ''
}

/** A localized Lexical state, falling back to the default locale when this locale's is empty. */
function pickRichText(
  values: PerLocale | undefined,
  locale: Locale,
  field: string,
  fallbackFields: string[],
): unknown {
  const own = values?.[locale]
  if (isEmptyRichText(own) && locale !== DEFAULT_LOCALE && !isEmptyRichText(values?.[DEFAULT_LOCALE])) {
    fallbackFields.push(field)
    return values?.[DEFAULT_LOCALE]
  }
  return own
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

function isEmptyRichText(state: unknown): boolean {
  const children = (
    state as { root?: { children?: { children?: unknown[]; type?: string }[] } } | null | undefined
  )?.root?.children
  if (!children || children.length === 0) return true
  return children.every((c) => c.type === 'paragraph' && (!c.children || c.children.length === 0))
}

function slugOf(text: string): string {
  return slugify(text) || 'andet'
}

/** The Organisation's card font, or the default for a value the select no longer offers. */
function cardFontOf(value: unknown): CardFontId {
  return (CARD_FONT_IDS as readonly unknown[]).includes(value) ? (value as CardFontId) : 'noto-sans'
}
