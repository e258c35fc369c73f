/** The few words a printed letter adds around the editor's text, per locale. */
import type { Locale } from '../../channels/snapshot/schema.ts'

export interface LetterWords {
  /** BCP 47 tag for Intl (dates, country names). */
  intl: string
  page: (n: number, total: number) => string
  closing: string
  memberNumber: string
  date: string
  /** Fills the `branch` merge field when the member file has no branch column. */
  branchFallback: string
}

export const LETTER_WORDS: Record<Locale, LetterWords> = {
  da: { intl: 'da-DK', page: (n, t) => `side ${n} af ${t}`, closing: 'Med venlig hilsen', memberNumber: 'Medlemsnummer', date: 'Dato', branchFallback: 'din lokale afdeling' },
  sv: { intl: 'sv-SE', page: (n, t) => `sida ${n} av ${t}`, closing: 'Med vänliga hälsningar', memberNumber: 'Medlemsnummer', date: 'Datum', branchFallback: 'din lokala avdelning' },
  nb: { intl: 'nb-NO', page: (n, t) => `side ${n} av ${t}`, closing: 'Med vennlig hilsen', memberNumber: 'Medlemsnummer', date: 'Dato', branchFallback: 'din lokale avdeling' },
  en: { intl: 'en-GB', page: (n, t) => `page ${n} of ${t}`, closing: 'Kind regards', memberNumber: 'Member number', date: 'Date', branchFallback: 'your local branch' },
}

/** `24. november 2026` (da), `24 november 2026` (sv), `24 November 2026` (en). */
export function formatLetterDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(LETTER_WORDS[locale].intl, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date)
}
