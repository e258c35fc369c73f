import { describe, expect, it } from 'vitest'
import type { MemberFileEntry } from '../../channels/letters/member-file.ts'
import {
  localeOfCell,
  memberSegments,
  normaliseEmail,
  parseOptOut,
} from '../../channels/dispatch/member-columns.ts'
import { MemberPlanner } from '../../channels/dispatch/plan-member.ts'

const member = {
  firstName: 'Testa',
  lastName: 'Opdigtsen',
  streetLines: ['Prøvevej 1'],
  postalCode: '1000',
  city: 'Testrup',
  country: 'DK',
  locale: 'da' as const,
  branch: null,
}
function entry(number: string, columns: Record<string, string>, ok = true): MemberFileEntry {
  const all = { member_number: number, segments: 'retirees', ...columns }
  return ok
    ? { line: 2, ok: true, member: { ...member, memberNumber: number }, columns: all }
    : { line: 2, ok: false, memberNumber: number, reason: 'postal code missing', columns: all }
}

describe('dispatch plan rules', () => {
  it('reads the documented opt-out values and refuses others', () => {
    for (const yes of ['1', 'true', 'YES', 'ja', ' Ja '])
      expect(parseOptOut(yes, 'email_opt_out')).toEqual({ ok: true, value: true })
    for (const no of ['', '0', 'false', 'no', 'nej', undefined])
      expect(parseOptOut(no, 'email_opt_out')).toEqual({ ok: true, value: false })
    expect(parseOptOut('måske', 'post_opt_out')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^post_opt_out is not one of/),
    })
  })

  it('splits segments on | , ; and checks addresses practically', () => {
    expect([...memberSegments(' Retirees| students ;new-members,')]).toEqual([
      'retirees',
      'students',
      'new-members',
    ])
    expect(normaliseEmail(' Testa@Example.TEST ')).toBe('Testa@example.test')
    for (const bad of [
      'ikke-en-adresse',
      'a@b',
      'a b@example.test',
      'a@@example.test',
      '.a@example.test',
      'a@-x.test',
      '"a"@example.test',
    ])
      expect(normaliseEmail(bad), bad).toBeNull()
    expect(localeOfCell('no')).toBe('nb')
    expect(localeOfCell('xx')).toBeNull()
  })

  it('puts each member in exactly one bucket', () => {
    const bounced = new Set(['B1'])
    const planner = new MemberPlanner({ segments: new Set(['retirees']), hardBounced: (n) => bounced.has(n) })
    const bucket = (e: MemberFileEntry) => {
      const d = planner.decide(e)
      return 'reason' in d ? `${d.bucket}: ${d.reason}` : d.bucket
    }
    expect(bucket(entry('E1', { email: 'e1@example.test' }))).toBe('email')
    expect(bucket(entry('E2', { email: 'e2@example.test' }, false))).toBe('email') // no address needed for e-mail
    expect(bucket(entry('P1', { email: '' }))).toBe('print: no e-mail address')
    expect(bucket(entry('P2', { email: 'e@example.test', email_opt_out: 'ja' }))).toBe(
      'print: opted out of e-mail',
    )
    expect(bucket(entry('B1', { email: 'b1@example.test' }))).toBe('print: hard bounce')
    expect(bucket(entry('O1', { email: 'o@example.test', email_opt_out: '1', post_opt_out: 'yes' }))).toBe(
      'opted_out: opted out of e-mail and post',
    )
    expect(bucket(entry('O2', { post_opt_out: 'true' }))).toBe(
      'opted_out: opted out of post; no e-mail address',
    )
    expect(bucket(entry('N1', { segments: 'students' }))).toBe('not_in_segment')
    expect(bucket(entry('X1', {}, false))).toBe('rejected: no e-mail address; postal code missing')
    expect(bucket(entry('E1', { email: 'e1@example.test' }))).toBe('rejected: duplicate member number')
  })
})
