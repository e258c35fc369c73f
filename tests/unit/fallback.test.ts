import { describe, expect, it } from 'vitest'
import { fallbackLang } from '../../channels/snapshot/fallback.ts'

describe('fallbackLang', () => {
  it('marks a field that fell back with the default locale, and nothing else', () => {
    const doc = { fallbackFields: ['summary', 'callToAction.label'] }
    expect(fallbackLang(doc, 'summary')).toBe('da')
    expect(fallbackLang(doc, 'callToAction.label')).toBe('da')
    expect(fallbackLang(doc, 'title')).toBeUndefined()
  })
})
