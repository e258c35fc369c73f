/**
 * The site as data: which pages exist in which locale, what each links to, and every problem found
 * on the way (as warnings naming document and field). Pure: the Astro pages and the publish step both
 * build it from the same snapshot data, so what the step reports is what the pages render.
 */
import type {
  Article,
  Benefit,
  Block,
  Campaign,
  Locale,
  Media,
  NavigationLink,
  Organisation,
  Page,
  Snapshot,
  Topic,
} from '../snapshot/schema.ts'
import { LOCALES } from '../snapshot/schema.ts'
import { endedAt, visibleAt } from '../snapshot/visibility.ts'
import { blockImages } from '../snapshot/block-text.ts'
import { linkResolver, settleField } from '../snapshot/links.ts'
import { contentPagePath } from '../shared/site-url.ts'
import type { ChannelWarning } from '../types.ts'
import { documentLabel } from '../types.ts'
import { oldPathQuery } from '../shared/old-path.ts'
import { archivePath, documentPath, homePath, sectionPath, topicPath, type PageCollection } from './routes.ts'

export const ARTICLES_PER_TOPIC_PAGE = 20
export const HOME_ARTICLES = 8

export type SiteInput = Pick<Snapshot, 'organisation' | 'topics' | 'articles' | 'benefits' | 'campaigns'> &
  // Absent in snapshots from before pages and navigation (and in callers that have none).
  Partial<Pick<Snapshot, 'pages' | 'navigation' | 'redirects'>>

export type NavigationArea = 'header' | 'footer'

export interface SiteModelOptions {
  /** Benefits past validTo, future documents and campaigns past endsAt are judged against this. */
  buildDate: Date
  /** Whether a media file is present (the snapshot may name a file that export failed to copy). */
  mediaExists: (media: Media) => boolean
}

export type SitePage =
  | { kind: 'home' | 'benefits' | 'campaigns' | 'about' | 'search'; locale: Locale; path: string }
  | { kind: 'article'; locale: Locale; path: string; key: string }
  | { kind: 'benefit'; locale: Locale; path: string; key: string }
  | { kind: 'campaign'; locale: Locale; path: string; key: string }
  | { kind: 'page'; locale: Locale; path: string; key: string }
  | { kind: 'topic'; locale: Locale; path: string; topic: string; page: number; pages: number }
  | { kind: 'archive'; locale: Locale; path: string; page: number; pages: number }

export type LocaleMap = Partial<Record<Locale, string>>

export interface SiteModel {
  organisation: Organisation
  buildDate: Date
  pages: SitePage[]
  warnings: ChannelWarning[]
  topics: Topic[]
  /** Visible articles per locale, newest first. */
  articles: Record<Locale, Article[]>
  benefits: Record<Locale, Benefit[]>
  /** Running (or upcoming) campaigns per locale. */
  campaigns: Record<Locale, Campaign[]>
  /** Ended campaigns per locale: kept as an archive, pages without a call to action. */
  endedCampaigns: Record<Locale, Campaign[]>
  /** Visible site pages (collection `pages`) per locale, by parent, then order, then title. */
  contentPages: Record<Locale, Page[]>
  contentPage(locale: Locale, key: string): Page | undefined
  /** A site page's path (its ancestors' slugs, then its own). */
  contentPagePath(page: Page): string
  /** The pages directly below a page in a locale, in their order. */
  childPages(locale: Locale, key: string): Page[]
  /**
   * The editors' header menu or footer links for a locale, each leading to a page this site has (or
   * outside it); null when there are none, and the site shows its own menu.
   */
  navigation(area: NavigationArea, locale: Locale): NavigationLink[] | null
  article(locale: Locale, key: string): Article | undefined
  benefit(locale: Locale, key: string): Benefit | undefined
  campaign(locale: Locale, key: string): Campaign | undefined
  isEnded(campaign: Campaign): boolean
  /** Visible articles of a topic in a locale, newest first. */
  topicArticles(locale: Locale, topic: string): Article[]
  /** The same page in every locale where it exists (for hreflang and the language switcher). */
  alternates(page: SitePage): LocaleMap
  /**
   * Whether an old address with a query (`/?p=123`) may lead somewhere: a shown document's old path or an
   * editor's redirect. The home pages and the 404 page then load the site's query-redirects.js
   * (redirect-files.ts), which sends such a visitor on where no host rule does.
   */
  queryRedirects: boolean
  /** Blocks from outside the model with their internal links settled as the model's are (no warnings). */
  settleLinks(blocks: Block[], locale: Locale): Block[]
  /** The media if its file is present, else null (the warning was recorded while building the model). */
  usableMedia(media: Media | null): Media | null
}

type Visible = Article | Benefit | Campaign | Page

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const emptyByLocale = <T>(): Record<Locale, T[]> => ({ da: [], sv: [], nb: [], en: [] })
const byNewest = (a: { publishedAt: string }, b: { publishedAt: string }) =>
  Date.parse(b.publishedAt) - Date.parse(a.publishedAt)

export function buildSiteModel(input: SiteInput, options: SiteModelOptions): SiteModel {
  const warnings: ChannelWarning[] = []
  const isVisible = (doc: Visible) => visibleAt(doc, options.buildDate)
  const isEnded = (campaign: Campaign) => endedAt(campaign, options.buildDate)

  // One entry per (collection, locale, slug): a clash would give two documents one URL.
  function keepUnique<T extends Visible>(collection: PageCollection | 'pages', docs: T[]): T[] {
    const seen = new Map<string, T>()
    const kept: T[] = []
    // The earliest published document owns the URL; ordering makes the choice independent of input order
    // (Astro's content store does not keep the snapshot's order).
    const ordered = [...docs].sort(
      (a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || cmp(a.id, b.id) || cmp(a.key, b.key),
    )
    for (const doc of ordered) {
      const id = `${doc.locale}/${doc.slug}`
      const other = seen.get(id)
      if (other) {
        warnings.push({
          document: documentLabel(collection, doc),
          field: 'slug',
          message: `slug "${doc.slug}" is also used by ${collection} "${other.key}" in ${doc.locale}; this document gets no page`,
        })
        continue
      }
      seen.set(id, doc)
      kept.push(doc)
    }
    return kept
  }

  // Every internal link settled once, against the pages this site has (channels/snapshot/links.ts).
  const kept = {
    articles: keepUnique('articles', input.articles.filter(isVisible)),
    benefits: keepUnique('benefits', input.benefits.filter(isVisible)),
    campaigns: keepUnique('campaigns', input.campaigns.filter(isVisible)),
  }
  const resolve = linkResolver({ ...kept, organisation: input.organisation }, options.buildDate)
  const settleLinks = (blocks: Block[], locale: Locale, document: string, field: string): Block[] => {
    const settled = settleField(resolve, blocks, locale)
    for (const { target, at } of settled.unlinked)
      warnings.push({
        document,
        field: `${field}${at}`,
        message: `link to ${target.collection} "${target.key}" has no page on the site; shown as plain text`,
      })
    return settled.blocks
  }
  const withBody = <T extends Visible>(collection: PageCollection | 'pages', doc: T): T => ({
    ...doc,
    body: settleLinks(doc.body, doc.locale, documentLabel(collection, doc), 'body'),
  })
  const articles = kept.articles.map((doc) => withBody('articles', doc))
  const benefits = kept.benefits.map((doc) => withBody('benefits', doc))
  const campaigns = kept.campaigns.map((doc) => withBody('campaigns', doc))
  const organisation: Organisation = {
    ...input.organisation,
    localized: Object.fromEntries(
      LOCALES.map((locale) => {
        const text = input.organisation.localized[locale]
        return [
          locale,
          { ...text, about: settleLinks(text.about, locale, `organisation (${locale})`, 'about') },
        ]
      }),
    ) as Organisation['localized'],
  }
  const contentPages = visiblePages(keepUnique('pages', (input.pages ?? []).filter(isVisible)), warnings).map(
    (doc) => withBody('pages', doc),
  )

  const index = <T extends Visible>(docs: T[]) =>
    new Map(docs.map((doc) => [`${doc.locale}/${doc.key}`, doc]))
  const articleIndex = index(articles)
  const benefitIndex = index(benefits)
  const campaignIndex = index(campaigns)
  const group = <T extends Visible>(docs: T[]) => {
    const out = emptyByLocale<T>()
    for (const doc of [...docs].sort(byNewest)) out[doc.locale].push(doc)
    return out
  }
  const articlesByLocale = group(articles)
  const benefitsByLocale = group(benefits)
  const runningByLocale = group(campaigns.filter((c) => !isEnded(c)))
  const endedByLocale = group(campaigns.filter(isEnded))
  const contentPageIndex = index(contentPages)
  const contentPagesByLocale = emptyByLocale<Page>()
  for (const doc of [...contentPages].sort(byPlace)) contentPagesByLocale[doc.locale].push(doc)

  // Topics in slug order, as Astro's content layer hands them to a build (sorted by id with localeCompare:
  // astro/dist/content/data-store-writer.js), so a model made straight from a snapshot (the preview's
  // warm renderer) lists them as the published site does.
  const topics = [...input.topics].sort((a, b) => a.slug.localeCompare(b.slug))
  const topicsBySlug = new Map(topics.map((t) => [t.slug, t]))
  const topicArticlesCache = new Map<string, Article[]>()
  const topicArticles = (locale: Locale, topic: string) => {
    const id = `${locale}/${topic}`
    let list = topicArticlesCache.get(id)
    if (!list) {
      list = articlesByLocale[locale].filter((a) => a.topics.some((t) => t.slug === topic))
      topicArticlesCache.set(id, list)
    }
    return list
  }

  // ------------------------------------------------------------ media and links, checked once
  // media id → the media with only the renditions whose files exist, or null when the original is missing
  const mediaState = new Map<string, Media | null>()
  const usableMedia = (media: Media | null): Media | null => {
    if (!media) return null
    let state = mediaState.get(media.id)
    if (state === undefined) {
      state = options.mediaExists(media)
        ? {
            ...media,
            sizes: Object.fromEntries(
              Object.entries(media.sizes).filter(([, size]) => options.mediaExists({ ...media, ...size })),
            ),
          }
        : null
      mediaState.set(media.id, state)
    }
    return state
  }
  const checkMedia = (media: Media | null, document: string, field: string) => {
    if (media && !usableMedia(media))
      warnings.push({
        document,
        field,
        message: `image file ${media.file} is missing; the page shows no image`,
      })
  }

  const checkBlocks = (blocks: Block[], document: string, field: string) =>
    blocks.forEach((block, i) => {
      for (const image of blockImages(block)) checkMedia(image, document, `${field}[${i}]`)
    })

  for (const article of articles) {
    const label = documentLabel('articles', article)
    checkMedia(article.hero, label, 'hero')
    checkBlocks(article.body, label, 'body')
  }
  for (const benefit of benefits) {
    const label = documentLabel('benefits', benefit)
    if (benefit.partner === null)
      warnings.push({
        document: label,
        field: 'partner',
        message: 'no partner given; the page leaves the partner out',
      })
    checkMedia(benefit.logo, label, 'logo')
    checkBlocks(benefit.body, label, 'body')
  }
  for (const campaign of campaigns) {
    const label = documentLabel('campaigns', campaign)
    checkMedia(campaign.hero, label, 'hero')
    checkBlocks(campaign.body, label, 'body')
  }
  for (const doc of contentPages) checkBlocks(doc.body, documentLabel('pages', doc), 'body')
  checkMedia(organisation.logo, 'organisation', 'logo')
  for (const locale of LOCALES)
    checkBlocks(organisation.localized[locale].about, `organisation (${locale})`, 'about')

  // ------------------------------------------------------------ the pages
  const pages: SitePage[] = []
  for (const locale of LOCALES) {
    pages.push(
      { kind: 'home', locale, path: homePath(locale) },
      { kind: 'about', locale, path: sectionPath('about', locale) },
    )
    pages.push({ kind: 'search', locale, path: sectionPath('search', locale) })
    if (benefitsByLocale[locale].length > 0)
      pages.push({ kind: 'benefits', locale, path: sectionPath('benefits', locale) })
    if (runningByLocale[locale].length + endedByLocale[locale].length > 0)
      pages.push({ kind: 'campaigns', locale, path: sectionPath('campaigns', locale) })
    for (const topic of topics) {
      const count = topicArticles(locale, topic.slug).length
      if (count === 0) continue
      const total = Math.ceil(count / ARTICLES_PER_TOPIC_PAGE)
      for (let page = 1; page <= total; page++)
        pages.push({
          kind: 'topic',
          locale,
          path: topicPath(locale, topic.slug, page),
          topic: topic.slug,
          page,
          pages: total,
        })
    }
    const archivePages = Math.ceil(articlesByLocale[locale].length / ARTICLES_PER_TOPIC_PAGE)
    for (let page = 1; page <= archivePages; page++)
      pages.push({ kind: 'archive', locale, path: archivePath(locale, page), page, pages: archivePages })
    for (const a of articlesByLocale[locale])
      pages.push({ kind: 'article', locale, key: a.key, path: documentPath('articles', locale, a.slug) })
    for (const b of benefitsByLocale[locale])
      pages.push({ kind: 'benefit', locale, key: b.key, path: documentPath('benefits', locale, b.slug) })
    for (const c of [...runningByLocale[locale], ...endedByLocale[locale]])
      pages.push({ kind: 'campaign', locale, key: c.key, path: documentPath('campaigns', locale, c.slug) })
  }
  // Site pages last: a path the site itself uses stays the site's (the CMS refuses such slugs anyway).
  for (const locale of LOCALES)
    for (const doc of contentPagesByLocale[locale])
      pages.push({ kind: 'page', locale, key: doc.key, path: contentPagePath(doc) })
  // Slugs are checked per collection above; a slug such as "rss.xml" could still meet a section path.
  const seenPaths = new Set<string>()
  const uniquePages = pages.filter((page) => {
    if (seenPaths.has(page.path)) {
      warnings.push({
        document: `site ${page.path}`,
        message: `two pages want the path ${page.path}; the ${page.kind} page is left out`,
      })
      return false
    }
    seenPaths.add(page.path)
    return true
  })
  const pageByKindKey = new Map(uniquePages.map((p) => [pageId(p, p.locale), p]))

  const navigation = resolveNavigation(input.navigation, new Set(seenPaths), warnings)

  const alternates = (page: SitePage): LocaleMap => {
    const out: LocaleMap = {}
    for (const locale of LOCALES) {
      const other = pageByKindKey.get(pageId(page, locale))
      if (other) out[locale] = other.path
    }
    return out
  }

  const queryRedirects =
    (input.redirects ?? []).some((redirect) => oldPathQuery(redirect.from) !== null) ||
    [...articles, ...benefits, ...campaigns, ...contentPages].some((doc) =>
      doc.oldPaths.some((oldPath) => oldPathQuery(oldPath) !== null),
    )

  return {
    organisation,
    buildDate: options.buildDate,
    queryRedirects,
    pages: uniquePages,
    warnings,
    topics: topics.filter((t) => topicsBySlug.get(t.slug) === t),
    articles: articlesByLocale,
    benefits: benefitsByLocale,
    campaigns: runningByLocale,
    endedCampaigns: endedByLocale,
    contentPages: contentPagesByLocale,
    contentPage: (locale, key) => contentPageIndex.get(`${locale}/${key}`),
    contentPagePath,
    childPages: (locale, key) => contentPagesByLocale[locale].filter((doc) => doc.parent === key),
    navigation: (area, locale) => navigation[area][locale] ?? null,
    article: (locale, key) => articleIndex.get(`${locale}/${key}`),
    benefit: (locale, key) => benefitIndex.get(`${locale}/${key}`),
    campaign: (locale, key) => campaignIndex.get(`${locale}/${key}`),
    isEnded,
    topicArticles,
    alternates,
    settleLinks: (blocks, locale) => settleField(resolve, blocks, locale).blocks,
    usableMedia,
  }
}

/** What makes two pages "the same page" in two locales. */
function pageId(page: SitePage, locale: Locale): string {
  switch (page.kind) {
    case 'article':
    case 'benefit':
    case 'campaign':
    case 'page':
      return `${locale}:${page.kind}:${page.key}`
    case 'topic':
      // Page 2 of a topic in one locale is not page 2 in another: switch to the topic's first page.
      return `${locale}:topic:${page.topic}:${page.page === 1 || page.locale === locale ? page.page : 1}`
    case 'archive':
      return `${locale}:archive:${page.page === 1 || page.locale === locale ? page.page : 1}`
    default:
      return `${locale}:${page.kind}`
  }
}

/** Among siblings: order, then title; parents' lists come together (sorted by parent key). */
function byPlace(a: Page, b: Page): number {
  return (
    cmp(a.parent ?? '', b.parent ?? '') ||
    a.order - b.order ||
    a.title.localeCompare(b.title, a.locale) ||
    cmp(a.key, b.key)
  )
}

/**
 * A page shows only while its parent does in some locale (export leaves out a page under an unpublished
 * parent; here the build date may have passed, or a parent's slug clashed): otherwise its address leads
 * through a page that is not there. Repeated until no page loses its parent.
 */
function visiblePages(docs: Page[], warnings: ChannelWarning[]): Page[] {
  let kept = docs
  for (;;) {
    const keys = new Set(kept.map((doc) => doc.key))
    const next = kept.filter((doc) => doc.parent === null || keys.has(doc.parent))
    if (next.length === kept.length) return kept
    for (const doc of kept)
      if (doc.parent !== null && !keys.has(doc.parent))
        warnings.push({
          document: documentLabel('pages', doc),
          field: 'parent',
          message: `parent page "${doc.parent}" is not on the site; this page gets no page either`,
        })
    kept = next
  }
}

/**
 * The editors' menus as the site can show them: an entry whose site path has no page in this build
 * (a page scheduled for later, a topic without articles in the locale) is left out with a warning
 * naming the entry. A locale whose every entry is left out shows the site's own menu.
 */
function resolveNavigation(
  navigation: SiteInput['navigation'],
  paths: Set<string>,
  warnings: ChannelWarning[],
): Record<NavigationArea, Partial<Record<Locale, NavigationLink[]>>> {
  const out: Record<NavigationArea, Partial<Record<Locale, NavigationLink[]>>> = { header: {}, footer: {} }
  for (const area of ['header', 'footer'] as const) {
    for (const locale of LOCALES) {
      const links = (navigation?.[area][locale] ?? []).filter((link, i) => {
        if (link.kind === 'url' || paths.has(link.href)) return true
        warnings.push({
          document: `navigation (${locale})`,
          field: `${area}[${i}]`,
          message: `links to ${link.kind} "${link.target ?? link.href}" at ${link.href}, which has no page on the site; left out of the menu`,
        })
        return false
      })
      if (links.length > 0) out[area][locale] = links
    }
  }
  return out
}
