/**
 * One recipient row of the member file, validated with zod. A row that fails is rejected with a
 * reason that names the field but never repeats its content (rejected.csv goes to member service,
 * logs go anywhere).
 */
import { z } from 'zod'
import { LOCALES, type Locale } from '../snapshot/schema.ts'
import { hasControlCharacter } from '../shared/control-characters.ts'
import { codePointLabel, unprintableCharacters } from './fonts.ts'

export const MEMBER_COLUMNS = [
  'member_number',
  'first_name',
  'last_name',
  'address_line1',
  'address_line2',
  'postal_code',
  'city',
  'country',
  'locale',
  'segments',
  'email',
] as const
/** Columns a row cannot do without; the others may be missing from the header. */
export const REQUIRED_COLUMNS = [
  'member_number',
  'first_name',
  'last_name',
  'address_line1',
  'postal_code',
  'city',
] as const
/** Optional extra column: fills the `branch` merge field. */
export const BRANCH_COLUMN = 'branch'

export interface Member {
  memberNumber: string
  firstName: string
  lastName: string
  /** Street lines, already split where a spreadsheet cell held a line break. */
  streetLines: string[]
  postalCode: string
  city: string
  /** ISO 3166-1 alpha-2, upper case. */
  country: string
  locale: Locale | null
  branch: string | null
}

// Controls (tab and line breaks aside, which a quoted spreadsheet cell may hold), and Unicode's line separators.
function hasControlOrLineSeparator(value: string): boolean {
  return hasControlCharacter(value) || /[\u2028\u2029]/.test(value)
}

const POSTAL_CODE: Record<string, { pattern: RegExp; description: string }> = {
  DK: { pattern: /^\d{4}$/, description: '4 digits' },
  NO: { pattern: /^\d{4}$/, description: '4 digits' },
  SE: { pattern: /^\d{3} ?\d{2}$/, description: '5 digits, e.g. 123 45' },
  FI: { pattern: /^\d{5}$/, description: '5 digits' },
  IS: { pattern: /^\d{3}$/, description: '3 digits' },
  DE: { pattern: /^\d{5}$/, description: '5 digits' },
  FO: { pattern: /^\d{3}$/, description: '3 digits' },
  GL: { pattern: /^\d{4}$/, description: '4 digits' },
}

/** ISO codes Intl knows as regions, plus their names in our four languages → code. */
let countryLookup: Map<string, string> | undefined
function countryCode(value: string): string | null {
  if (!countryLookup) {
    countryLookup = new Map()
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    const names = LOCALES.map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }))
    for (const a of letters) {
      for (const b of letters) {
        const code = a + b
        const found = names.map((n) => {
          try {
            return n.of(code)
          } catch {
            return undefined
          }
        })
        if (!found.some(Boolean)) continue
        countryLookup.set(code.toLowerCase(), code)
        for (const name of found) if (name) countryLookup.set(name.toLowerCase(), code)
      }
    }
    // Intl treats these as reserved or deprecated codes, not countries.
    for (const notCountry of ['eu', 'un', 'ez', 'qo', 'zz', 'xa', 'xb']) countryLookup.delete(notCountry)
  }
  return countryLookup.get(value.trim().toLowerCase()) ?? null
}

const text = (field: string) =>
  z
    .string()
    .refine((value) => !hasControlOrLineSeparator(value), `${field} contains a control character`)
    .transform((value) => value.normalize('NFC'))
    .refine((value) => unprintableCharacters(value).length === 0, {
      error: (issue) =>
        `${field} has a character the letter font cannot print (${unprintableCharacters(String(issue.input)).map(codePointLabel).join(', ')})`,
    })

const oneLine = (field: string) => text(field).transform((value) => value.replace(/\s+/g, ' ').trim())

function rowSchema(defaultCountry: string) {
  return z
    .object({
      member_number: oneLine('member number').pipe(
        z.string().min(1, 'member number missing').max(40, 'member number longer than 40 characters'),
      ),
      first_name: oneLine('first name'),
      last_name: oneLine('last name'),
      address_line1: text('address line 1'),
      address_line2: text('address line 2').optional(),
      postal_code: oneLine('postal code').pipe(z.string().min(1, 'postal code missing')),
      city: oneLine('city').pipe(z.string().min(1, 'city missing')),
      country: oneLine('country').optional(),
      locale: oneLine('locale').optional(),
      branch: oneLine('branch').optional(),
    })
    .transform((row, ctx): Member => {
      if (!row.first_name && !row.last_name) ctx.addIssue({ code: 'custom', message: 'name missing' })
      const streetLines = [row.address_line1, row.address_line2 ?? '']
        .flatMap((value) => value.split(/\r\n|\r|\n/))
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
      if (streetLines.length === 0) ctx.addIssue({ code: 'custom', message: 'address line 1 missing' })
      const country = row.country ? countryCode(row.country) : defaultCountry
      if (!country) ctx.addIssue({ code: 'custom', message: 'unknown country' })
      const postal = country ? POSTAL_CODE[country] : undefined
      if (postal && row.postal_code && !postal.pattern.test(row.postal_code))
        ctx.addIssue({
          code: 'custom',
          message: `postal code is not a valid ${country} postal code (${postal.description})`,
        })
      let locale: Locale | null = null
      if (row.locale) {
        const wanted =
          row.locale.toLowerCase().slice(0, 2) === 'no' ? 'nb' : row.locale.toLowerCase().slice(0, 2)
        if ((LOCALES as readonly string[]).includes(wanted)) locale = wanted as Locale
        else ctx.addIssue({ code: 'custom', message: `unknown locale (use ${LOCALES.join(', ')})` })
      }
      return {
        memberNumber: row.member_number,
        firstName: row.first_name,
        lastName: row.last_name,
        streetLines,
        postalCode: row.postal_code,
        city: row.city,
        country: country ?? '',
        locale,
        branch: row.branch || null,
      }
    })
}

export type MemberRowResult =
  { ok: true; member: Member } | { ok: false; memberNumber: string; reason: string }

/** Validates one record (field values by column name). */
const schemas = new Map<string, ReturnType<typeof rowSchema>>()
export function validateMemberRow(record: Record<string, string>, defaultCountry: string): MemberRowResult {
  let schema = schemas.get(defaultCountry)
  if (!schema) schemas.set(defaultCountry, (schema = rowSchema(defaultCountry)))
  const result = schema.safeParse(record)
  if (result.success) return { ok: true, member: result.data }
  const memberNumber = hasControlOrLineSeparator(record.member_number ?? '')
    ? ''
    : (record.member_number ?? '').trim()
  const reasons = [
    ...new Set(
      result.error.issues.map((issue) =>
        issue.code === 'invalid_type' ? `${String(issue.path[0])} missing` : issue.message,
      ),
    ),
  ]
  return { ok: false, memberNumber, reason: reasons.join('; ') }
}
