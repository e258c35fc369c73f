/**
 * What each page of the site shows, as one digest per page path: an incremental publish renders again
 * exactly the pages whose digest changed (or that are new) and copies the others from the previous output.
 *
 * A digest covers the page's own data and everything else its HTML shows: the frame every page of a
 * locale shares (Organisation, topics, menu, the locale's feeds), the documents it lists (whole, so any
 * change to a listed article reaches its teaser), the images (by file bytes), the targets of its internal
 * links, its language alternates and whether its social card exists. A kind of page this module does not
 * know (a new route) gets a digest of all content, so it is rendered on every change: never stale.
 *
 * Documents are hashed once each, as JSON in the order the snapshot's zod schema gives them (stable
 * between publishes), so a 10,000-article site is digested in a fraction of a second.
 */
import { createHash } from 'node:crypto'
import { blockImages } from '../snapshot/block-text.ts'
import { PAGE_COLLECTION, type PageCollection } from '../snapshot/collections.ts'
import type { Article, Benefit, Campaign, Locale, Media, Page } from '../snapshot/schema.ts'
import { LOCALES } from '../snapshot/schema.ts'
import { siteFeeds } from './feeds.ts'
import { HOME_ARTICLES, ARTICLES_PER_TOPIC_PAGE, type SiteModel, type SitePage } from './site-model.ts'

export interface DigestInputs {
  /** Hashes of each used image's files (original and renditions), by media id. */
  mediaHashes: Map<string, string[]>
  /** `social/<kind>/<slug>/<locale>/og.png` paths that exist in the site folder. */
  socialCards: Set<string>
}

type Doc = Article | Benefit | Campaign | Page

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

/** Page path → digest of what that page shows. */
export function pageDigests(model: SiteModel, inputs: DigestInputs): Map<string, string> {
  const docHashes = new Map<Doc, string>()
  const media = (item: Media | null) => {
    const usable = model.usableMedia(item)
    return usable ? [usable.id, usable.url, inputs.mediaHashes.get(usable.id) ?? null] : null
  }
  /**
   * A document with the images it shows: what its page or teaser renders. Where its links lead is in the
   * body itself (the model settles every link: channels/snapshot/links.ts).
   */
  const doc = (item: Doc | undefined): string | null => {
    if (!item) return null
    let hash = docHashes.get(item)
    if (!hash) {
      const images = item.body.flatMap(blockImages).map(media)
      const own = 'hero' in item ? media(item.hero) : 'logo' in item ? media(item.logo) : null
      hash = sha(JSON.stringify([item, own, images]))
      docHashes.set(item, hash)
    }
    return hash
  }
  const docs = (items: Doc[]) => items.map(doc)
  const card = (collection: PageCollection, item: Doc | undefined) =>
    item
      ? inputs.socialCards.has(
          `social/${PAGE_COLLECTION[collection].kind}/${item.slug}/${item.locale}/og.png`,
        )
      : false

  const frames = new Map<Locale, string>()
  const frame = (locale: Locale) => {
    let hash = frames.get(locale)
    if (!hash) {
      const org = model.organisation
      hash = sha(
        JSON.stringify({
          org,
          logo: media(org.logo),
          aboutImages: org.localized[locale].about.flatMap(blockImages).map(media),
          // The header menu and footer links every page shows (the Navigation global, or the site's own).
          navigation: [model.navigation('header', locale), model.navigation('footer', locale)],
          topics: model.topics,
          menu: [
            model.articles[locale].length > 0,
            model.benefits[locale].length > 0,
            model.campaigns[locale].length + model.endedCampaigns[locale].length > 0,
          ],
          feeds: siteFeeds(model)
            .filter((feed) => feed.locale === locale)
            .map((feed) => feed.path),
        }),
      )
      frames.set(locale, hash)
    }
    return hash
  }
  let everything: string | undefined
  const allContent = () =>
    (everything ??= sha(
      JSON.stringify(
        LOCALES.map((l) => [
          docs(model.articles[l]),
          docs(model.benefits[l]),
          docs(model.campaigns[l]),
          docs(model.endedCampaigns[l]),
        ]),
      ),
    ))

  const view = (page: SitePage): unknown => {
    const { locale } = page
    const slice = (items: Article[], n: number) =>
      docs(items.slice((n - 1) * ARTICLES_PER_TOPIC_PAGE, n * ARTICLES_PER_TOPIC_PAGE))
    switch (page.kind) {
      case 'article': {
        const article = model.article(locale, page.key)
        return [doc(article), card('articles', article)]
      }
      case 'benefit': {
        const benefit = model.benefit(locale, page.key)
        return [doc(benefit), card('benefits', benefit)]
      }
      case 'campaign': {
        const campaign = model.campaign(locale, page.key)
        if (!campaign) return null
        return [
          doc(campaign),
          card('campaigns', campaign),
          model.isEnded(campaign),
          campaign.relatedArticles.map((key) => doc(model.article(locale, key))),
          campaign.relatedBenefits.map((key) => doc(model.benefit(locale, key))),
        ]
      }
      case 'topic':
        return slice(model.topicArticles(locale, page.topic), page.page)
      case 'archive':
        return slice(model.articles[locale], page.page)
      case 'home':
        return [
          doc(model.campaigns[locale][0]),
          docs(model.articles[locale].slice(0, HOME_ARTICLES)),
          docs(model.benefits[locale].filter((b) => b.featured).slice(0, 3)),
          // Whether it loads the old query addresses' script (query-redirects.ts).
          model.queryRedirects,
        ]
      case 'benefits':
        return docs(model.benefits[locale])
      case 'campaigns':
        return [docs(model.campaigns[locale]), docs(model.endedCampaigns[locale])]
      case 'page':
        // The page's own text and summary, and the pages its view names (subpages, ancestors): the locale's pages.
        return docs(model.contentPages[locale])
      case 'about':
      case 'search':
        return null
      default:
        return allContent()
    }
  }

  const digests = new Map<string, string>()
  for (const page of model.pages)
    digests.set(
      page.path,
      sha(JSON.stringify([page, frame(page.locale), model.alternates(page), view(page)])),
    )
  return digests
}
