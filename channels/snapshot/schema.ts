/**
 * The snapshot: the one contract between the CMS and every channel.
 *
 * A snapshot holds only published, due content. Each localized document appears once per locale
 * in which it has its own title; fields that Payload filled from the default locale are listed in
 * `fallbackFields`, so a channel can mark them (`lang="da"`) or skip the entry.
 * Plain-text fields hold exactly what the editor typed: escaping is each channel's job.
 */
import { z } from 'zod'

/**
 * 2 added code, table, rule, gallery and embed blocks, h5/h6, list start/check items, quote citations,
 * image sizes and sub/superscript. Version 1 snapshots hold a subset of version 2 and still read.
 * 3: every internal link carries where it leads (`internal.locale`, `.path`, `.url`), settled by export;
 * a link to an unpublished document is already its text. Versions 1 and 2 are upgraded on reading
 * (channels/snapshot/upgrade.ts).
 */
export const SNAPSHOT_VERSION = 3
export const READABLE_SNAPSHOT_VERSIONS = [1, 2, 3] as const

import { collectionNames, pageKinds } from './collections.ts'
import { DEFAULT_LOCALE, LOCALES } from './locales.ts'

export { collectionNames, DEFAULT_LOCALE, LOCALES }
export const localeSchema = z.enum(LOCALES)
export type Locale = z.infer<typeof localeSchema>

const isoDate = z.iso.datetime({ offset: true })

// ---------------------------------------------------------------- media

export const mediaSizeSchema = z.object({
  /** Path relative to the snapshot file's folder (export copies files to `media/`). */
  file: z.string().min(1),
  /** Path on the public site, e.g. `/media/hero-800x450.jpg`. */
  url: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  mimeType: z.string().min(1),
  filesize: z.number().int().nonnegative(),
})
export type MediaSize = z.infer<typeof mediaSizeSchema>

export const mediaSchema = mediaSizeSchema.extend({
  id: z.string().min(1),
  alt: z.string().min(1),
  /** Smaller renditions made by Payload with sharp (thumbnail, card, hero), when the original was large enough. */
  sizes: z.record(z.string(), mediaSizeSchema),
})
export type Media = z.infer<typeof mediaSchema>

// ---------------------------------------------------------------- rich text as a block tree

export const mergeFieldNames = ['first_name', 'last_name', 'member_number', 'branch'] as const
export const mergeFieldSchema = z.enum(mergeFieldNames)
export type MergeFieldName = z.infer<typeof mergeFieldSchema>

export type Inline =
  | {
      type: 'text'
      text: string
      bold?: boolean
      italic?: boolean
      underline?: boolean
      strikethrough?: boolean
      code?: boolean
      subscript?: boolean
      superscript?: boolean
    }
  | { type: 'lineBreak' }
  /** Only in letter bodies: a placeholder filled per recipient at print time. */
  | { type: 'mergeField'; field: MergeFieldName }
  | {
      type: 'link'
      /** Absolute URL for external links; for internal links the site path (`/artikler/slug/` in Danish, `/sv/artikler/slug/` in Swedish). */
      href: string
      /** Set when the link points at another document: see `InternalLink`. */
      internal?: InternalLink
      newTab?: boolean
      children: Inline[]
    }

/**
 * Where an internal link leads, settled once (channels/snapshot/links.ts): the target's key, and the
 * locale, site path (slug encoded) and absolute URL of the page it opens: the link's own locale, else
 * Danish, else another locale the target exists in. Export writes all three; a link that lacks them
 * (a hand-made snapshot) is settled by the channel before it is shown, or shown as text.
 */
export interface InternalLink {
  collection: CollectionName
  key: string
  locale?: Locale
  /** `/artikler/ok26/`, `/sv/artikler/ok26-omrostning/` */
  path?: string
  /** `https://site.example/artikler/ok26/` */
  url?: string
}

export const inlineSchema: z.ZodType<Inline> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('text'),
      text: z.string(),
      bold: z.boolean().optional(),
      italic: z.boolean().optional(),
      underline: z.boolean().optional(),
      strikethrough: z.boolean().optional(),
      code: z.boolean().optional(),
      subscript: z.boolean().optional(),
      superscript: z.boolean().optional(),
    }),
    z.object({ type: z.literal('lineBreak') }),
    z.object({ type: z.literal('mergeField'), field: mergeFieldSchema }),
    z.object({
      type: z.literal('link'),
      href: z.string(),
      internal: z
        .object({
          collection: collectionNameSchema,
          key: z.string(),
          locale: localeSchema.optional(),
          path: z.string().optional(),
          url: z.string().optional(),
        })
        .optional(),
      newTab: z.boolean().optional(),
      children: z.array(inlineSchema),
    }),
  ]),
)

export interface ListItem {
  children: Inline[]
  /** Only in check lists: whether the box is ticked. */
  checked?: boolean
  /** A nested list under this item. */
  list?: ListBlock
}
export interface ListBlock {
  type: 'list'
  ordered: boolean
  /** A check list (boxes instead of bullets); never ordered. */
  check?: boolean
  /** Number of the first item of an ordered list, when not 1. */
  start?: number
  items: ListItem[]
}

export type HeadingLevel = 2 | 3 | 4 | 5 | 6

/** One table row; `header` rows hold column headings (repeated on a printed page break). */
export interface TableRow {
  header?: boolean
  cells: Inline[][]
}

export type ImageSize = 'small' | 'medium' | 'full'
export const imageSizes = ['small', 'medium', 'full'] as const

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'heading'; level: HeadingLevel; children: Inline[] }
  | ListBlock
  | { type: 'quote'; children: Inline[]; citation?: string }
  /** Code exactly as written: spaces and line breaks are content. */
  | { type: 'code'; code: string; language?: string }
  | { type: 'table'; rows: TableRow[]; caption?: string }
  | { type: 'rule' }
  | { type: 'image'; image: Media; caption?: string; size?: ImageSize }
  | { type: 'gallery'; images: { image: Media; caption?: string }[] }
  /** A video or audio page: shown as a titled link, never an embedded player that loads third-party code. */
  | { type: 'embed'; url: string; title: string }
  /** A highlighted box: information, a benefit teaser or a call to action. */
  | {
      type: 'callout'
      variant: 'info' | 'benefit' | 'cta'
      title?: string
      children: Inline[]
      link?: { href: string; label: string }
    }

const listBlockSchema: z.ZodType<ListBlock> = z.lazy(() =>
  z.object({
    type: z.literal('list'),
    ordered: z.boolean(),
    check: z.boolean().optional(),
    start: z.number().int().optional(),
    items: z.array(
      z.object({
        children: z.array(inlineSchema),
        checked: z.boolean().optional(),
        list: listBlockSchema.optional(),
      }),
    ),
  }),
)

export const blockSchema: z.ZodType<Block> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('paragraph'), children: z.array(inlineSchema) }),
    z.object({
      type: z.literal('heading'),
      level: z.union([z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]),
      children: z.array(inlineSchema),
    }),
    listBlockSchema,
    z.object({ type: z.literal('quote'), children: z.array(inlineSchema), citation: z.string().optional() }),
    z.object({ type: z.literal('code'), code: z.string(), language: z.string().optional() }),
    z.object({
      type: z.literal('table'),
      rows: z.array(z.object({ header: z.boolean().optional(), cells: z.array(z.array(inlineSchema)) })),
      caption: z.string().optional(),
    }),
    z.object({ type: z.literal('rule') }),
    z.object({
      type: z.literal('image'),
      image: mediaSchema,
      caption: z.string().optional(),
      size: z.enum(imageSizes).optional(),
    }),
    z.object({
      type: z.literal('gallery'),
      images: z.array(z.object({ image: mediaSchema, caption: z.string().optional() })),
    }),
    z.object({ type: z.literal('embed'), url: z.string(), title: z.string() }),
    z.object({
      type: z.literal('callout'),
      variant: z.enum(['info', 'benefit', 'cta']),
      title: z.string().optional(),
      children: z.array(inlineSchema),
      link: z.object({ href: z.string(), label: z.string() }).optional(),
    }),
  ]),
)
export const blocksSchema = z.array(blockSchema)

// ---------------------------------------------------------------- shared document parts

export const collectionNameSchema = z.enum(collectionNames)
export type CollectionName = z.infer<typeof collectionNameSchema>

const refSchema = z.object({ slug: z.string().min(1), name: z.string().min(1) })
export type TermRef = z.infer<typeof refSchema>

/** What every localized, published document carries. */
const localizedDocument = {
  /** Payload document id (stable across locales). */
  id: z.string().min(1),
  /** Stable cross-locale key: the document's slug in the default locale. */
  key: z.string().min(1),
  slug: z.string().min(1),
  locale: localeSchema,
  /** Fields whose text came from the default locale because this locale had none. */
  fallbackFields: z.array(z.string()),
  /** The document's slug in every locale in which it has its own text (this one included). */
  translations: z.partialRecord(localeSchema, z.string()),
  publishedAt: isoDate,
  updatedAt: isoDate,
}

/**
 * Old addresses of a page document in this locale (canonical form, channels/shared/old-path.ts): the site
 * redirects each to the document's page. Snapshots from before the field read as none.
 */
const oldPathsSchema = z.array(z.string().startsWith('/')).default([])

// ---------------------------------------------------------------- collections

export const topicSchema = z.object({
  id: z.string().min(1),
  slug: z.string().min(1),
  /** Name per locale; every locale is filled (falling back to the default). */
  name: z.record(localeSchema, z.string().min(1)),
  description: z.partialRecord(localeSchema, z.string()),
})
export type Topic = z.infer<typeof topicSchema>

export const segmentSchema = topicSchema
export type Segment = z.infer<typeof segmentSchema>

export const articleSchema = z.object({
  ...localizedDocument,
  title: z.string().min(1),
  summary: z.string(),
  body: blocksSchema,
  hero: mediaSchema.nullable(),
  topics: z.array(refSchema),
  segments: z.array(refSchema),
  authors: z.array(z.string()),
  oldPaths: oldPathsSchema,
})
export type Article = z.infer<typeof articleSchema>

export const benefitSchema = z.object({
  ...localizedDocument,
  name: z.string().min(1),
  /** Null when the editor left it out: channels show a fallback and report it. */
  partner: z.string().nullable(),
  partnerUrl: z.string().nullable(),
  category: refSchema,
  summary: z.string(),
  body: blocksSchema,
  /** What the member gets, e.g. "15 % off home insurance". */
  offer: z.string(),
  howToClaim: z.string(),
  /** Who may use it; empty means every member. */
  eligibleSegments: z.array(refSchema),
  eligibility: z.string(),
  validFrom: isoDate.nullable(),
  /** Export drops benefits whose validTo has passed. */
  validTo: isoDate.nullable(),
  featured: z.boolean(),
  logo: mediaSchema.nullable(),
  oldPaths: oldPathsSchema,
})
export type Benefit = z.infer<typeof benefitSchema>

export const callToActionSchema = z.object({ label: z.string().min(1), url: z.string().min(1) })

export const campaignSchema = z.object({
  ...localizedDocument,
  title: z.string().min(1),
  summary: z.string(),
  body: blocksSchema,
  hero: mediaSchema.nullable(),
  callToAction: callToActionSchema.nullable(),
  /** Short text for a newsletter section. */
  newsletterText: z.string(),
  /** Short text for a printed letter. */
  letterText: z.string(),
  socialPosts: z.array(
    z.object({ platform: z.enum(['facebook', 'instagram', 'linkedin', 'x']), text: z.string() }),
  ),
  startsAt: isoDate.nullable(),
  /** Campaigns that have ended stay in the snapshot with `ended: true` (the site keeps an archive). */
  endsAt: isoDate.nullable(),
  ended: z.boolean(),
  segments: z.array(refSchema),
  relatedArticles: z.array(z.string()),
  relatedBenefits: z.array(z.string()),
  oldPaths: oldPathsSchema,
})
export type Campaign = z.infer<typeof campaignSchema>

/** A site page (Bliv medlem, Kontakt…): in the site, its search index and sitemap; in no feed. */
export const pageSchema = z.object({
  ...localizedDocument,
  title: z.string().min(1),
  /** The page's meta description; empty: the site takes the start of the body. Older snapshots: none. */
  summary: z.string().default(''),
  body: blocksSchema,
  /** Key of the parent page; null for a top-level page. */
  parent: z.string().nullable(),
  /** The ancestors' slugs in this locale (their default-locale slug where they have none), root first. */
  parentSlugs: z.array(z.string().min(1)),
  /** Among pages with the same parent, lower comes first. */
  order: z.number(),
  oldPaths: oldPathsSchema,
})
export type Page = z.infer<typeof pageSchema>

export const editionItemSchema = z.object({
  kind: z.enum(pageKinds),
  /**
   * Key of the referenced document. The export leaves out items whose document is not published
   * (cms/export/published-references.ts); a snapshot from elsewhere may still name one: the channel reports it.
   */
  key: z.string().nullable(),
})
export type EditionItem = z.infer<typeof editionItemSchema>

export const newsletterSchema = z.object({
  ...localizedDocument,
  subject: z.string().min(1),
  preheader: z.string(),
  intro: blocksSchema,
  items: z.array(editionItemSchema),
  segment: refSchema.nullable(),
})
export type Newsletter = z.infer<typeof newsletterSchema>

export const letterSchema = z.object({
  ...localizedDocument,
  subject: z.string().min(1),
  /** Body blocks; `mergeField` inlines are filled per recipient. */
  body: blocksSchema,
  signature: z.object({ name: z.string(), title: z.string(), image: mediaSchema.nullable() }),
  campaign: z.string().nullable(),
})
export type Letter = z.infer<typeof letterSchema>

// ---------------------------------------------------------------- organisation (global)

/** The fonts a card can be set in (templates/cards/font.ts says which npm package holds each). */
export const CARD_FONT_IDS = ['noto-sans', 'noto-serif'] as const
export type CardFontId = (typeof CARD_FONT_IDS)[number]

export const organisationSchema = z.object({
  name: z.string().min(1),
  shortName: z.string().min(1),
  logo: mediaSchema.nullable(),
  colours: z.object({
    primary: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    accent: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    text: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    background: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  }),
  postalAddress: z.object({
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string().length(2),
  }),
  email: z.string(),
  phone: z.string(),
  /** Absolute base URL of the public site, no trailing slash. */
  siteUrl: z.url(),
  social: z.object({
    facebook: z.string().nullable(),
    instagram: z.string().nullable(),
    linkedin: z.string().nullable(),
    x: z.string().nullable(),
  }),
  /** e.g. `https://example.org/afmeld?m={member_id}`; `{member_id}` is replaced by the mail service's merge tag. */
  unsubscribeUrlPattern: z.string(),
  preferencesUrlPattern: z.string(),
  /** The social cards' typeface; snapshots from before the field have the default. */
  cardFont: z.enum(CARD_FONT_IDS).default('noto-sans'),
  /** Per-locale text; every locale is present, with fallback fields marked. */
  localized: z.record(
    localeSchema,
    z.object({
      tagline: z.string(),
      about: blocksSchema,
      /** Why a member receives e-mail and letters (newsletter footer). */
      whyYouGetThis: z.string(),
      fallbackFields: z.array(z.string()),
    }),
  ),
})
export type Organisation = z.infer<typeof organisationSchema>

// ---------------------------------------------------------------- redirects

/** What an editor's redirect may lead to inside the site (the document by its key; a topic by its slug). */
export const REDIRECT_TARGET_COLLECTIONS = ['articles', 'benefits', 'campaigns', 'pages', 'topics'] as const
export type RedirectTargetCollection = (typeof REDIRECT_TARGET_COLLECTIONS)[number]

/**
 * An editor's redirect (the `redirects` collection): an old path of the site to a document or a URL.
 * The site step checks it against the snapshot (target published, no loop, not onto a page of the site).
 */
export const redirectSchema = z.object({
  /** Payload id, so a warning can name the redirect. */
  id: z.string().min(1),
  /** Canonical path (channels/shared/old-path.ts). */
  from: z.string().startsWith('/'),
  /** The locale of the target document's page; null: the default locale, or the first it exists in. */
  locale: localeSchema.nullable(),
  to: z.union([
    z.object({ url: z.string().min(1) }),
    z.object({ collection: z.enum(REDIRECT_TARGET_COLLECTIONS), key: z.string().min(1) }),
  ]),
})
export type Redirect = z.infer<typeof redirectSchema>

// ---------------------------------------------------------------- navigation (global)

/** The site's own lists a menu entry can lead to. */
export const NAVIGATION_SECTIONS = ['home', 'archive', 'benefits', 'campaigns', 'about', 'search'] as const
export type NavigationSection = (typeof NAVIGATION_SECTIONS)[number]
export const NAVIGATION_KINDS = ['page', 'topic', 'campaign', 'section', 'url'] as const

export const navigationLinkSchema = z.object({
  /** Empty for a section the editor did not name: the site names it in its own words. */
  label: z.string(),
  /** A site path (`/om-forbundet/`, `/sv/emner/loen/`) or an absolute URL, resolved at export. */
  href: z.string().min(1),
  kind: z.enum(NAVIGATION_KINDS),
  /** The page's or campaign's key, the topic's slug or the section's name; absent for a URL. */
  target: z.string().optional(),
  /** Set when the target exists only in another locale (the link says which language it leads to). */
  hreflang: localeSchema.optional(),
})
export type NavigationLink = z.infer<typeof navigationLinkSchema>

/** Header menu and footer links per locale; a locale without entries keeps the site's own menu. */
export const navigationSchema = z.object({
  header: z.partialRecord(localeSchema, z.array(navigationLinkSchema)),
  footer: z.partialRecord(localeSchema, z.array(navigationLinkSchema)),
})
export type Navigation = z.infer<typeof navigationSchema>

// ---------------------------------------------------------------- the snapshot

export const snapshotSchema = z.object({
  /** Older versions still read (they hold a subset of the blocks); export always writes the newest. */
  version: z.union(READABLE_SNAPSHOT_VERSIONS.map((v) => z.literal(v))),
  generatedAt: isoDate,
  defaultLocale: z.literal(DEFAULT_LOCALE),
  locales: z.array(localeSchema),
  organisation: organisationSchema,
  topics: z.array(topicSchema),
  segments: z.array(segmentSchema),
  articles: z.array(articleSchema),
  benefits: z.array(benefitSchema),
  campaigns: z.array(campaignSchema),
  /** Snapshots from before pages have none. */
  pages: z.array(pageSchema).default([]),
  newsletters: z.array(newsletterSchema),
  letters: z.array(letterSchema),
  /** Snapshots from before redirects read as none. */
  redirects: z.array(redirectSchema).default([]),

  /** Snapshots from before the Navigation global have none: the site's own menu. */
  navigation: navigationSchema.default({ header: {}, footer: {} }),
})
export type Snapshot = z.infer<typeof snapshotSchema>
/** A snapshot as written, before defaults fill in sections that older snapshots lack. */
export type SnapshotInput = z.input<typeof snapshotSchema>
