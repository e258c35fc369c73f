/**
 * The Organisation global: name, colours, address, site URL and per-locale texts, with a working
 * default for anything left empty (and a warning where the site would be wrong without it).
 */
import { CARD_FONT_IDS, LOCALES, type CardFontId, type Snapshot } from '../../channels/snapshot/schema.ts'
import type { ExportContext } from './export-context.ts'
import type { OrganisationDoc } from '../lib/payload-docs.ts'
import { pickText, richTextBlocks } from './localize.ts'

export function mapOrganisation(context: ExportContext, doc: OrganisationDoc): Snapshot['organisation'] {
  const str = (value: unknown, fallback = ''): string =>
    typeof value === 'string' && value.trim() ? value : fallback
  const group = (value: unknown) => (value ?? {}) as Record<string, unknown>
  const name = str(doc.name)
  if (!name) context.warn('organisation', 'name', 'is empty: fill in the Organisation global in the admin')
  const colours = group(doc.colours)
  const address = group(doc.postalAddress)
  const social = group(doc.social)
  const hex = (value: unknown, fallback: string) =>
    typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value) ? value : fallback
  const localized = Object.fromEntries(
    LOCALES.map((locale) => {
      const fallbackFields: string[] = []
      const text = (field: 'tagline' | 'whyYouGetThis'): string =>
        pickText(doc[field], locale, field, fallbackFields)
      const blocks = richTextBlocks(
        context,
        doc.about ?? undefined,
        locale,
        `organisation (${locale})`,
        'about',
        fallbackFields,
        { mergeFields: false },
      )
      return [
        locale,
        { tagline: text('tagline'), about: blocks, whyYouGetThis: text('whyYouGetThis'), fallbackFields },
      ]
    }),
  ) as Snapshot['organisation']['localized']
  const siteUrl = organisationSiteUrl(doc.siteUrl, (message) =>
    context.warn('organisation', 'siteUrl', message),
  )
  const country = str(address.country, 'DK').toUpperCase()
  return {
    name: name || 'Budstikke',
    shortName: str(doc.shortName, name || 'Budstikke'),
    logo: context.media.media(doc.logo, 'organisation', 'logo'),
    colours: {
      primary: hex(colours.primary, '#b3123b'),
      accent: hex(colours.accent, '#1d4e89'),
      text: hex(colours.text, '#1a1a1a'),
      background: hex(colours.background, '#ffffff'),
    },
    postalAddress: {
      street: str(address.street),
      postalCode: str(address.postalCode),
      city: str(address.city),
      country: country.length === 2 ? country : 'DK',
    },
    email: str(doc.email),
    phone: str(doc.phone),
    siteUrl,
    social: {
      facebook: str(social.facebook) || null,
      instagram: str(social.instagram) || null,
      linkedin: str(social.linkedin) || null,
      x: str(social.x) || null,
    },
    unsubscribeUrlPattern: str(doc.unsubscribeUrlPattern, `${siteUrl}/unsubscribe?m={member_id}`),
    preferencesUrlPattern: str(doc.preferencesUrlPattern, `${siteUrl}/preferences?m={member_id}`),
    cardFont: cardFontOf(doc.cardFont),
    localized,
  }
}

/**
 * The site URL as the snapshot carries it (no trailing slash; the default for an empty or bad one): the
 * admin's preview warm-up builds the site's page bundle for this URL before any export.
 */
export function organisationSiteUrl(value: unknown, warn: (message: string) => void = () => {}): string {
  const siteUrl = (typeof value === 'string' && value.trim() ? value : 'https://example.org').replace(
    /\/+$/,
    '',
  )
  if (/^https?:\/\/[^\s]+$/.test(siteUrl)) return siteUrl
  warn(`"${siteUrl}" is not a URL; using https://example.org`)
  return 'https://example.org'
}

/** The Organisation's card font, or the default for a value the select no longer offers. */
function cardFontOf(value: unknown): CardFontId {
  return (CARD_FONT_IDS as readonly unknown[]).includes(value) ? (value as CardFontId) : 'noto-sans'
}
