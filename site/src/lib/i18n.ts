import type { Locale } from '../../../channels/snapshot/schema.ts'
import da from '../translations/da.json' with { type: 'json' }
import sv from '../translations/sv.json' with { type: 'json' }
import nb from '../translations/nb.json' with { type: 'json' }
import en from '../translations/en.json' with { type: 'json' }

export type UiKey = keyof typeof da
const strings: Record<Locale, Record<UiKey, string>> = { da, sv, nb, en }

/** Interface text in the page's locale (every locale file has every key: tests/site checks it). */
export function t(locale: Locale, key: UiKey): string {
  return strings[locale][key]
}

/** BCP 47 tags for dates and `og:locale`. */
export const REGION: Record<Locale, string> = { da: 'da_DK', sv: 'sv_SE', nb: 'nb_NO', en: 'en_GB' }

// Making a DateTimeFormat costs far more than using one: one per locale for the whole build.
const dateFormats = new Map<Locale, Intl.DateTimeFormat>()

export function formatDate(iso: string, locale: Locale): string {
  let format = dateFormats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'long', timeZone: 'Europe/Copenhagen' })
    dateFormats.set(locale, format)
  }
  return format.format(new Date(iso))
}

export function uiStrings(locale: Locale): Record<UiKey, string> {
  return strings[locale]
}
