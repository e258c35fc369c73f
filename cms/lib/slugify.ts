/**
 * Nordic-aware slugs. Written by hand because generic slug libraries transliterate ø → o and å → a,
 * while Danish and Norwegian readers expect ø → oe, æ → ae, å → aa (as in URLs of Nordic newspapers).
 */
import transliterate from '@sindresorhus/transliterate'

const NORDIC: Record<string, string> = {
  æ: 'ae',
  ø: 'oe',
  å: 'aa',
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  ð: 'd',
  þ: 'th',
  đ: 'd',
  ŋ: 'ng',
  ŧ: 't',
  ł: 'l',
}

export const MAX_SLUG_LENGTH = 80

export function slugify(text: string): string {
  const mapped = [...text.toLowerCase()].map((ch) => NORDIC[ch] ?? ch).join('')
  const slug = mapped
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '')
  return slug
}

export function isValidSlug(slug: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && slug.length <= MAX_SLUG_LENGTH
}

/**
 * A slug for text in any script (Greek, Cyrillic, …): letters outside the Latin alphabet are
 * transliterated (@sindresorhus/transliterate) before `slugify`, with the Nordic letters mapped as
 * `slugify` maps them (ø → oe, not o), so a Latin title gets the same slug either way.
 */
export function slugifyAnyScript(text: string): string {
  return slugify(transliterate(text, { customReplacements: NORDIC_REPLACEMENTS }))
}

const NORDIC_REPLACEMENTS: [string, string][] = Object.entries(NORDIC).flatMap(([letter, latin]) => [
  [letter, latin],
  [letter.toUpperCase(), latin],
])
