/**
 * The CMS seam, typed: the documents export and import read, as Payload's generated types
 * (`cms/payload-types.ts`, made by `npm run types`) describe them, read with `locale: 'all'` so that
 * each localized field holds one value per locale. Which fields are localized is listed here once and
 * checked against the config by tests/cms/payload-types.test.ts.
 */
import type { Locale } from '../../channels/snapshot/schema.ts'
import type {
  Article,
  Benefit,
  Campaign,
  Config,
  Letter,
  Newsletter,
  Organisation,
  Page,
  Segment,
  Topic,
} from '../payload-types.ts'

/** A localized field read with `locale: 'all'`: one value per locale. */
export type PerLocale<T = unknown> = Partial<Record<Locale, T>>

/** Localized fields of each exported collection and the Organisation (`group.field` inside a group). */
export const LOCALIZED_FIELDS = {
  articles: ['title', 'slug', 'summary', 'body', 'importHash', 'oldPaths'],
  benefits: [
    'name',
    'slug',
    'category',
    'summary',
    'body',
    'offer',
    'howToClaim',
    'eligibility',
    'importHash',
    'oldPaths',
  ],
  campaigns: [
    'title',
    'slug',
    'summary',
    'body',
    'callToAction.label',
    'newsletterText',
    'letterText',
    'socialPosts',
    'importHash',
    'oldPaths',
  ],
  newsletters: ['subject', 'slug', 'preheader', 'intro', 'importHash'],
  letters: ['subject', 'slug', 'body', 'signature.title', 'importHash'],
  pages: ['title', 'slug', 'summary', 'body', 'importHash', 'oldPaths'],
  topics: ['name', 'description'],
  segments: ['name', 'description'],
  organisation: ['tagline', 'about', 'whyYouGetThis'],
} as const

type Localized<S extends keyof typeof LOCALIZED_FIELDS> = (typeof LOCALIZED_FIELDS)[S][number]
/** The top-level localized fields of `S` (a `group.field` entry is typed with its group). */
type TopLevel<S extends keyof typeof LOCALIZED_FIELDS> = Exclude<Localized<S>, `${string}.${string}`>

/** `T` as read with `locale: 'all'`: each field in `K` holds one value per locale. */
type AllLocales<T, K extends keyof T> = Omit<T, K> & { [P in K]?: PerLocale<T[P]> | null }

export type ArticleDoc = AllLocales<Article, TopLevel<'articles'>>
export type BenefitDoc = AllLocales<Benefit, TopLevel<'benefits'>>
export type CampaignDoc = Omit<AllLocales<Campaign, TopLevel<'campaigns'>>, 'callToAction'> & {
  callToAction?: { label?: PerLocale<string | null> | null; url?: string | null } | null
}
export type NewsletterDoc = AllLocales<Newsletter, TopLevel<'newsletters'>>
export type LetterDoc = Omit<AllLocales<Letter, TopLevel<'letters'>>, 'signature'> & {
  signature?: {
    name?: string | null
    title?: PerLocale<string | null> | null
    image?: NonNullable<Letter['signature']>['image']
  } | null
}
export type PageDoc = AllLocales<Page, TopLevel<'pages'>>
export type TermDoc = AllLocales<Topic, TopLevel<'topics'>> | AllLocales<Segment, TopLevel<'segments'>>
export type OrganisationDoc = AllLocales<Organisation, TopLevel<'organisation'>>

/** The fields `text()` and `blocks()` of a localized entry may read. */
export type ArticleField = TopLevel<'articles'>
export type BenefitField = TopLevel<'benefits'>
export type CampaignField = TopLevel<'campaigns'>
export type NewsletterField = TopLevel<'newsletters'>
export type LetterField = TopLevel<'letters'>
export type PageField = TopLevel<'pages'>
export type OrganisationField = TopLevel<'organisation'>

/** Any exported document: what the shared steps (localizing, dates) read of each. */
export type AnyDoc = ArticleDoc | BenefitDoc | CampaignDoc | NewsletterDoc | LetterDoc | PageDoc

type Collections = Config['collections']
type Generated = 'id' | 'createdAt' | 'updatedAt'
/**
 * A document's id as import passes it along: a number with SQLite (the generated types), a string
 * at run time with MongoDB.
 */
export type DocId = number | string
/** `T` as written: wherever a related document may stand, its id may too (number or string). */
type Writable<T> = T extends { id: number | string; createdAt: string }
  ? T | DocId
  : T extends (infer U)[]
    ? Writable<U>[]
    : T extends object
      ? { [K in keyof T]: Writable<T[K]> }
      : T
/** `T`'s fields as written: any of them, relations as ids. */
type WriteFields<T> = { [K in keyof Omit<T, Generated>]?: Writable<T[K]> }
/**
 * What import writes to a document of collection `S` (one per member of a union). A misspelt field
 * or a value of the wrong type is a compile error.
 */
export type WriteData<S extends keyof Collections> = S extends unknown ? WriteFields<Collections[S]> : never
/** What import writes to global `G`. */
export type GlobalWriteData<G extends keyof Config['globals']> = WriteFields<Config['globals'][G]>
/** A rich-text field's value (Lexical's editor state). */
export type RichText = NonNullable<Article['body']>
