/**
 * Where newsletter links point on the public site; page paths come from the site's own layout
 * (channels/site/routes.ts), the one definition every channel links by.
 */
import type { Locale, Organisation } from '../snapshot/schema.ts'
import { absoluteUrl, documentLinkPath } from '../shared/site-url.ts'
import type { PageCollection } from '../site/routes.ts'

export type LinkedCollection = PageCollection

/** Site path of a document page, e.g. `/artikler/ok26-afstemning/` or `/sv/artikler/ok26-omrostning/`: the site's own layout. */
export function sitePagePath(collection: LinkedCollection, locale: Locale, slug: string): string {
  return documentLinkPath(collection, locale, slug)
}

/** Absolute URL on the public site for a site path or an already absolute URL. */
export function absoluteSiteUrl(organisation: Pick<Organisation, 'siteUrl'>, pathOrUrl: string): string {
  return absoluteUrl(organisation.siteUrl, pathOrUrl)
}

export interface UtmParameters {
  source: string
  medium: string
  /** Defaults to the edition's key. */
  campaign?: string
}

/**
 * Adds UTM parameters to links on the union's own site only: they serve the union's analytics,
 * and partner sites should not learn which edition a member read.
 */
export function withUtm(
  url: string,
  siteUrl: string,
  utm: UtmParameters | undefined,
  edition: string,
): string {
  if (!utm) return url
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return url
  }
  if (parsed.origin !== new URL(siteUrl).origin) return url
  parsed.searchParams.set('utm_source', utm.source)
  parsed.searchParams.set('utm_medium', utm.medium)
  parsed.searchParams.set('utm_campaign', utm.campaign ?? edition)
  return parsed.toString()
}

/** Parses `--utm source=budstikke&medium=email[&campaign=x]` (keys with or without `utm_`). */
export function parseUtm(query: string): UtmParameters {
  const params = new URLSearchParams(query.replace(/,/g, '&'))
  const get = (name: string) => params.get(name) ?? params.get(`utm_${name}`) ?? undefined
  const source = get('source') ?? 'newsletter'
  const medium = get('medium') ?? 'email'
  return { source, medium, campaign: get('campaign') }
}

/** Only these schemes may become links in an e-mail. */
export function isAllowedLinkScheme(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase()
  return (
    scheme === undefined || scheme === 'https' || scheme === 'http' || scheme === 'mailto' || scheme === 'tel'
  )
}
