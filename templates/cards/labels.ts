/** Dates printed on cards (their words are the `cards` section of channels/shared/translations.ts). */
import { formatLongDate } from '../../channels/shared/dates.ts'
import type { Locale } from '../../channels/snapshot/schema.ts'

/** Dates as a reader in that country writes them, in the union's time zone. */
export function formatCardDate(iso: string, locale: Locale): string {
  return formatLongDate(iso, locale)
}
