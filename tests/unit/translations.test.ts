/** The one translation table of every channel's fixed words (channels/shared/translations.ts). */
import { describe, expect, it } from 'vitest'
import {
  TRANSLATIONS,
  createTranslator,
  fillPlaceholders,
  placeholdersOf,
  translate,
  type LocaleStrings,
} from '../../channels/shared/translations.ts'
import { DEFAULT_LOCALE, LOCALES } from '../../channels/snapshot/locales.ts'

const defaults = TRANSLATIONS[DEFAULT_LOCALE]
const keysOf = (table: LocaleStrings) =>
  Object.entries(table).flatMap(([section, texts]) => Object.keys(texts).map((name) => `${section}.${name}`))

describe('translation tables', () => {
  it('has every key of the default locale in every locale, and no other', () => {
    const keys = keysOf(defaults).sort()
    expect(keys.length).toBeGreaterThan(60)
    for (const locale of LOCALES) expect(keysOf(TRANSLATIONS[locale]).sort(), locale).toEqual(keys)
  })

  it('has a text for every key in every locale (none left to fall back today)', () => {
    for (const locale of LOCALES)
      for (const [section, texts] of Object.entries(TRANSLATIONS[locale]))
        for (const [name, text] of Object.entries(texts as Record<string, string | null>))
          expect(text?.trim(), `${locale} ${section}.${name}`).toBeTruthy()
  })

  it('uses the same placeholders in every locale', () => {
    for (const [section, texts] of Object.entries(defaults))
      for (const [name, text] of Object.entries(texts as Record<string, string>))
        for (const locale of LOCALES) {
          const other = (TRANSLATIONS[locale] as Record<string, Record<string, string | null>>)[section][name]
          expect(placeholdersOf(other ?? text), `${locale} ${section}.${name}`).toEqual(placeholdersOf(text))
        }
  })
})

describe('translate', () => {
  it('fills placeholders in the reader’s language', () => {
    expect(translate('da', 'cards.endsOn', { date: '1. juli 2026' })).toBe('Slutter 1. juli 2026')
    expect(translate('en', 'letters.page', { page: 2, pages: 3 })).toBe('page 2 of 3')
    expect(translate('sv', 'site.home')).toBe('Startsida')
  })

  it('takes a value as it is, with no `$&` or other replacement patterns', () => {
    expect(translate('da', 'cards.atPartner', { partner: 'A$&B $1' })).toBe('hos A$&B $1')
  })

  it('names the text when a placeholder has no value', () => {
    expect(() => fillPlaceholders('Slutter {date}', {})).toThrow(
      'translation "Slutter {date}": no value for {date}',
    )
  })

  it('checks keys and placeholder names at compile time', () => {
    // @ts-expect-error: no such key
    expect(() => translate('da', 'site.noSuchKey')).toThrow()
    // @ts-expect-error: `cards.endsOn` needs {date}
    expect(() => translate('da', 'cards.endsOn')).toThrow(/no value for \{date\}/)
    // @ts-expect-error: the placeholder is {partner}, not {name}
    expect(() => translate('da', 'cards.atPartner', { name: 'X' })).toThrow(/no value for \{partner\}/)
  })
})

describe('fallback to the default locale', () => {
  // A table being translated: Swedish has no text for two keys yet.
  const sv = structuredClone(TRANSLATIONS.sv)
  sv.cards.endsOn = null
  sv.site.home = null
  const partial = createTranslator({ ...TRANSLATIONS, sv })

  it('shows the default locale’s text, marked with its language like fallen-back content', () => {
    expect(partial.phrase('sv', 'site.home')).toEqual({ text: 'Forside', lang: DEFAULT_LOCALE })
    expect(partial.phrase('sv', 'cards.endsOn', { date: '1 juli 2026' })).toEqual({
      text: 'Slutter 1 juli 2026',
      lang: DEFAULT_LOCALE,
    })
    expect(partial.phrase('sv', 'site.search')).toEqual({ text: 'Sök', lang: undefined })
    expect(partial.strings('sv').site.home).toBe('Forside')
  })
})
