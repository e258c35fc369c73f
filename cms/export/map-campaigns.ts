/** Campaigns: one entry per locale with its own title; an ended campaign stays, marked `ended`. */
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { endedAt } from '../../channels/snapshot/visibility.ts'
import { dateOf, nonEmpty, type ExportContext } from './export-context.ts'
import type { CampaignDoc, CampaignField } from '../lib/payload-docs.ts'
import { oldPathsOf } from './export-redirects.ts'
import { localizedEntries, pickText } from './localize.ts'
import { keysOf, termRefs } from './refs.ts'

export function mapCampaign(context: ExportContext, doc: CampaignDoc): Snapshot['campaigns'] {
  const endsAt = dateOf(doc.endsAt)
  return [...localizedEntries<CampaignField>(context, 'campaigns', doc, 'title')].map(
    ({ common, label, locale, text, blocks }) => {
      const cta = doc.callToAction ?? {}
      const ctaLabel = pickText(cta.label, locale, 'callToAction.label', common.fallbackFields)
      const posts = (doc.socialPosts?.[locale] ?? []).filter((p) => nonEmpty(p.text))
      return {
        ...common,
        title: text('title'),
        summary: text('summary'),
        body: blocks('body'),
        hero: context.media.media(doc.hero, label, 'hero'),
        callToAction: ctaLabel && cta.url ? { label: ctaLabel, url: cta.url } : null,
        newsletterText: text('newsletterText'),
        letterText: text('letterText'),
        socialPosts: posts.map((p) => ({ platform: p.platform, text: p.text })),
        startsAt: dateOf(doc.startsAt)?.toISOString() ?? null,
        endsAt: endsAt?.toISOString() ?? null,
        ended: endedAt({ endsAt: endsAt?.toISOString() }, context.now),
        segments: termRefs(doc.segments, locale),
        relatedArticles: keysOf(doc.relatedArticles),
        relatedBenefits: keysOf(doc.relatedBenefits),
        oldPaths: oldPathsOf(doc, locale, (field, message) => context.warn(label, field, message)),
      }
    },
  )
}
