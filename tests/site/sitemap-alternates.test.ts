import { describe, expect, it } from 'vitest'
import { alternatesInHtml, builtPageFile } from '../../site/build/sitemap-alternates.ts'

describe('sitemap alternates from a built page', () => {
  it("reads the page's hreflang links, x-default included, and ignores feeds", () => {
    const html = `<head>
      <link rel="alternate" hreflang="da" href="https://x.example/artikler/a/">
      <link rel="alternate" hreflang="sv" href="https://x.example/sv/artikler/b/?q=1&amp;r=2">
      <link rel="alternate" hreflang="x-default" href="https://x.example/artikler/a/">
      <link rel="alternate" type="application/rss+xml" title="Feed" href="/rss.xml">
      <link rel="canonical" href="https://x.example/artikler/a/"></head>`
    expect(alternatesInHtml(html)).toEqual([
      { lang: 'da', url: 'https://x.example/artikler/a/' },
      { lang: 'sv', url: 'https://x.example/sv/artikler/b/?q=1&r=2' },
      { lang: 'x-default', url: 'https://x.example/artikler/a/' },
    ])
  })

  it('gives none for a page in one language', () => {
    expect(
      alternatesInHtml(
        '<link rel="alternate" hreflang="da" href="/a/"><link rel="alternate" hreflang="x-default" href="/a/">',
      ),
    ).toEqual([])
  })

  it('finds the built file of a URL, encoded letters decoded', () => {
    expect(builtPageFile('/out', 'https://x.example/sv/artikler/l%C3%B6n/')).toBe(
      '/out/sv/artikler/lön/index.html',
    )
    expect(builtPageFile('/out', 'https://x.example/')).toBe('/out/index.html')
  })
})
