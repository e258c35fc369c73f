import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Locale } from '../snapshot/schema.ts'

/** The newsletter's own words, per locale, kept beside the templates (`translations/<locale>.json`). */
export interface NewsletterStrings {
  greeting: string
  firstNameFallback: string
  readMore: string
  readBenefit: string
  partner: string
  partnerFallback: string
  campaign: string
  memberNumber: string
  unsubscribe: string
  preferences: string
  previewTitle: string
  textVersion: string
}

const cache = new Map<string, NewsletterStrings>()

export function loadStrings(templatesDir: string, locale: Locale): NewsletterStrings {
  const file = path.join(templatesDir, 'translations', `${locale}.json`)
  const cached = cache.get(file)
  if (cached) return cached
  let strings: NewsletterStrings
  try {
    strings = JSON.parse(readFileSync(file, 'utf8')) as NewsletterStrings
  } catch (error) {
    throw new Error(`${file}: cannot read newsletter translations: ${(error as Error).message}`)
  }
  cache.set(file, strings)
  return strings
}
