/**
 * The fixed words of every channel (site, newsletters, cards, letters), per locale: one table per
 * locale in `translations/<locale>.ts`, one section per channel. The Danish table (the default
 * locale's) is the source of the keys: another locale's table without one of them, or with one more,
 * does not typecheck. A locale may leave a text `null` while it is being translated; it then shows the
 * default locale's text, and `phrase` returns that language with it, for the same `lang` mark as
 * fallen-back content gets (`channels/snapshot/fallback.ts`), so screen readers pronounce it right.
 *
 * Placeholders are written `{name}`; `translate` fills them and its type asks for exactly the names the
 * Danish text has (tests/unit/translations.test.ts checks that every locale uses the same ones).
 */
import { DEFAULT_LOCALE, type Locale } from '../snapshot/locales.ts'
import { da } from './translations/da.ts'
import { en } from './translations/en.ts'
import { nb } from './translations/nb.ts'
import { sv } from './translations/sv.ts'

type Source = typeof da
export type Section = keyof Source

/** A locale's table: every section and key of the Danish one; `null` = not translated yet. */
export type LocaleStrings = { -readonly [S in Section]: { -readonly [K in keyof Source[S]]: string | null } }

/** A locale's words with every gap filled from the default locale. */
export type Strings = { -readonly [S in Section]: { -readonly [K in keyof Source[S]]: string } }

/** `section.key`, e.g. `cards.endsOn`. */
export type TranslationKey = { [S in Section]: `${S}.${keyof Source[S] & string}` }[Section]

type TextOf<K extends TranslationKey> = K extends `${infer S extends Section}.${infer N}`
  ? N extends keyof Source[S]
    ? Source[S][N]
    : never
  : never

/** The placeholder names in a text: `'Ends {date}'` → `'date'`. */
type PlaceholderNames<T> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholderNames<Rest>
  : never

export type PlaceholderValues<K extends TranslationKey> = Record<PlaceholderNames<TextOf<K>>, string | number>

/** A text with no placeholders takes no values; one with placeholders needs every one of them. */
type ValuesArgument<K extends TranslationKey> = [PlaceholderNames<TextOf<K>>] extends [never]
  ? []
  : [values: PlaceholderValues<K>]

export const TRANSLATIONS: Record<Locale, LocaleStrings> = { da, sv, nb, en }

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g

/** The placeholder names a text uses, sorted (`'side {page} af {pages}'` → `['page', 'pages']`). */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort()
}

/** Fills `{name}` placeholders; a name without a value is a programming error, said with the text. */
export function fillPlaceholders(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`translation "${text}": no value for {${name}}`)
    return String(value)
  })
}

/** A translated text and, when it fell back to the default locale, that locale for its `lang` mark. */
export interface Phrase {
  text: string
  lang: Locale | undefined
}

/**
 * Translations over a set of tables (the product's: `TRANSLATIONS`; tests pass their own to check
 * the fallback).
 */
export function createTranslator(tables: Record<Locale, LocaleStrings>) {
  const resolved = new Map<Locale, Strings>()

  function phrase<K extends TranslationKey>(locale: Locale, key: K, ...values: ValuesArgument<K>): Phrase {
    const [section, name] = key.split('.') as [Section, string]
    const own = (tables[locale][section] as Record<string, string | null>)[name]
    const fallback = (tables[DEFAULT_LOCALE][section] as Record<string, string | null>)[name]
    const text = own ?? fallback
    if (text === null || text === undefined)
      throw new Error(`translation ${key}: no text in ${DEFAULT_LOCALE}`)
    return {
      text: fillPlaceholders(text, values[0] as Record<string, string | number> | undefined),
      lang: own === null || own === undefined ? DEFAULT_LOCALE : undefined,
    }
  }

  return {
    phrase,
    /** The text of `key` in `locale`, placeholders filled (the default locale's text where it has none). */
    translate<K extends TranslationKey>(locale: Locale, key: K, ...values: ValuesArgument<K>): string {
      return phrase(locale, key, ...values).text
    },
    /**
     * Every text of `locale`, gaps filled from the default locale, placeholders left as written: for
     * channels that hand a whole section to their templates (unmarked: use `phrase` where the output
     * can carry a `lang` mark).
     */
    strings(locale: Locale): Strings {
      let done = resolved.get(locale)
      if (!done) {
        done = Object.fromEntries(
          (Object.keys(tables[DEFAULT_LOCALE]) as Section[]).map((section) => [
            section,
            Object.fromEntries(
              Object.entries(tables[DEFAULT_LOCALE][section]).map(([name, fallback]) => [
                name,
                (tables[locale][section] as Record<string, string | null>)[name] ?? fallback,
              ]),
            ),
          ]),
        ) as Strings
        resolved.set(locale, done)
      }
      return done
    },
  }
}

const translator = createTranslator(TRANSLATIONS)
export const { phrase, translate, strings } = translator
