/**
 * The admin's languages: Payload's own translations for da, sv, nb and en, plus Budstikke's words
 * (`admin-texts.ts`) as the `budstikke:` namespace, so a label function can say `t('budstikke:preview.tab')`.
 *
 * Which language an editor sees: the one picked on the account page (Payload's `payload-lng` cookie),
 * which starts as the Organisation's default locale (`default-language.ts`, set by `cms/proxy.ts`).
 * `fallbackLanguage` stays English: it is the language of the Local API's and REST API's messages for
 * callers without a language (the CLI, import, scripts), which speak English like the rest of the CLI.
 */
import type { Config } from 'payload'
import { da } from '@payloadcms/translations/languages/da'
import { en } from '@payloadcms/translations/languages/en'
import { nb } from '@payloadcms/translations/languages/nb'
import { sv } from '@payloadcms/translations/languages/sv'
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../channels/snapshot/locales.ts'
import { ADMIN_TEXTS } from './admin-texts.ts'

/** The admin speaks every publishing locale: the codes are the same as Payload's language codes. */
export type AdminLanguage = Locale
export const ADMIN_LANGUAGES: readonly AdminLanguage[] = LOCALES

/** The admin language of an editor who has not picked one: the Organisation's default locale. */
export const DEFAULT_ADMIN_LANGUAGE: AdminLanguage = DEFAULT_LOCALE

function customTranslations(language: AdminLanguage): Record<string, string> {
  return Object.fromEntries(Object.entries(ADMIN_TEXTS).map(([key, words]) => [key, words[language]]))
}

export const adminI18n: NonNullable<Config['i18n']> = {
  supportedLanguages: { da, sv, nb, en },
  fallbackLanguage: 'en',
  translations: Object.fromEntries(
    ADMIN_LANGUAGES.map((language) => [language, { budstikke: customTranslations(language) }]),
  ),
}
