/** The newsletter's own words: its section of the one translation table (channels/shared/translations.ts). */
import { strings, type Strings } from '../shared/translations.ts'
import type { Locale } from '../snapshot/schema.ts'

export type NewsletterStrings = Strings['newsletter']

export function loadStrings(locale: Locale): NewsletterStrings {
  return strings(locale).newsletter
}
