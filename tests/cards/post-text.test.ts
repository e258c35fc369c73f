import { describe, expect, it } from 'vitest'
import { POST_TEXT_LIMIT, postLength, postText } from '../../channels/cards/post-text.ts'
import { documentUrl } from '../../channels/cards/site-url.ts'

describe('post text', () => {
  it('cuts a long summary at a word, with an ellipsis, to fit the platform limit with the link', () => {
    const url = 'https://faf.example.org/artikler/loen/'
    const summary = 'Forhandlerne blev enige natten til fredag om en ny overenskomst 🎉 med højere løn, '.repeat(10)
    const text = postText({ title: 'Ny overenskomst på plads', summary, url })
    expect(postLength(text.trimEnd())).toBeLessThanOrEqual(POST_TEXT_LIMIT)
    const [title, cut, link] = text.trimEnd().split('\n\n')
    expect([title, link]).toEqual(['Ny overenskomst på plads', url])
    expect(cut).toMatch(/[a-zæøå,🎉]…$/u)
    expect(summary.startsWith(cut.slice(0, -1))).toBe(true)
    expect(cut).not.toMatch(/\uFFFD|[\uD800-\uDBFF]…$/)
  })

  it('keeps a short post whole and strips control characters', () => {
    expect(postText({ title: 'Stem\u0007 nu', summary: 'Kort.', url: 'https://x.example/' })).toBe('Stem nu\n\nKort.\n\nhttps://x.example/\n')
  })

  it('builds page links per kind and locale', () => {
    expect(documentUrl('https://faf.example.org', 'article', 'ok26', 'da')).toBe('https://faf.example.org/artikler/ok26/')
    expect(documentUrl('https://faf.example.org/', 'article', 'ok26', 'sv')).toBe('https://faf.example.org/sv/artikler/ok26/')
    expect(documentUrl('https://faf.example.org', 'benefit', 'forsikring', 'da')).toBe('https://faf.example.org/fordele/forsikring/')
    expect(documentUrl('https://faf.example.org', 'campaign', 'stem', 'en')).toBe('https://faf.example.org/en/kampagner/stem/')
  })
})
