/** Where a document lives on the public site: the one place the cards channel builds page URLs. */
import { DEFAULT_LOCALE, type Locale } from '../snapshot/schema.ts'
import type { CardKind } from '../../templates/cards/view.ts'

const SECTION: Record<CardKind, string> = { article: 'artikler', benefit: 'fordele', campaign: 'kampagner' }

/**
 * `https://site/artikler/<slug>/` in the default locale, `https://site/<locale>/artikler/<slug>/` otherwise.
 * Mirrors the site's own layout (`documentPath` in channels/site/routes.ts); kept separate so the cards
 * channel does not depend on the site channel.
 */
export function documentUrl(siteUrl: string, kind: CardKind, slug: string, locale: Locale): string {
  const prefix = locale === DEFAULT_LOCALE ? '' : `/${locale}`
  return `${siteUrl.replace(/\/+$/, '')}${prefix}/${SECTION[kind]}/${slug}/`
}
