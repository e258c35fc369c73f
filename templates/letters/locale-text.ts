/**
 * The few words a printed letter adds around the editor's text, per locale: the `letters` section of
 * the one translation table (channels/shared/translations.ts), shaped for the letter renderer.
 */
import { formatLongDate } from '../../channels/shared/dates.ts'
import { strings, translate, type Strings } from '../../channels/shared/translations.ts'
import { LOCALE_INFO, LOCALES, type Locale } from '../../channels/snapshot/locales.ts'

export type LetterWords = Omit<Strings['letters'], 'page'> & {
  /** BCP 47 tag for Intl (country names): the locale registry's. */
  intl: string
  /** `side 2 af 3`. */
  page: (n: number, total: number) => string
}

function letterWords(locale: Locale): LetterWords {
  return {
    ...strings(locale).letters,
    intl: LOCALE_INFO[locale].intl,
    page: (n, total) => translate(locale, 'letters.page', { page: n, pages: total }),
  }
}

export const LETTER_WORDS = Object.fromEntries(
  LOCALES.map((locale) => [locale, letterWords(locale)]),
) as Record<Locale, LetterWords>

/** `24. november 2026` (da), `24 november 2026` (sv), `24 November 2026` (en). */
export function formatLetterDate(date: Date, locale: Locale): string {
  return formatLongDate(date, locale)
}
