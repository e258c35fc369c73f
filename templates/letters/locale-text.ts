/** The few words a printed letter adds around the editor's text, per locale. */
import { formatLongDate } from '../../channels/shared/dates.ts'
import { LOCALE_INFO, type Locale } from '../../channels/snapshot/locales.ts'

export interface LetterWords {
  /** BCP 47 tag for Intl (country names): the locale registry's. */
  intl: string
  page: (n: number, total: number) => string
  closing: string
  memberNumber: string
  date: string
  /** Fills the `branch` merge field when the member file has no branch column. */
  branchFallback: string
}

export const LETTER_WORDS: Record<Locale, LetterWords> = {
  da: {
    intl: LOCALE_INFO.da.intl,
    page: (n, t) => `side ${n} af ${t}`,
    closing: 'Med venlig hilsen',
    memberNumber: 'Medlemsnummer',
    date: 'Dato',
    branchFallback: 'din lokale afdeling',
  },
  sv: {
    intl: LOCALE_INFO.sv.intl,
    page: (n, t) => `sida ${n} av ${t}`,
    closing: 'Med vänliga hälsningar',
    memberNumber: 'Medlemsnummer',
    date: 'Datum',
    branchFallback: 'din lokala avdelning',
  },
  nb: {
    intl: LOCALE_INFO.nb.intl,
    page: (n, t) => `side ${n} av ${t}`,
    closing: 'Med vennlig hilsen',
    memberNumber: 'Medlemsnummer',
    date: 'Dato',
    branchFallback: 'din lokale avdeling',
  },
  en: {
    intl: LOCALE_INFO.en.intl,
    page: (n, t) => `page ${n} of ${t}`,
    closing: 'Kind regards',
    memberNumber: 'Member number',
    date: 'Date',
    branchFallback: 'your local branch',
  },
}

/** `24. november 2026` (da), `24 november 2026` (sv), `24 November 2026` (en). */
export function formatLetterDate(date: Date, locale: Locale): string {
  return formatLongDate(date, locale)
}
