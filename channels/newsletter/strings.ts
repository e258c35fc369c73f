import { readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { Locale } from '../snapshot/schema.ts'

const text = z.string().min(1)

/** The newsletter's own words, per locale, kept beside the templates (`translations/<locale>.json`). */
const stringsSchema = z.object({
  greeting: text,
  firstNameFallback: text,
  readMore: text,
  readBenefit: text,
  partnerFallback: text,
  campaign: text,
  memberNumber: text,
  unsubscribe: text,
  preferences: text,
  /** The plain-text part's stand-in for a picture: `[Billede: alt]`. */
  image: text,
  /** The plain-text part's label for a video or audio link. */
  media: text,
})
export type NewsletterStrings = z.infer<typeof stringsSchema>

const cache = new Map<string, NewsletterStrings>()

export function loadStrings(templatesDir: string, locale: Locale): NewsletterStrings {
  const file = path.join(templatesDir, 'translations', `${locale}.json`)
  const cached = cache.get(file)
  if (cached) return cached
  let strings: NewsletterStrings
  try {
    strings = stringsSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
  } catch (error) {
    const detail =
      error instanceof z.ZodError
        ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
        : (error as Error).message
    throw new Error(`${file}: cannot read newsletter translations: ${detail}`)
  }
  cache.set(file, strings)
  return strings
}
