import { describe, expect, it } from 'vitest'
import { escapeHtml, neutralisePlainText, encodeUrlForOutput } from '../../channels/newsletter/escape.ts'
import {
  allMergePatterns,
  personaliseHtml,
  sentinel,
  applyMergeSyntax,
  mergeSyntaxNames,
} from '../../channels/newsletter/merge-syntax.ts'
import { sitePagePath, parseUtm, withUtm } from '../../channels/newsletter/site-urls.ts'

const lookAlikes = [
  '*|FNAME|*',
  '*|UNSUB|*',
  '{{first_name}}',
  '{{ .Subscriber.FirstName }}',
  '{{{triple}}}',
  '{% if member %}',
  '*|IF:X|*',
  '|*|*|',
]

describe('merge-tag look-alikes typed by an editor', () => {
  it.each(lookAlikes)('%s matches no mail service pattern once escaped for HTML or text', (typed) => {
    for (const pattern of allMergePatterns) {
      expect(escapeHtml(`a ${typed} b`).match(pattern)).toBeNull()
      expect(neutralisePlainText(`a ${typed} b`).match(pattern)).toBeNull()
      expect(encodeUrlForOutput(`https://x.example/?q=${typed}`).match(pattern)).toBeNull()
    }
    // A reader still sees the same characters.
    expect(neutralisePlainText(typed).replace(/\u2060/g, '')).toBe(typed)
  })

  it('percent-encodes characters that could end a header value or an attribute', () => {
    expect(encodeUrlForOutput('https://x.example/a b?<c>"d"\n')).toBe(
      'https://x.example/a%20b?%3Cc%3E%22d%22%0A',
    )
  })

  it('escapes markup and drops control characters and our own sentinels', () => {
    expect(escapeHtml('<script>alert("x")</script> & \u0007')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ',
    )
    expect(escapeHtml(`x ${sentinel('first_name')} y`)).not.toContain('\uE000')
    expect(neutralisePlainText(`x ${sentinel('member_id')} y`)).not.toContain('\uE000')
  })
})

describe('personalised copies from one compiled edition', () => {
  const compiled = `<p>Hej ${sentinel('first_name')},</p><a href="https://x.example/afmeld?m=${sentinel('member_id')}">af</a><p>${sentinel('member_number')}</p>`
  const fallbacks = { first_name: 'medlem' }

  it('fills each field escaped for its place', () => {
    const copy = personaliseHtml(
      compiled,
      { first_name: '<b>Åse</b> *|FNAME|*', member_number: '12 345', member_id: 'a&b c' },
      fallbacks,
      escapeHtml,
    )
    expect(copy).toBe(
      '<p>Hej &lt;b&gt;Åse&lt;/b&gt; *&#124;FNAME&#124;*,</p><a href="https://x.example/afmeld?m=a%26b%20c">af</a><p>12 345</p>',
    )
  })

  it('uses the fallback for an empty first name', () => {
    expect(
      personaliseHtml(
        compiled,
        { first_name: '', member_number: '1', member_id: '1' },
        fallbacks,
        escapeHtml,
      ),
    ).toContain('Hej medlem,')
  })

  it.each(mergeSyntaxNames)('leaves no sentinel behind in %s syntax', (syntax) => {
    const out = applyMergeSyntax(compiled, syntax, fallbacks, escapeHtml)
    expect(out).not.toMatch(/[\uE000\uE001]/)
  })
})

describe('site links', () => {
  it('follows the site layout: da at the root, other locales under their code', () => {
    expect(sitePagePath('articles', 'da', 'ok26')).toBe('/artikler/ok26/')
    expect(sitePagePath('articles', 'sv', 'ok26-sv')).toBe('/sv/artikler/ok26-sv/')
    expect(sitePagePath('benefits', 'da', 'forsikring')).toBe('/fordele/forsikring/')
    expect(sitePagePath('campaigns', 'da', 'stem')).toBe('/kampagner/stem/')
  })

  it('parses --utm with or without the utm_ prefix and tags only own-site links', () => {
    const utm = parseUtm('utm_source=budstikke&medium=email')
    expect(utm).toEqual({ source: 'budstikke', medium: 'email', campaign: undefined })
    expect(withUtm('https://faf.example.org/a/', 'https://faf.example.org', utm, 'marts')).toBe(
      'https://faf.example.org/a/?utm_source=budstikke&utm_medium=email&utm_campaign=marts',
    )
    expect(withUtm('https://partner.example/a/', 'https://faf.example.org', utm, 'marts')).toBe(
      'https://partner.example/a/',
    )
  })
})
