/** Where a card's document lives on the public site (its post links there). */
import { documentUrl as siteDocumentUrl } from '../shared/site-url.ts'
import { COLLECTION_OF_KIND } from '../snapshot/collections.ts'
import type { Locale } from '../snapshot/schema.ts'
import type { CardKind } from '../../templates/cards/view.ts'

/** `https://site/artikler/<slug>/` in the default locale, `https://site/<locale>/artikler/<slug>/` otherwise (the site's own layout). */
export function documentUrl(siteUrl: string, kind: CardKind, slug: string, locale: Locale): string {
  return siteDocumentUrl(siteUrl, COLLECTION_OF_KIND[kind], locale, slug)
}
