/** Where a document lives on the public site: the one place the cards channel builds page URLs. */
import type { Locale } from '../snapshot/schema.ts'
import { documentPath } from '../site/routes.ts'
import { COLLECTION_OF_KIND } from '../snapshot/collections.ts'
import type { CardKind } from '../../templates/cards/view.ts'

/** `https://site/artikler/<slug>/` in the default locale, `https://site/<locale>/artikler/<slug>/` otherwise (the site's own layout). */
export function documentUrl(siteUrl: string, kind: CardKind, slug: string, locale: Locale): string {
  return `${siteUrl.replace(/\/+$/, '')}${documentPath(COLLECTION_OF_KIND[kind], locale, slug)}`
}
