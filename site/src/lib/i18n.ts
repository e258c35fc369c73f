import { LOCALE_INFO, LOCALES, type Locale } from '../../../channels/snapshot/locales.ts'
import { strings, type Strings } from '../../../channels/shared/translations.ts'

/** The site's section of the one translation table (channels/shared/translations.ts). */
export type UiKey = keyof Strings['site']

/** Interface text in the page's locale (every locale has every key: tests/unit/translations.test.ts). */
export function t(locale: Locale, key: UiKey): string {
  return strings(locale).site[key]
}

/** Open Graph's `og:locale` per locale (language_TERRITORY, from the locale registry). */
export const REGION: Record<Locale, string> = Object.fromEntries(
  LOCALES.map((locale) => [locale, LOCALE_INFO[locale].openGraph]),
) as Record<Locale, string>

export { formatLongDate as formatDate } from '../../../channels/shared/dates.ts'

export function uiStrings(locale: Locale): Strings['site'] {
  return strings(locale).site
}
