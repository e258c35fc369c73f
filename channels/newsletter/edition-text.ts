/** The plain-text twin of an edition (the `text/plain` part of the e-mail). */
import { encodeUrlForOutput, neutralisePlainText } from './escape.ts'
import { sentinel } from './merge-syntax.ts'
import { blocksToText } from './blocks.ts'
import { documentUrl, siteLink, type EditionContext } from './render-context.ts'
import type { ResolvedItem } from './resolve-items.ts'
import type { EditionLinks } from './edition-links.ts'

const rule = '-'.repeat(40)

function urlWithMemberId(pattern: string): string {
  return pattern
    .split('{member_id}')
    .map((part) => encodeUrlForOutput(part))
    .join(sentinel('member_id'))
}

function itemText(context: EditionContext, item: ResolvedItem): string {
  const t = neutralisePlainText
  switch (item.kind) {
    case 'article': {
      const url = documentUrl(context, 'articles', item.doc.slug, item.doc.locale)
      return [
        t(item.doc.title),
        t(item.doc.summary),
        `${context.strings.readMore}: ${encodeUrlForOutput(url)}`,
      ]
        .filter(Boolean)
        .join('\n')
    }
    case 'benefit': {
      const url = documentUrl(context, 'benefits', item.doc.slug, item.doc.locale)
      return [
        t(item.doc.partner ?? context.strings.partnerFallback),
        t(item.doc.name),
        t(item.doc.offer),
        t(item.doc.summary),
        `${context.strings.readBenefit}: ${encodeUrlForOutput(url)}`,
      ]
        .filter(Boolean)
        .join('\n')
    }
    case 'campaign': {
      const pageUrl = documentUrl(context, 'campaigns', item.doc.slug, item.doc.locale)
      const cta = item.doc.callToAction
      const ctaLine = cta
        ? `${t(cta.label)}: ${encodeUrlForOutput(siteLink(context, cta.url))}`
        : `${context.strings.readMore}: ${encodeUrlForOutput(pageUrl)}`
      return [
        context.strings.campaign.toUpperCase(),
        t(item.doc.title),
        t(item.doc.newsletterText || item.doc.summary),
        ctaLine,
      ]
        .filter(Boolean)
        .join('\n')
    }
  }
}

export function editionText(context: EditionContext, items: ResolvedItem[], links: EditionLinks): string {
  const organisation = context.snapshot.organisation
  const localized = organisation.localized[context.locale]
  const t = neutralisePlainText
  const sections = [
    [t(organisation.name), t(localized.tagline)].filter(Boolean).join('\n'),
    t(context.edition.subject),
    `${context.strings.greeting} ${sentinel('first_name')},`,
    blocksToText(context, context.edition.intro, 'intro'),
    ...items.map((item) => `${rule}\n${itemText(context, item)}`),
    rule,
    [
      t(localized.whyYouGetThis),
      `${context.strings.memberNumber}: ${sentinel('member_number')}`,
      `${context.strings.unsubscribe}: ${urlWithMemberId(links.unsubscribePattern)}`,
      `${context.strings.preferences}: ${urlWithMemberId(links.preferencesPattern)}`,
    ]
      .filter(Boolean)
      .join('\n'),
    [
      t(organisation.name),
      t(organisation.postalAddress.street),
      `${t(organisation.postalAddress.postalCode)} ${t(organisation.postalAddress.city)}`,
      encodeUrlForOutput(siteLink(context, organisation.siteUrl)),
    ].join('\n'),
  ]
  return sections.filter((s) => s.trim() !== '').join('\n\n') + '\n'
}
