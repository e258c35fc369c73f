import { describe, expect, it } from 'vitest'
import { hasControlCharacter, removeControlCharacters } from '../../channels/shared/control-characters.ts'

describe('control characters', () => {
  it('removes C0 controls, DEL and C1 controls, keeping tab and line breaks', () => {
    expect(removeControlCharacters('a\u0000b\u0007c\u001Fd\u007Fe\u0085f\u009Fg')).toBe('abcdefg')
    expect(removeControlCharacters('line\r\nnext\ttab\nend')).toBe('line\r\nnext\ttab\nend')
    expect(removeControlCharacters('form\u000Cfeed\u000Bvertical')).toBe('formfeedvertical')
  })

  it('removes what XML cannot encode and keeps every real character', () => {
    expect(removeControlCharacters('a\uFFFEb\uFFFFc\uD800d\uDC00e')).toBe('abcde')
    const nordic = 'Sámi ŋ Føroyar ð Æøå Äö 🎉 — « » \u00A0'
    expect(removeControlCharacters(nordic)).toBe(nordic)
  })

  it('tells whether a value holds a control character', () => {
    expect(hasControlCharacter('Klokke\u0007')).toBe(true)
    expect(hasControlCharacter('Mette\u0085')).toBe(true)
    expect(hasControlCharacter('Mette\tJensen\n')).toBe(false)
    expect(hasControlCharacter('Ærø')).toBe(false)
  })
})
