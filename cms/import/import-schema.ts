/**
 * The import format (`budstikke import FILE.json`), also used by the seed. Documented in docs/import-format.md.
 * Each item is validated on its own, so one bad item is reported and the rest go in.
 */
import { z } from 'zod'
import { pageKinds } from '../../channels/snapshot/collections.ts'
import { CARD_FONT_IDS, LOCALES, NAVIGATION_SECTIONS } from '../../channels/snapshot/schema.ts'
import { safeLink } from '../../channels/shared/safe-link.ts'
import { TEXT_MAX_LENGTH } from '../fields/text-limits.ts'
import { normalizeOldPath } from '../../channels/shared/old-path.ts'

const locale = z.enum(LOCALES, { error: () => `unknown locale (use ${LOCALES.join(', ')})` })
const dateString = z.string({ error: 'not a date' }).superRefine((s, context) => {
  const problem = dateProblem(s)
  if (problem) context.addIssue({ code: 'custom', message: problem })
})
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'not a slug (a-z, 0-9 and dashes)')
  .max(80, 'longer than 80 characters')
// Drafts get the same limit as published text (the CMS enforces it too: cms/fields/text-limits.ts).
const tooLong = `longer than ${TEXT_MAX_LENGTH.toLocaleString('en')} characters`
const text = z.string().max(TEXT_MAX_LENGTH, tooLong)
const requiredText = z
  .string({ error: 'missing' })
  .max(TEXT_MAX_LENGTH, tooLong)
  .refine((s) => s.trim() !== '', 'must not be empty')

/**
 * `Date.parse` rolls impossible dates over (2026-02-30 becomes 2026-03-02), so an import would silently
 * store another date: the written date and time must exist as written.
 */
function dateProblem(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value)
  if (!match) return 'not a date'
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0))
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (month < 1 || month > 12) return `not a real date: there is no month ${match[2]}`
  if (day < 1 || day > daysInMonth)
    return `not a real date: ${match[1]}-${match[2]} has no day ${day} (it has ${daysInMonth})`
  if (hour > 23 || minute > 59 || second > 59)
    return `not a real date: there is no time ${match[0].slice(11)}`
  return Number.isNaN(Date.parse(value)) ? 'not a date' : null
}

/** An old address of the document, stored in canonical form (rules: channels/shared/old-path.ts). */
const oldPath = z.string({ error: 'not a path' }).transform((value, context) => {
  const result = normalizeOldPath(value)
  if ('error' in result) {
    context.addIssue({ code: 'custom', message: result.error })
    return z.NEVER
  }
  return result.path
})
/** The document's old addresses in the item's locale; given, it replaces that locale's list. */
const oldPaths = z.array(oldPath).optional()

export const bodySchema = z.union(
  [z.object({ markdown: z.string() }).strict(), z.object({ html: z.string() }).strict()],
  {
    error: 'must be { "markdown": "…" } or { "html": "…" }',
  },
)
export type ImportBody = z.infer<typeof bodySchema>

export const imageSchema = z.object({ file: requiredText, alt: requiredText })
export type ImportImage = z.infer<typeof imageSchema>

export const IMPORT_STATUSES = ['published', 'draft', 'unpublished'] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]

const base = {
  slug: slug.optional(),
  locale: locale.default('da'),
  /** For a translation: the document's slug in the default locale. */
  translationOf: slug.optional(),
  /**
   * `unpublished`: saved like a draft, and a published document of this key is taken off every channel
   * (unpublished in the CMS, in every locale): what a post withdrawn on the old site becomes.
   */
  status: z.enum(IMPORT_STATUSES).default('published'),
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
  oldPaths,
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
  oldPaths,
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
  socialPosts: z
    .array(z.object({ platform: z.enum(['facebook', 'instagram', 'linkedin', 'x']), text: requiredText }))
    .optional(),
  startsAt: dateString.optional(),
  endsAt: dateString.optional(),
  segments: z.array(slug).optional(),
  relatedArticles: z.array(slug).optional(),
  relatedBenefits: z.array(slug).optional(),
  oldPaths,
})

export const pageItemSchema = z.object({
  ...base,
  title: requiredText,
  summary: text.optional(),
  body: bodySchema.optional(),
  /** The parent page's slug (in the default locale); `null` makes it a top-level page again. */
  parent: slug.nullable().optional(),
  /** Among pages with the same parent, lower comes first. */
  order: z.number({ error: 'not a number' }).int('not a whole number').optional(),
  oldPaths,
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
  signature: z
    .object({ name: text.optional(), title: text.optional(), image: imageSchema.optional() })
    .optional(),
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
  cardFont: z
    .enum(CARD_FONT_IDS, { error: `not a card font; one of ${CARD_FONT_IDS.join(', ')}` })
    .optional(),
  localized: z
    .partialRecord(
      locale,
      z.object({ tagline: text.optional(), about: bodySchema.optional(), whyYouGetThis: text.optional() }),
    )
    .optional(),
})

const NAVIGATION_TARGETS = ['page', 'topic', 'campaign', 'section', 'url'] as const

/** One menu entry: exactly one target (a slug, a list of the site or an address) and an optional label. */
export const navigationEntrySchema = z
  .object({
    page: slug.optional(),
    topic: slug.optional(),
    campaign: slug.optional(),
    section: z
      .enum(NAVIGATION_SECTIONS, {
        error: `not a list of the site; one of ${NAVIGATION_SECTIONS.join(', ')}`,
      })
      .optional(),
    url: text
      .refine(
        (url) => safeLink(url) !== null,
        'not a web (https://…), mail (mailto:) or phone (tel:) address, nor a site path',
      )
      .optional(),
    label: text.optional(),
  })
  .strict()
  .refine(
    (entry) => NAVIGATION_TARGETS.filter((target) => entry[target] !== undefined).length === 1,
    `needs exactly one of ${NAVIGATION_TARGETS.join(', ')}`,
  )
export type NavigationEntry = z.infer<typeof navigationEntrySchema>

export const navigationItemSchema = z
  .object({
    header: z.partialRecord(locale, z.array(navigationEntrySchema)).optional(),
    footer: z.partialRecord(locale, z.array(navigationEntrySchema)).optional(),
  })
  .strict()

export type NavigationItem = z.infer<typeof navigationItemSchema>
export type ArticleItem = z.infer<typeof articleItemSchema>
export type BenefitItem = z.infer<typeof benefitItemSchema>
export type CampaignItem = z.infer<typeof campaignItemSchema>
export type PageItem = z.infer<typeof pageItemSchema>
export type NewsletterItem = z.infer<typeof newsletterItemSchema>
export type LetterItem = z.infer<typeof letterItemSchema>
export type TermItem = z.infer<typeof termItemSchema>
export type OrganisationItem = z.infer<typeof organisationItemSchema>

/** Sections in the order they are imported (later ones refer to earlier ones). */
export const SECTIONS = [
  'topics',
  'segments',
  'articles',
  'benefits',
  'campaigns',
  'pages',
  'newsletters',
  'letters',
] as const
export type Section = (typeof SECTIONS)[number]
/** `organisation` goes in first, `navigation` last (its entries name pages, topics and campaigns). */
export const KNOWN_KEYS = ['organisation', ...SECTIONS, 'navigation'] as const
