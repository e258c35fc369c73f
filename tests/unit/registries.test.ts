import { describe, expect, it } from 'vitest'
import { Articles } from '../../cms/collections/Articles.ts'
import { Benefits } from '../../cms/collections/Benefits.ts'
import { Campaigns } from '../../cms/collections/Campaigns.ts'
import { Letters } from '../../cms/collections/Letters.ts'
import { Newsletters } from '../../cms/collections/Newsletters.ts'
import {
  COLLECTION_OF_KIND,
  collectionNames,
  PAGE_COLLECTION,
  pageCollections,
  pageKinds,
  PRIMARY_FIELD,
} from '../../channels/snapshot/collections.ts'
import { DEFAULT_LOCALE, LOCALE_INFO, LOCALES } from '../../channels/snapshot/locales.ts'
import { documentPath } from '../../channels/site/routes.ts'

describe('collection registry', () => {
  it('maps kinds and page collections both ways', () => {
    for (const collection of pageCollections)
      expect(COLLECTION_OF_KIND[PAGE_COLLECTION[collection].kind]).toBe(collection)
    expect(pageKinds.map((kind) => COLLECTION_OF_KIND[kind])).toEqual([...pageCollections])
  })

  it('matches the Payload collections: slug, title field and a field of that name', () => {
    const configs = {
      articles: Articles,
      benefits: Benefits,
      campaigns: Campaigns,
      newsletters: Newsletters,
      letters: Letters,
    }
    for (const name of collectionNames) {
      const config = configs[name]
      expect(config.slug).toBe(name)
      expect(config.admin?.useAsTitle).toBe(PRIMARY_FIELD[name])
      expect(config.fields.some((field) => 'name' in field && field.name === PRIMARY_FIELD[name])).toBe(true)
    }
  })

  it('gives the site its sections: Danish at the root, other locales under a prefix', () => {
    expect(documentPath('articles', DEFAULT_LOCALE, 'ok26')).toBe('/artikler/ok26/')
    expect(documentPath('benefits', 'sv', 'forsakring')).toBe('/sv/fordele/forsakring/')
    expect(documentPath('campaigns', 'en', 'join')).toBe('/en/kampagner/join/')
  })
})

describe('locale registry', () => {
  it('names every locale for the admin, Intl and Open Graph', () => {
    expect(Object.keys(LOCALE_INFO)).toEqual([...LOCALES])
    for (const locale of LOCALES) {
      const info = LOCALE_INFO[locale]
      expect(Intl.DateTimeFormat.supportedLocalesOf([info.intl])).toEqual([info.intl])
      expect(info.openGraph).toMatch(/^[a-z]{2}_[A-Z]{2}$/)
      expect(info.intl.replace('-', '_')).toBe(info.openGraph)
    }
  })
})
