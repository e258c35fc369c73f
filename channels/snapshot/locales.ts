/**
 * The locale registry: every language Budstikke publishes in, and how each is named to the admin,
 * to `Intl` (dates, region names) and to Open Graph. The Payload config, export, import, preview and
 * every channel read it from here.
 */

export const LOCALES = ['da', 'sv', 'nb', 'en'] as const
export type Locale = (typeof LOCALES)[number]

/** Danish: the language editors write first, the site's root (`/`) and every fallback's source. */
export const DEFAULT_LOCALE = 'da' satisfies Locale

export interface LocaleInfo {
  /** How the admin's language menu names it, in its own language. */
  label: string
  /** BCP 47 language tag for `Intl` (dates, region names, upper-casing). */
  intl: string
  /** Open Graph's `og:locale`, which is language_TERRITORY with an underscore (not BCP 47). */
  openGraph: string
}

export const LOCALE_INFO: Record<Locale, LocaleInfo> = {
  da: { label: 'Dansk', intl: 'da-DK', openGraph: 'da_DK' },
  sv: { label: 'Svenska', intl: 'sv-SE', openGraph: 'sv_SE' },
  nb: { label: 'Norsk bokmål', intl: 'nb-NO', openGraph: 'nb_NO' },
  en: { label: 'English', intl: 'en-GB', openGraph: 'en_GB' },
}

export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value)
}
