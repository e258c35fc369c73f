import { describe, expect, it } from 'vitest'
import { DEFAULT_TIME_ZONE, formatLongDate } from '../../channels/shared/dates.ts'
import { formatCardDate } from '../../templates/cards/labels.ts'
import { formatLetterDate } from '../../templates/letters/locale-text.ts'

describe('one date formatter', () => {
  it('writes a long date as each locale does', () => {
    const date = '2026-03-05T12:00:00Z'
    expect(formatLongDate(date, 'da')).toBe('5. marts 2026')
    expect(formatLongDate(date, 'sv')).toBe('5 mars 2026')
    expect(formatLongDate(date, 'nb')).toBe('5. mars 2026')
    expect(formatLongDate(date, 'en')).toBe('5 March 2026')
  })

  it("judges the day in the union's time zone, not UTC", () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Copenhagen')
    // 23:30 UTC on 31 December is already New Year's Day in Copenhagen.
    expect(formatLongDate('2026-12-31T23:30:00Z', 'da')).toBe('1. januar 2027')
    expect(formatLongDate('2026-12-31T23:30:00Z', 'da', 'UTC')).toBe('31. december 2026')
  })

  it('gives cards and letters the same date for the same moment', () => {
    const moment = new Date('2026-06-30T22:15:00Z') // 1 July, 00:15 in Copenhagen
    for (const locale of ['da', 'sv', 'nb', 'en'] as const) {
      expect(formatCardDate(moment.toISOString(), locale)).toBe(formatLetterDate(moment, locale))
    }
    expect(formatLetterDate(moment, 'da')).toBe('1. juli 2026')
  })
})
