import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Locale, Media, Organisation } from '../../../channels/snapshot/schema.ts'
import { PAGE_COLLECTION, type PageCollection } from '../../../channels/snapshot/collections.ts'
import { siteOutDir } from './site-data.ts'

export interface OgImage {
  url: string
  width: number
  height: number
  alt: string
}

/**
 * The social card the cards channel drew for this document (it runs before the site and writes into
 * the same output folder), else the organisation logo.
 */
export function ogImageFor(
  doc: { key: string; slug: string; locale: Locale; alt: string; kind: PageCollection } | null,
  organisation: Organisation,
  logo: Media | null,
): OgImage | null {
  if (doc) {
    // The cards channel names folders by card kind (`article`) and the locale's slug.
    const relative = `social/${PAGE_COLLECTION[doc.kind].kind}/${doc.slug}/${doc.locale}/og.png`
    if (existsSync(path.join(siteOutDir(), relative)))
      return { url: `/${relative}`, width: 1200, height: 630, alt: doc.alt }
  }
  return logo
    ? { url: logo.url, width: logo.width, height: logo.height, alt: logo.alt || organisation.name }
    : null
}
