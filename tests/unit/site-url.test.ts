import { describe, expect, it } from 'vitest'
import { documentUrl as cardDocumentUrl } from '../../channels/cards/site-url.ts'
import { absoluteSiteUrl, sitePagePath } from '../../channels/newsletter/site-urls.ts'
import { absoluteUrl, documentLinkPath, documentUrl } from '../../channels/shared/site-url.ts'

describe('site URLs', () => {
  it('joins the site URL and a path with exactly one slash', () => {
    expect(absoluteUrl('https://budstikke.example', '/artikler/ok26/')).toBe(
      'https://budstikke.example/artikler/ok26/',
    )
    expect(absoluteUrl('https://budstikke.example/', '/artikler/ok26/')).toBe(
      'https://budstikke.example/artikler/ok26/',
    )
    expect(absoluteUrl('https://budstikke.example//', 'om/')).toBe('https://budstikke.example/om/')
  })

  it('passes absolute URLs through and gives protocol-relative ones https', () => {
    expect(absoluteUrl('https://budstikke.example', 'mailto:kontakt@fagforening.example')).toBe(
      'mailto:kontakt@fagforening.example',
    )
    expect(absoluteUrl('https://budstikke.example', 'https://partner.example/x')).toBe(
      'https://partner.example/x',
    )
    expect(absoluteUrl('https://budstikke.example', '//cdn.example/a.png')).toBe('https://cdn.example/a.png')
  })

  it('encodes a slug once, in the site layout (Danish at the root)', () => {
    expect(documentLinkPath('articles', 'da', 'ok26')).toBe('/artikler/ok26/')
    expect(documentLinkPath('benefits', 'sv', 'rabatt på böcker')).toBe(
      '/sv/fordele/rabatt%20p%C3%A5%20b%C3%B6cker/',
    )
    expect(documentUrl('https://budstikke.example/', 'campaigns', 'nb', 'verv')).toBe(
      'https://budstikke.example/nb/kampagner/verv/',
    )
  })

  it('is what newsletters and cards link by', () => {
    expect(cardDocumentUrl('https://budstikke.example', 'benefit', 'rabatt på böcker', 'sv')).toBe(
      documentUrl('https://budstikke.example', 'benefits', 'sv', 'rabatt på böcker'),
    )
    expect(sitePagePath('articles', 'en', 'a b')).toBe(documentLinkPath('articles', 'en', 'a b'))
    expect(absoluteSiteUrl({ siteUrl: 'https://budstikke.example/' }, '/om/')).toBe(
      'https://budstikke.example/om/',
    )
  })
})
