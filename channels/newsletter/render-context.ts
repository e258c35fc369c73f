import type { Locale, Newsletter, Snapshot, Inline } from '../snapshot/schema.ts'
import { linkResolver, settleField, type UnlinkedLink } from '../snapshot/links.ts'
import { buildDateOr, type BuildDate } from '../snapshot/visibility.ts'
import type { TemplateSet } from './mjml-template.ts'
import type { NewsletterStrings } from './strings.ts'
import {
  absoluteSiteUrl,
  isAllowedLinkScheme,
  sitePagePath,
  withUtm,
  type LinkedCollection,
  type UtmParameters,
} from './site-urls.ts'

/** Everything the renderers of one edition need; passed explicitly (no globals). */
export interface EditionContext {
  snapshot: Snapshot
  edition: Newsletter
  locale: Locale
  strings: NewsletterStrings
  templates: TemplateSet
  utm?: UtmParameters
  /** The date visibility and campaign ends are judged against (default: BUDSTIKKE_BUILD_DATE, else now). */
  buildDate?: BuildDate
  /** Records a warning about this edition; `field` is e.g. `items[3]` or `intro`. */
  warn(field: string, message: string): void
}

type LinkInline = Extract<Inline, { type: 'link' }>

/** Absolute URL of a document page in the edition's locale (falling back to the default locale). */
export function documentUrl(
  context: EditionContext,
  collection: LinkedCollection,
  slug: string,
  locale: Locale,
): string {
  return siteLink(context, sitePagePath(collection, locale, slug))
}

/** Absolute (and, for the union's own site, UTM-tagged) URL. */
export function siteLink(context: EditionContext, pathOrUrl: string): string {
  const url = absoluteSiteUrl(context.snapshot.organisation, pathOrUrl)
  return withUtm(url, context.snapshot.organisation.siteUrl, context.utm, context.edition.key)
}

/**
 * The URL a rich-text link points at, or null (link dropped, text kept) with a warning. An internal
 * link shows where `settleEditionLinks` settled it; one it could not settle is already text.
 */
export function resolveLink(context: EditionContext, link: LinkInline, field: string): string | null {
  if (link.internal) return link.internal.url ? siteLink(context, link.internal.url) : null
  return resolvePlainHref(context, link.href, field)
}

/**
 * The edition with the internal links of its intro settled for its locale at the build date
 * (channels/snapshot/links.ts): a link to a document that is not published is its text. Rendering and
 * the edition's content hash both use it, so the hash follows where the links lead.
 */
export function settleEditionLinks(
  snapshot: Snapshot,
  edition: Newsletter,
  buildDate: BuildDate,
): { edition: Newsletter; unlinked: UnlinkedLink[] } {
  const resolve = linkResolver(snapshot, buildDateOr(buildDate))
  const { blocks, unlinked } = settleField(resolve, edition.intro, edition.locale)
  return { edition: { ...edition, intro: blocks }, unlinked }
}

function resolvePlainHref(context: EditionContext, href: string, field: string): string | null {
  const trimmed = href.trim()
  if (!trimmed || !isAllowedLinkScheme(trimmed)) {
    context.warn(
      field,
      `link "${trimmed.slice(0, 60)}" is not an http(s), mailto or tel link; shown as plain text`,
    )
    return null
  }
  return siteLink(context, trimmed)
}
