import { LOCALE_INFO, LOCALES, type Locale } from '../../../channels/snapshot/locales.ts'
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

/** Open Graph's `og:locale` per locale (language_TERRITORY, from the locale registry). */
export const REGION: Record<Locale, string> = Object.fromEntries(
  LOCALES.map((locale) => [locale, LOCALE_INFO[locale].openGraph]),
) as Record<Locale, string>

export { formatLongDate as formatDate } from '../../../channels/shared/dates.ts'

export function uiStrings(locale: Locale): Record<UiKey, string> {
  return strings[locale]
}
