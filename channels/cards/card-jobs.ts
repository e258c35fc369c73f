/**
 * From the snapshot to the list of cards to make: one per published article, benefit and campaign
 * per locale, each with the localised view its layout shows, its post text and its hero photo.
 */
import { COLLECTION_OF_KIND } from '../snapshot/collections.ts'
import { buildDateOr, endedOn, shownOn, type BuildDate } from '../snapshot/visibility.ts'
import type { Article, Benefit, Campaign, Locale, Media, Snapshot } from '../snapshot/schema.ts'
import { documentLabel, type ChannelWarning } from '../types.ts'
import { formatCardDate } from '../../templates/cards/labels.ts'
import { strings, translate } from '../shared/translations.ts'
import type { CardKind, CardView } from '../../templates/cards/view.ts'
import { cleanPlainText, platformPostText, postText, PLATFORM_POST_LIMITS } from './post-text.ts'
import { documentUrl } from './site-url.ts'

export interface CardJob {
  kind: CardKind
  slug: string
  locale: Locale
  /** `articles/ok26-afstemning (da)`: names the card in warnings. */
  label: string
  /** `article/ok26-afstemning`: the same for every locale of a document (its cross-locale key). */
  documentKey: string
  /** The view without hero information: `hasHero` is settled when the photo has been read. */
  view: CardView
  hero: Media | null
  /** A benefit's own (partner) logo. */
  partnerLogo: Media | null
  post: string
  /** A campaign's own posts per platform (`post-facebook.txt`…), written by its editors. */
  platformPosts: Array<{ file: string; text: string }>
}

/** Relative folder of a card's files under `social/`. */
export function cardFolder(job: Pick<CardJob, 'kind' | 'slug' | 'locale'>): string {
  return `${job.kind}/${job.slug}/${job.locale}`
}

/** Cards for what is visible at `buildDate` (the site has a page for each), ended campaigns marked as ended. */
export function collectCardJobs(snapshot: Snapshot, warnings: ChannelWarning[], date?: BuildDate): CardJob[] {
  const buildDate = buildDateOr(date)
  const siteUrl = snapshot.organisation.siteUrl
  const topicNames = new Map(snapshot.topics.map((t) => [t.slug, t.name]))
  const jobs: CardJob[] = []

  const articleView = (a: Article): CardView => {
    const topic = a.topics[0]
    return {
      kind: 'article',
      title: cleanPlainText(a.title),
      topic: cleanPlainText(
        topic ? (topicNames.get(topic.slug)?.[a.locale] ?? topic.name) : strings(a.locale).cards.article,
      ),
      date: formatCardDate(a.publishedAt, a.locale),
      hasHero: a.hero !== null,
    }
  }
  const benefitView = (b: Benefit): CardView => {
    const labels = strings(b.locale).cards
    if (!b.partner)
      warnings.push({
        document: documentLabel('benefits', b),
        field: 'partner',
        message: `no partner given: the card says "${labels.membersOnly}"`,
      })
    return {
      kind: 'benefit',
      label: labels.benefit,
      name: cleanPlainText(b.name),
      offer: cleanPlainText(b.offer || b.summary || labels.benefit),
      partnerLine: b.partner
        ? translate(b.locale, 'cards.atPartner', { partner: cleanPlainText(b.partner) })
        : labels.membersOnly,
      partnerLogo: null,
    }
  }
  const campaignView = (c: Campaign): CardView => {
    const labels = strings(c.locale).cards
    const ended = endedOn(c, buildDate)
    return {
      kind: 'campaign',
      label: labels.campaign,
      title: cleanPlainText(c.title),
      callToAction: ended || !c.callToAction ? null : cleanPlainText(c.callToAction.label),
      endLine: ended
        ? labels.ended
        : c.endsAt
          ? translate(c.locale, 'cards.endsOn', { date: formatCardDate(c.endsAt, c.locale) })
          : null,
      hasHero: c.hero !== null,
    }
  }

  /** The campaign's own posts: one file per post, `post-x.txt`, a second X post `post-x-2.txt`. */
  const campaignPosts = (c: Campaign, url: string): CardJob['platformPosts'] => {
    const seen = new Map<string, number>()
    return c.socialPosts.map((post, i) => {
      const count = (seen.get(post.platform) ?? 0) + 1
      seen.set(post.platform, count)
      const { text, cut } = platformPostText(post.text, url, post.platform)
      if (cut)
        warnings.push({
          document: documentLabel('campaigns', c),
          field: `socialPosts[${i}]`,
          message: `the ${post.platform} post is longer than the platform's ${PLATFORM_POST_LIMITS[post.platform].toLocaleString('en')} characters with the link: cut at a word`,
        })
      return { file: count === 1 ? `post-${post.platform}.txt` : `post-${post.platform}-${count}.txt`, text }
    })
  }

  const add = (
    kind: CardKind,
    doc: { slug: string; key: string; locale: Locale },
    view: CardView,
    images: { hero: Media | null; partnerLogo: Media | null },
    title: string,
    summary: string,
    platformPosts: (url: string) => CardJob['platformPosts'] = () => [],
  ) => {
    const url = documentUrl(siteUrl, kind, doc.slug, doc.locale)
    jobs.push({
      kind,
      slug: doc.slug,
      locale: doc.locale,
      label: documentLabel(COLLECTION_OF_KIND[kind], doc),
      documentKey: `${kind}/${doc.key}`,
      view,
      ...images,
      post: postText({ title, summary, url }),
      platformPosts: platformPosts(url),
    })
  }
  const visible = <T extends Article | Benefit | Campaign>(docs: T[]) =>
    docs.filter((doc) => shownOn(doc, buildDate))
  for (const a of visible(snapshot.articles))
    add('article', a, articleView(a), { hero: a.hero, partnerLogo: null }, a.title, a.summary)
  for (const b of visible(snapshot.benefits))
    add('benefit', b, benefitView(b), { hero: null, partnerLogo: b.logo }, `${b.name}: ${b.offer}`, b.summary)
  for (const c of visible(snapshot.campaigns))
    add('campaign', c, campaignView(c), { hero: c.hero, partnerLogo: null }, c.title, c.summary, (url) =>
      campaignPosts(c, url),
    )
  return jobs
}
