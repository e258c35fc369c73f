/**
 * The import format (`budstikke import FILE.json`), also used by the seed. Documented in docs/import-format.md.
 * Each item is validated on its own, so one bad item is reported and the rest go in.
 */
import { z } from 'zod'
import { pageKinds } from '../../channels/snapshot/collections.ts'
import { CARD_FONT_IDS, LOCALES } from '../../channels/snapshot/schema.ts'

const locale = z.enum(LOCALES, { error: () => `unknown locale (use ${LOCALES.join(', ')})` })
const dateString = z.string({ error: 'not a date' }).refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}/.test(s), 'not a date')
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'not a slug (a-z, 0-9 and dashes)').max(80, 'longer than 80 characters')
const text = z.string()
const requiredText = z.string({ error: 'missing' }).refine((s) => s.trim() !== '', 'must not be empty')

export const bodySchema = z.union([z.object({ markdown: z.string() }).strict(), z.object({ html: z.string() }).strict()], {
  error: 'must be { "markdown": "…" } or { "html": "…" }',
})
export type ImportBody = z.infer<typeof bodySchema>

export const imageSchema = z.object({ file: requiredText, alt: requiredText })
export type ImportImage = z.infer<typeof imageSchema>

const base = {
  slug: slug.optional(),
  locale: locale.default('da'),
  /** For a translation: the document's slug in the default locale. */
  translationOf: slug.optional(),
  status: z.enum(['published', 'draft']).default('published'),
  publishedAt: dateString.optional(),
}

export const articleItemSchema = z.object({
  ...base,
  title: requiredText,
  summary: text.optional(),
  body: bodySchema.optional(),
  topics: z.array(slug).optional(),
  segments: z.array(slug).optional(),
  authors: z.array(text).optional(),
  image: imageSchema.optional(),
})

export const benefitItemSchema = z.object({
  ...base,
  name: requiredText,
  partner: text.optional(),
  partnerUrl: text.optional(),
  category: requiredText,
  summary: text.optional(),
  body: bodySchema.optional(),
  offer: text.optional(),
  howToClaim: text.optional(),
  eligibleSegments: z.array(slug).optional(),
  eligibility: text.optional(),
  validFrom: dateString.optional(),
  validTo: dateString.optional(),
  featured: z.boolean().optional(),
  logo: imageSchema.optional(),
})

export const campaignItemSchema = z.object({
  ...base,
  title: requiredText,
  summary: text.optional(),
  body: bodySchema.optional(),
  image: imageSchema.optional(),
  callToAction: z.object({ label: requiredText, url: requiredText }).optional(),
  newsletterText: text.optional(),
  letterText: text.optional(),
  socialPosts: z.array(z.object({ platform: z.enum(['facebook', 'instagram', 'linkedin', 'x']), text: requiredText })).optional(),
  startsAt: dateString.optional(),
  endsAt: dateString.optional(),
  segments: z.array(slug).optional(),
  relatedArticles: z.array(slug).optional(),
  relatedBenefits: z.array(slug).optional(),
})

export const newsletterItemSchema = z.object({
  ...base,
  subject: requiredText,
  preheader: text.optional(),
  intro: bodySchema.optional(),
  items: z.array(z.object({ kind: z.enum(pageKinds), key: slug })).optional(),
  segment: slug.optional(),
})

export const letterItemSchema = z.object({
  ...base,
  subject: requiredText,
  body: bodySchema.optional(),
  signature: z.object({ name: text.optional(), title: text.optional(), image: imageSchema.optional() }).optional(),
  campaign: slug.optional(),
})

export const termItemSchema = z.object({
  slug,
  name: z.union([requiredText, z.partialRecord(locale, requiredText)]),
  description: z.union([text, z.partialRecord(locale, text)]).optional(),
})

export const organisationItemSchema = z.object({
  name: requiredText,
  shortName: text.optional(),
  logo: imageSchema.optional(),
  colours: z.object({ primary: text, accent: text, text: text, background: text }).partial().optional(),
  postalAddress: z.object({ street: text, postalCode: text, city: text, country: text }).partial().optional(),
  email: text.optional(),
  phone: text.optional(),
  siteUrl: z.url({ error: 'not a URL' }).optional(),
  social: z.object({ facebook: text, instagram: text, linkedin: text, x: text }).partial().optional(),
  unsubscribeUrlPattern: text.optional(),
  preferencesUrlPattern: text.optional(),
  cardFont: z.enum(CARD_FONT_IDS, { error: `not a card font; one of ${CARD_FONT_IDS.join(', ')}` }).optional(),
  localized: z.partialRecord(locale, z.object({ tagline: text.optional(), about: bodySchema.optional(), whyYouGetThis: text.optional() })).optional(),
})

export type ArticleItem = z.infer<typeof articleItemSchema>
export type BenefitItem = z.infer<typeof benefitItemSchema>
export type CampaignItem = z.infer<typeof campaignItemSchema>
export type NewsletterItem = z.infer<typeof newsletterItemSchema>
export type LetterItem = z.infer<typeof letterItemSchema>
export type TermItem = z.infer<typeof termItemSchema>
export type OrganisationItem = z.infer<typeof organisationItemSchema>

/** Sections in the order they are imported (later ones refer to earlier ones). */
export const SECTIONS = ['topics', 'segments', 'articles', 'benefits', 'campaigns', 'newsletters', 'letters'] as const
export type Section = (typeof SECTIONS)[number]
export const KNOWN_KEYS = ['organisation', ...SECTIONS] as const
