import { describe, expect, it } from 'vitest'
import {
  PLATFORM_POST_LIMITS,
  platformPostText,
  POST_TEXT_LIMIT,
  postLength,
  postText,
} from '../../channels/cards/post-text.ts'
import { documentUrl } from '../../channels/cards/site-url.ts'

describe('post text', () => {
  it('cuts a long summary at a word, with an ellipsis, to fit the platform limit with the link', () => {
    const url = 'https://faf.example.org/artikler/loen/'
    const summary =
      'Forhandlerne blev enige natten til fredag om en ny overenskomst 🎉 med højere løn, '.repeat(10)
    const text = postText({ title: 'Ny overenskomst på plads', summary, url })
    expect(postLength(text.trimEnd())).toBeLessThanOrEqual(POST_TEXT_LIMIT)
    const [title, cut, link] = text.trimEnd().split('\n\n')
    expect([title, link]).toEqual(['Ny overenskomst på plads', url])
    expect(cut).toMatch(/[a-zæøå,🎉]…$/u)
    expect(summary.startsWith(cut.slice(0, -1))).toBe(true)
    expect(cut).not.toMatch(/\uFFFD|[\uD800-\uDBFF]…$/)
  })

  it('keeps a short post whole and strips control characters', () => {
    expect(postText({ title: 'Stem\u0007 nu', summary: 'Kort.', url: 'https://x.example/' })).toBe(
      'Stem nu\n\nKort.\n\nhttps://x.example/\n',
    )
  })

  it('builds page links per kind and locale', () => {
    expect(documentUrl('https://faf.example.org', 'article', 'ok26', 'da')).toBe(
      'https://faf.example.org/artikler/ok26/',
    )
    expect(documentUrl('https://faf.example.org/', 'article', 'ok26', 'sv')).toBe(
      'https://faf.example.org/sv/artikler/ok26/',
    )
    expect(documentUrl('https://faf.example.org', 'benefit', 'forsikring', 'da')).toBe(
      'https://faf.example.org/fordele/forsikring/',
    )
    expect(documentUrl('https://faf.example.org', 'campaign', 'stem', 'en')).toBe(
      'https://faf.example.org/en/kampagner/stem/',
    )
  })

  it("keeps an editor's own post whole, paragraphs included, and adds the link", () => {
    const url = 'https://faf.example.org/kampagner/stem-ok26/'
    const post = platformPostText(
      'Stem om OK26 nu!\r\n\r\n\r\nAfstemningen\u0007 slutter fredag.',
      url,
      'facebook',
    )
    expect(post).toEqual({ text: `Stem om OK26 nu!\n\nAfstemningen slutter fredag.\n\n${url}\n`, cut: false })
    // A text that already has the link does not get it twice.
    expect(platformPostText(`Stem her: ${url}`, url, 'x')).toEqual({ text: `Stem her: ${url}\n`, cut: false })
  })

  it("cuts an editor's post at a word to each platform's own limit, link kept", () => {
    const url = 'https://faf.example.org/kampagner/stem-ok26/'
    const long = 'Din stemme afgør, om overenskomsten bliver vedtaget, så stem allerede i dag. '.repeat(100)
    for (const platform of ['x', 'instagram', 'linkedin'] as const) {
      const post = platformPostText(long, url, platform)
      expect(post.cut).toBe(true)
      expect(postLength(post.text.trimEnd())).toBeLessThanOrEqual(PLATFORM_POST_LIMITS[platform])
      expect(postLength(post.text.trimEnd())).toBeGreaterThan(PLATFORM_POST_LIMITS[platform] - 100)
      expect(post.text.trimEnd().endsWith(`…\n\n${url}`)).toBe(true)
    }
    // Facebook's limit is far above this text.
    expect(platformPostText(long, url, 'facebook').cut).toBe(false)
  })
})
