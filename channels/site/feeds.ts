/**
 * The RSS feeds as data (which exist, and their items); the Astro endpoints hand these to @astrojs/rss.
 * Every text goes through `cleanText` so a control character in a title cannot make the XML ill-formed;
 * the XML builder escapes `<`, `&` and `]]>` itself.
 */
import type { Locale } from '../snapshot/schema.ts'
import { LOCALES } from '../snapshot/schema.ts'
import { fallbackLang } from '../snapshot/fallback.ts'
import { cleanText, imageHtml, renderBlocks } from './render-html.ts'
import { documentPath, feedPath } from './routes.ts'
import type { SiteModel } from './site-model.ts'

export type FeedScope = { kind: 'articles' } | { kind: 'topic'; topic: string } | { kind: 'benefits' }

export interface SiteFeed {
  locale: Locale
  scope: FeedScope
  path: string
}

export interface FeedItem {
  title: string
  link: string
  pubDate: Date
  description: string
  content: string
  categories: string[]
  author?: string
  enclosure?: { url: string; length: number; type: string }
}

/** Feeds that have at least one item: per locale all articles, per topic and locale, benefits per locale. */
export function siteFeeds(model: SiteModel): SiteFeed[] {
  const feeds: SiteFeed[] = []
  for (const locale of LOCALES) {
    if (model.articles[locale].length > 0)
      feeds.push({ locale, scope: { kind: 'articles' }, path: feedPath(locale) })
    for (const topic of model.topics) {
      if (model.topicArticles(locale, topic.slug).length > 0)
        feeds.push({
          locale,
          scope: { kind: 'topic', topic: topic.slug },
          path: feedPath(locale, { topic: topic.slug }),
        })
    }
    if (model.benefits[locale].length > 0)
      feeds.push({ locale, scope: { kind: 'benefits' }, path: feedPath(locale, { benefits: true }) })
  }
  return feeds
}

/** Newest items only: a feed reader polls often, and 10,000 full bodies would make a 100 MB file. */
export const FEED_ITEMS = 50

export function feedItems(model: SiteModel, feed: SiteFeed): FeedItem[] {
  const base = model.organisation.siteUrl.replace(/\/+$/, '')
  const url = (p: string) => (/^https?:/i.test(p) ? p : `${base}${p}`)
  const { locale } = feed
  const topicName = (slug: string, fallback: string) =>
    model.topics.find((t) => t.slug === slug)?.name[locale] ?? fallback

  if (feed.scope.kind === 'benefits') {
    return model.benefits[locale].slice(0, FEED_ITEMS).map((benefit) => {
      const logo = model.usableMedia(benefit.logo)
      return {
        title: cleanText(benefit.name),
        link: url(documentPath('benefits', locale, benefit.slug)),
        pubDate: new Date(benefit.publishedAt),
        description: cleanText(benefit.summary),
        content: renderBlocks(benefit.body, { model, locale, url, lang: fallbackLang(benefit, 'body') }),
        categories: [cleanText(benefit.category.name)],
        enclosure: logo ? { url: url(logo.url), length: logo.filesize, type: logo.mimeType } : undefined,
      }
    })
  }
  const scope = feed.scope
  const articles = scope.kind === 'topic' ? model.topicArticles(locale, scope.topic) : model.articles[locale]
  return articles.slice(0, FEED_ITEMS).map((article) => {
    const hero = model.usableMedia(article.hero)
    const heroHtml = hero ? `<p>${imageHtml(hero, { url })}</p>` : ''
    return {
      title: cleanText(article.title),
      link: url(documentPath('articles', locale, article.slug)),
      pubDate: new Date(article.publishedAt),
      description: cleanText(article.summary),
      content:
        heroHtml + renderBlocks(article.body, { model, locale, url, lang: fallbackLang(article, 'body') }),
      categories: article.topics.map((t) => cleanText(topicName(t.slug, t.name))),
      author: undefined,
      enclosure: hero ? { url: url(hero.url), length: hero.filesize, type: hero.mimeType } : undefined,
    }
  })
}
