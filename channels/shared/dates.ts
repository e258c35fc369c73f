/**
 * Dates as readers in each locale write them (`5. marts 2026`, `5 March 2026`), in the union's time
 * zone: the one date formatter of the site, the cards and the letters. One zone for every channel, so
 * an article published at 00:30 Danish time has the same date on its page, its card and a letter.
 */
import { LOCALE_INFO, type Locale } from '../snapshot/locales.ts'

/** The union's time zone; every fixture and customer so far is Nordic (CET/CEST). */
export const DEFAULT_TIME_ZONE = 'Europe/Copenhagen'

// Making a DateTimeFormat costs far more than using one (a site build formats thousands of dates).
const formats = new Map<string, Intl.DateTimeFormat>()
const formatted = new Map<string, string>()

/** A date (ISO string or Date) as a long date in `locale`, in `timeZone`. */
export function formatLongDate(
  date: string | Date,
  locale: Locale,
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  const id = `${locale} ${timeZone}`
  let format = formats.get(id)
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE_INFO[locale].intl, { dateStyle: 'long', timeZone })
    formats.set(id, format)
  }
  if (typeof date !== 'string') return format.format(date)
  // The same date is shown on several pages (its article, the archive, its topics): format it once.
  const key = `${id} ${date}`
  let text = formatted.get(key)
  if (text === undefined) {
    if (formatted.size >= 100_000) formatted.clear()
    text = format.format(new Date(date))
    formatted.set(key, text)
  }
  return text
}
