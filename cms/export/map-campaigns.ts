/** Campaigns: one entry per locale with its own title; an ended campaign stays, marked `ended`. */
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { endedAt } from '../../channels/snapshot/visibility.ts'
import { dateOf, nonEmpty, type Doc, type ExportContext, type PerLocale } from './export-context.ts'
import { localizedEntries, pickText } from './localize.ts'
import { keysOf, termRefs } from './refs.ts'

export function mapCampaign(context: ExportContext, doc: Doc): Snapshot['campaigns'] {
  const endsAt = dateOf(doc.endsAt)
  return [...localizedEntries(context, 'campaigns', doc, 'title')].map(
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
        hero: context.media.media(doc.hero, label, 'hero'),
        callToAction: ctaLabel && cta.url ? { label: ctaLabel, url: cta.url } : null,
        newsletterText: text('newsletterText'),
        letterText: text('letterText'),
        socialPosts: posts.map((p) => ({
          platform: p.platform as 'facebook' | 'instagram' | 'linkedin' | 'x',
          text: p.text,
        })),
        startsAt: dateOf(doc.startsAt)?.toISOString() ?? null,
        endsAt: endsAt?.toISOString() ?? null,
        ended: endedAt({ endsAt: endsAt?.toISOString() }, context.now),
        segments: termRefs(doc.segments, locale),
        relatedArticles: keysOf(doc.relatedArticles),
        relatedBenefits: keysOf(doc.relatedBenefits),
      }
    },
  )
}
