/**
 * The plan: every row of the member file goes into exactly one bucket. Pure (no I/O); the ledger
 * and the sending decide later what this run actually does for the member.
 */
import type { MemberFileEntry } from '../letters/member-file.ts'
import { hasControlCharacter } from '../shared/control-characters.ts'
import { MemberNumberSet } from '../letters/member-numbers.ts'
import type { Locale } from '../snapshot/schema.ts'
import { localeOfCell, memberSegments, normaliseEmail, parseOptOut } from './member-columns.ts'

export const BUCKETS = ['not_in_segment', 'opted_out', 'email', 'print', 'rejected'] as const
export type Bucket = (typeof BUCKETS)[number]

/** What an e-mail needs of a member; lives in memory only while the message is sent. */
export interface EmailRecipient {
  memberNumber: string
  email: string
  firstName: string
  lastName: string
  locale: Locale | null
}

export type PlanDecision =
  /** `unkeyed`: the row cannot own the member number's ledger row (no columns, or a number already taken). */
  | { bucket: 'rejected'; line: number; memberNumber: string; reason: string; unkeyed?: true }
  | { bucket: 'not_in_segment'; line: number; memberNumber: string }
  | { bucket: 'opted_out'; line: number; memberNumber: string; reason: string }
  | { bucket: 'email'; line: number; memberNumber: string; recipient: EmailRecipient; locale: Locale | null }
  | {
      bucket: 'print'
      line: number
      memberNumber: string
      reason: string
      locale: Locale | null
      hardBounce: boolean
    }

export interface PlanRules {
  /** Segment slugs the dispatch is for; null: every member. */
  segments: ReadonlySet<string> | null
  /** A hard bounce recorded for this member (by number or address). */
  hardBounced(memberNumber: string, email: string | null): boolean
}

// Names go into the e-mail; a control character there is a bad row, as in the print run.
const hasBreakOrControl = (text: string): boolean =>
  hasControlCharacter(text) || /[\t\n\r\u2028\u2029]/.test(text)

export class MemberPlanner {
  private readonly seen = new MemberNumberSet()
  constructor(private readonly rules: PlanRules) {}

  decide(entry: MemberFileEntry): PlanDecision {
    const line = entry.line
    const memberNumber = entry.ok ? entry.member.memberNumber : entry.memberNumber
    const columns = entry.columns
    // A row that could not be split into columns, or has no member number, cannot be planned.
    if (!columns || !memberNumber || (!entry.ok && entry.reason === 'duplicate member number')) {
      return {
        bucket: 'rejected',
        line,
        memberNumber,
        reason: entry.ok ? 'member number missing' : entry.reason,
        unkeyed: true,
      }
    }
    // The reader rejects duplicates among valid rows only; a number may also repeat a bad row's.
    if (!this.seen.add(memberNumber))
      return { bucket: 'rejected', line, memberNumber, reason: 'duplicate member number', unkeyed: true }
    if (this.rules.segments) {
      const own = memberSegments(columns.segments)
      if (![...this.rules.segments].some((s) => own.has(s)))
        return { bucket: 'not_in_segment', line, memberNumber }
    }
    const emailOptOut = parseOptOut(columns.email_opt_out, 'email_opt_out')
    if (!emailOptOut.ok) return { bucket: 'rejected', line, memberNumber, reason: emailOptOut.reason }
    const postOptOut = parseOptOut(columns.post_opt_out, 'post_opt_out')
    if (!postOptOut.ok) return { bucket: 'rejected', line, memberNumber, reason: postOptOut.reason }
    if (emailOptOut.value && postOptOut.value)
      return { bucket: 'opted_out', line, memberNumber, reason: 'opted out of e-mail and post' }

    const email = normaliseEmail(columns.email)
    const bounced = this.rules.hardBounced(memberNumber, email)
    const locale = entry.ok ? entry.member.locale : localeOfCell(columns.locale)
    if (email && !emailOptOut.value && !bounced) {
      // An e-mail needs no postal address, so a row the print run rejects for its address is still e-mailed.
      const firstName = entry.ok
        ? entry.member.firstName
        : (columns.first_name ?? '').replace(/\s+/g, ' ').trim()
      const lastName = entry.ok
        ? entry.member.lastName
        : (columns.last_name ?? '').replace(/\s+/g, ' ').trim()
      if (!entry.ok && (hasBreakOrControl(firstName) || hasBreakOrControl(lastName)))
        return { bucket: 'rejected', line, memberNumber, reason: entry.reason }
      return {
        bucket: 'email',
        line,
        memberNumber,
        locale,
        recipient: {
          memberNumber,
          email,
          firstName: firstName.normalize('NFC'),
          lastName: lastName.normalize('NFC'),
          locale,
        },
      }
    }
    const noEmail = bounced
      ? 'hard bounce'
      : emailOptOut.value
        ? 'opted out of e-mail'
        : (columns.email ?? '').trim()
          ? 'e-mail address not valid'
          : 'no e-mail address'
    if (postOptOut.value)
      return { bucket: 'opted_out', line, memberNumber, reason: `opted out of post; ${noEmail}` }
    if (!entry.ok) return { bucket: 'rejected', line, memberNumber, reason: `${noEmail}; ${entry.reason}` }
    return { bucket: 'print', line, memberNumber, reason: noEmail, locale, hardBounce: bounced }
  }
}
