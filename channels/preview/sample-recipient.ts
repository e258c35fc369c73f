/**
 * The made-up member a preview letter and e-mail are addressed to. Obviously not a real person, so
 * nobody mistakes a preview for a real letter; no member data is ever read for a preview.
 */
import type { Locale } from '../snapshot/schema.ts'

export const SAMPLE_RECIPIENT = {
  member_number: 'PRØVE-0001',
  first_name: 'Testa',
  last_name: 'Eksempelsen',
  address_line1: 'Prøvevej 1',
  address_line2: '',
  postal_code: '1000',
  city: 'Testrup',
  country: 'DK',
  branch: 'Prøveafdelingen',
} as const

/** The sample recipient as a one-row member file (the print channel's input format). */
export function sampleRecipientCsv(locale: Locale): string {
  const row: Record<string, string> = { ...SAMPLE_RECIPIENT, locale }
  const columns = Object.keys(row)
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)
  return `${columns.join(',')}\n${columns.map((c) => field(row[c])).join(',')}\n`
}

/** Values for an e-mail's merge fields in a preview. */
export const SAMPLE_EMAIL_VALUES = {
  first_name: SAMPLE_RECIPIENT.first_name,
  member_number: SAMPLE_RECIPIENT.member_number,
  member_id: 'preview-sample-member',
}
