import type { Locale, Newsletter, Snapshot, Inline } from '../snapshot/schema.ts'
import { DEFAULT_LOCALE } from '../snapshot/schema.ts'
import type { BuildDate } from '../snapshot/visibility.ts'
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

export const linkedCollections: readonly string[] = ['articles', 'benefits', 'campaigns']

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

/** The URL a rich-text link points at, or null (link dropped, text kept) with a warning. */
export function resolveLink(context: EditionContext, link: LinkInline, field: string): string | null {
  if (link.internal) {
    const { collection, key } = link.internal
    if (!linkedCollections.includes(collection))
      return link.href ? resolvePlainHref(context, link.href, field) : null
    const target = findLinkTarget(context.snapshot, collection as LinkedCollection, key, context.locale)
    if (!target) {
      context.warn(
        field,
        `link to ${collection} "${key}" points at a document that is not published; shown as plain text`,
      )
      return null
    }
    return documentUrl(context, collection as LinkedCollection, target.slug, target.locale)
  }
  return resolvePlainHref(context, link.href, field)
}

/**
 * The document an internal link in a `locale` edition leads to: its own locale, else the default
 * locale's version, else null. Shared with the edition's content hash, so the hash follows the links.
 */
export function findLinkTarget(
  snapshot: Snapshot,
  collection: LinkedCollection,
  key: string,
  locale: Locale,
): { slug: string; locale: Locale } | null {
  const docs: ReadonlyArray<{ key: string; slug: string; locale: Locale }> = snapshot[collection]
  const target =
    docs.find((d) => d.key === key && d.locale === locale) ??
    docs.find((d) => d.key === key && d.locale === DEFAULT_LOCALE)
  return target ? { slug: target.slug, locale: target.locale } : null
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
