/** One edition as MJML, assembled from the templates in `templates/newsletter/`. */
import type { Article, Benefit, Campaign } from '../snapshot/schema.ts'
import { escapeText, escapeUrl, joinMarkup, markup, type Markup } from './escape.ts'
import { sentinel } from './merge-syntax.ts'
import { fillTemplate, MjmlFragment } from './mjml-template.ts'
import { emailImage } from './images.ts'
import { blocksToMjml } from './blocks.ts'
import { documentUrl, siteLink, type EditionContext } from './render-context.ts'
import type { ResolvedItem } from './resolve-items.ts'
import type { EditionLinks } from './edition-links.ts'
import { fallbackLang } from '../snapshot/fallback.ts'

const contentWidth = 552

/**
 * Editor text of a document field; marked with `lang` when it is not in the edition's language
 * (a da document standing in for a missing translation, or a field Payload filled from da), so
 * screen readers pronounce it right.
 */
function fieldText(
  context: EditionContext,
  doc: { locale: string; fallbackFields: string[] },
  field: string,
  text: string,
): Markup {
  const escaped = escapeText(text)
  const lang = doc.locale !== context.locale ? doc.locale : (fallbackLang(doc, field) ?? null)
  return lang ? markup(`<span lang="${lang}">${escaped.markup}</span>`) : escaped
}

function colourSlots(context: EditionContext): Record<string, Markup> {
  const { colours } = context.snapshot.organisation
  // The schema guarantees `#rrggbb`, so these are safe as they are.
  return {
    primaryColour: markup(colours.primary),
    accentColour: markup(colours.accent),
    textColour: markup(colours.text),
    backgroundColour: markup(colours.background),
  }
}

function imageFragment(
  context: EditionContext,
  templateName: string,
  media: Article['hero'],
  maxWidth: number,
  href: string | null,
): MjmlFragment {
  if (!media) return MjmlFragment.empty()
  const image = emailImage(media, maxWidth, (url) => siteLink(context, url))
  return fillTemplate(context.templates, templateName, {
    src: escapeUrl(image.url),
    alt: escapeText(image.alt),
    width: markup(String(image.width)),
    height: markup(String(image.height)),
    href: escapeUrl(href ?? image.url),
  })
}

function articleTeaser(context: EditionContext, article: Article): MjmlFragment {
  const url = documentUrl(context, 'articles', article.slug, article.locale)
  return fillTemplate(context.templates, 'article-teaser', {
    ...colourSlots(context),
    image: imageFragment(context, 'teaser-image', article.hero, contentWidth, url),
    url: escapeUrl(url),
    title: fieldText(context, article, 'title', article.title),
    summary: fieldText(context, article, 'summary', article.summary),
    readMore: escapeText(context.strings.readMore),
  })
}

function benefitCard(context: EditionContext, benefit: Benefit): MjmlFragment {
  const url = documentUrl(context, 'benefits', benefit.slug, benefit.locale)
  return fillTemplate(context.templates, 'benefit-card', {
    ...colourSlots(context),
    logo: imageFragment(context, 'benefit-logo', benefit.logo, 120, null),
    partnerLine: escapeText(benefit.partner ?? context.strings.partnerFallback),
    url: escapeUrl(url),
    name: fieldText(context, benefit, 'name', benefit.name),
    offer: fieldText(context, benefit, 'offer', benefit.offer),
    summary: fieldText(context, benefit, 'summary', benefit.summary),
    readBenefit: escapeText(context.strings.readBenefit),
  })
}

function campaignBlock(context: EditionContext, campaign: Campaign): MjmlFragment {
  const pageUrl = documentUrl(context, 'campaigns', campaign.slug, campaign.locale)
  const ctaUrl = campaign.callToAction ? siteLink(context, campaign.callToAction.url) : pageUrl
  return fillTemplate(context.templates, 'campaign-block', {
    ...colourSlots(context),
    image: imageFragment(context, 'teaser-image', campaign.hero, contentWidth, ctaUrl),
    campaignLabel: escapeText(context.strings.campaign),
    title: fieldText(context, campaign, 'title', campaign.title),
    text: campaign.newsletterText
      ? fieldText(context, campaign, 'newsletterText', campaign.newsletterText)
      : fieldText(context, campaign, 'summary', campaign.summary),
    ctaUrl: escapeUrl(ctaUrl),
    ctaLabel: campaign.callToAction
      ? fieldText(context, campaign, 'callToAction.label', campaign.callToAction.label)
      : escapeText(context.strings.readMore),
  })
}

export function itemFragment(context: EditionContext, item: ResolvedItem): MjmlFragment {
  switch (item.kind) {
    case 'article':
      return articleTeaser(context, item.doc)
    case 'benefit':
      return benefitCard(context, item.doc)
    case 'campaign':
      return campaignBlock(context, item.doc)
  }
}

/** A URL pattern from the Organisation with `{member_id}` replaced by the member-id sentinel. */
export function patternWithMemberId(pattern: string): Markup {
  return joinMarkup(
    pattern.split('{member_id}').map((part) => escapeUrl(part)),
    sentinel('member_id'),
  )
}

export function editionMjml(
  context: EditionContext,
  items: ResolvedItem[],
  links: EditionLinks,
): MjmlFragment {
  const organisation = context.snapshot.organisation
  const localized = organisation.localized[context.locale]
  const logo = organisation.logo
    ? imageFragment(context, 'logo', organisation.logo, 200, organisation.siteUrl)
    : MjmlFragment.empty()
  const footer = fillTemplate(context.templates, 'footer', {
    ...colourSlots(context),
    whyYouGetThis: fieldText(
      context,
      { locale: context.locale, fallbackFields: localized.fallbackFields },
      'whyYouGetThis',
      localized.whyYouGetThis,
    ),
    memberNumberLabel: escapeText(context.strings.memberNumber),
    memberNumber: markup(sentinel('member_number')),
    unsubscribeUrl: patternWithMemberId(links.unsubscribePattern),
    preferencesUrl: patternWithMemberId(links.preferencesPattern),
    unsubscribe: escapeText(context.strings.unsubscribe),
    preferences: escapeText(context.strings.preferences),
    organisationName: escapeText(organisation.name),
    street: escapeText(organisation.postalAddress.street),
    postalCode: escapeText(organisation.postalAddress.postalCode),
    city: escapeText(organisation.postalAddress.city),
    siteUrl: escapeUrl(siteLink(context, organisation.siteUrl)),
    siteHost: escapeText(new URL(organisation.siteUrl).host),
  })
  return fillTemplate(context.templates, 'edition', {
    ...colourSlots(context),
    lang: escapeText(context.locale),
    subject: escapeText(context.edition.subject),
    preheader: escapeText(context.edition.preheader),
    logo,
    organisationName: escapeText(organisation.name),
    tagline: fieldText(
      context,
      { locale: context.locale, fallbackFields: localized.fallbackFields },
      'tagline',
      localized.tagline,
    ),
    greeting: joinMarkup([
      escapeText(context.strings.greeting),
      markup(' '),
      markup(sentinel('first_name')),
      markup(','),
    ]),
    intro: blocksToMjml(context, context.edition.intro, 'intro'),
    items: MjmlFragment.concat(items.map((item) => itemFragment(context, item))),
    footer,
  })
}
