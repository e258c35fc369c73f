/**
 * Text that fell back to the default locale is marked with that locale's `lang`, so screen readers
 * pronounce it right (export lists such fields in `fallbackFields`).
 */
import { DEFAULT_LOCALE, type Locale } from './locales.ts'

/** The language to mark `field` with (the default locale's when it fell back), or undefined. */
export function fallbackLang(doc: { fallbackFields: readonly string[] }, field: string): Locale | undefined {
  return doc.fallbackFields.includes(field) ? DEFAULT_LOCALE : undefined
}
