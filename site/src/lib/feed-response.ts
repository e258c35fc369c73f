import rss from '@astrojs/rss'
import type { APIRoute, GetStaticPaths } from 'astro'
import { feedItems, siteFeeds, type SiteFeed } from '../../../channels/site/feeds.ts'
import { feedPath } from '../../../channels/site/routes.ts'
import { cleanText } from '../../../channels/site/render-html.ts'
import { DEFAULT_LOCALE } from '../../../channels/snapshot/schema.ts'
import { t } from './i18n.ts'
import { siteModel } from './site-data.ts'

export function feedTitle(feed: SiteFeed, topicName: (slug: string) => string, shortName: string): string {
  const what =
    feed.scope.kind === 'topic'
      ? topicName(feed.scope.topic)
      : t(feed.locale, feed.scope.kind === 'benefits' ? 'feedBenefits' : 'feedAll')
  return cleanText(`${shortName}: ${what}`)
}

/** getStaticPaths for one feed endpoint file: the feeds whose path has that file's shape. */
export function feedPaths(shape: { localePrefix: boolean; kind: SiteFeed['scope']['kind'] }): GetStaticPaths {
  return async () => {
    const model = await siteModel()
    return siteFeeds(model)
      .filter(
        (feed) => feed.scope.kind === shape.kind && (feed.locale !== DEFAULT_LOCALE) === shape.localePrefix,
      )
      .map((feed) => ({
        params: {
          lang: shape.localePrefix ? feed.locale : undefined,
          topic: feed.scope.kind === 'topic' ? feed.scope.topic : undefined,
        },
        props: { feed },
      }))
  }
}

/** A Danish feed file has a fixed path (no getStaticPaths, so no props): it finds its feed itself. */
export function danishFeedEndpoint(kind: 'articles' | 'benefits'): APIRoute {
  const feed: SiteFeed = {
    locale: DEFAULT_LOCALE,
    scope: { kind },
    path: kind === 'benefits' ? feedPath(DEFAULT_LOCALE, { benefits: true }) : feedPath(DEFAULT_LOCALE),
  }
  return () => feedResponse(feed)
}

export const feedEndpoint: APIRoute = ({ props }) => feedResponse((props as { feed: SiteFeed }).feed)

async function feedResponse(feed: SiteFeed): Promise<Response> {
  const model = await siteModel()
  const org = model.organisation
  const title = feedTitle(
    feed,
    (slug) => model.topics.find((t) => t.slug === slug)?.name[feed.locale] ?? slug,
    org.shortName,
  )
  const site = org.siteUrl.replace(/\/+$/, '')
  return rss({
    title,
    description: cleanText(org.localized[feed.locale].tagline || org.name),
    site,
    items: feedItems(model, feed),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${feed.locale}</language><atom:link href="${site}${feed.path}" rel="self" type="application/rss+xml"/>`,
    trailingSlash: true,
  })
}
