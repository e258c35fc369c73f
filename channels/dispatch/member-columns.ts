/**
 * The member-file columns only the dispatch reads (the print run ignores them): `email`,
 * `segments`, `email_opt_out` and `post_opt_out`. Each rule lives here once.
 */
import { hasControlCharacter } from '../shared/control-characters.ts'
import { LOCALES, type Locale } from '../snapshot/schema.ts'

/** Opt-out cells: true for `1`, `true`, `yes`, `ja`; false for empty, `0`, `false`, `no`, `nej`. */
const TRUE = new Set(['1', 'true', 'yes', 'ja'])
const FALSE = new Set(['', '0', 'false', 'no', 'nej'])

export function parseOptOut(
  value: string | undefined,
  column: string,
): { ok: true; value: boolean } | { ok: false; reason: string } {
  const cell = (value ?? '').trim().toLowerCase()
  if (TRUE.has(cell)) return { ok: true, value: true }
  if (FALSE.has(cell)) return { ok: true, value: false }
  return {
    ok: false,
    reason: `${column} is not one of 1, true, yes, ja (opted out) or empty, 0, false, no, nej`,
  }
}

/** Segment slugs of a member: a cell like `retirees|students` (`|`, `,` or `;` between slugs). */
export function memberSegments(value: string | undefined): Set<string> {
  return new Set(
    (value ?? '')
      .split(/[|,;]/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  )
}

// Deliberately practical, not RFC 5322: one @, no spaces, quotes, brackets or controls, a dotted domain.
const LOCAL_PART = /^[^\s@"<>()[\]\\,;:]+$/
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u

/** The address trimmed and with a lower-case domain, or null when it cannot be a deliverable address. */
export function normaliseEmail(value: string | undefined): string | null {
  const cell = (value ?? '').trim()
  const at = cell.lastIndexOf('@')
  if (at < 1 || cell.length > 254) return null
  const local = cell.slice(0, at)
  const domain = cell.slice(at + 1).toLowerCase()
  if (
    local.length > 64 ||
    !LOCAL_PART.test(local) ||
    hasControlCharacter(local) ||
    local.startsWith('.') ||
    local.endsWith('.') ||
    local.includes('..')
  )
    return null
  const labels = domain.split('.')
  if (labels.length < 2 || !labels.every((label) => label.length <= 63 && DOMAIN_LABEL.test(label)))
    return null
  return `${local}@${domain}`
}

/** The member's locale for an e-mail from the raw cell (as the print run reads it: `no` means `nb`), or null. */
export function localeOfCell(value: string | undefined): Locale | null {
  const cell = (value ?? '').trim().toLowerCase().slice(0, 2)
  const wanted = cell === 'no' ? 'nb' : cell
  return (LOCALES as readonly string[]).includes(wanted) ? (wanted as Locale) : null
}
