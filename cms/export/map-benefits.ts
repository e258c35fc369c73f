/**
 * Benefits: one entry per locale with its own name, and only while valid (`validFrom` ≤ now <
 * `validTo`); a preview shows its draft outside its validity, saying when it applies.
 */
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { visibleAt } from '../../channels/snapshot/visibility.ts'
import { slugify } from '../lib/slugify.ts'
import { dateOf, type ExportContext } from './export-context.ts'
import type { BenefitDoc, BenefitField } from '../lib/payload-docs.ts'
import { oldPathsOf } from './export-redirects.ts'
import { localizedEntries } from './localize.ts'
import { termRefs } from './refs.ts'

export function mapBenefit(context: ExportContext, doc: BenefitDoc): Snapshot['benefits'] {
  const validTo = dateOf(doc.validTo)
  const validFrom = dateOf(doc.validFrom)
  const preview = context.isPreviewTarget('benefits', doc)
  if (validTo && !visibleAt({ validTo: validTo.toISOString() }, context.now)) {
    if (!preview) return [] // expired: leaves every channel
    context.warn(
      `benefits/${doc.id}`,
      'validTo',
      `ended ${validTo.toISOString().slice(0, 10)}: published, it would leave every channel`,
    )
  }
  if (validFrom && !visibleAt({ validFrom: validFrom.toISOString() }, context.now)) {
    if (!preview) return [] // not valid yet
    context.warn(
      `benefits/${doc.id}`,
      'validFrom',
      `starts ${validFrom.toISOString().slice(0, 10)}: published, it appears only then`,
    )
  }
  return [...localizedEntries<BenefitField>(context, 'benefits', doc, 'name')].map(
    ({ common, label, text, blocks }) => {
      const partner = typeof doc.partner === 'string' && doc.partner.trim() ? doc.partner : null
      if (!partner) context.warn(label, 'partner', 'no partner given')
      const category = text('category') || 'Andet'
      return {
        ...common,
        name: text('name'),
        partner,
        partnerUrl: typeof doc.partnerUrl === 'string' && doc.partnerUrl ? doc.partnerUrl : null,
        category: { slug: slugify(category) || 'andet', name: category },
        summary: text('summary'),
        body: blocks('body'),
        offer: text('offer'),
        howToClaim: text('howToClaim'),
        eligibleSegments: termRefs(doc.eligibleSegments, common.locale),
        eligibility: text('eligibility'),
        validFrom: validFrom?.toISOString() ?? null,
        validTo: validTo?.toISOString() ?? null,
        featured: doc.featured === true,
        logo: context.media.media(doc.logo, label, 'logo'),
        oldPaths: oldPathsOf(doc, common.locale, (field, message) => context.warn(label, field, message)),
      }
    },
  )
}
