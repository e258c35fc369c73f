/**
 * Nordic-aware slugs. Written by hand because generic slug libraries transliterate ø → o and å → a,
 * while Danish and Norwegian readers expect ø → oe, æ → ae, å → aa (as in URLs of Nordic newspapers).
 */
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
