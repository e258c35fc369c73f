import type { CollectionName, Locale } from '../../channels/snapshot/schema.ts'
import { DEFAULT_LOCALE } from '../../channels/snapshot/schema.ts'

const SECTION: Record<CollectionName, string> = {
  articles: 'artikler',
  benefits: 'fordele',
  campaigns: 'kampagner',
  newsletters: 'nyhedsbreve',
  letters: 'breve',
}

/** Site-relative path of a document's page, e.g. `/artikler/x/` (da) or `/sv/artikler/x/`. */
export function sitePath(collection: CollectionName, slug: string, locale: Locale): string {
  const prefix = locale === DEFAULT_LOCALE ? '' : `/${locale}`
  return `${prefix}/${SECTION[collection]}/${slug}/`
}
