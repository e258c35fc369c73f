import { describe, expect, it } from 'vitest'
import { safeLink } from '../../channels/shared/safe-link.ts'

describe('safeLink: the one rule for which targets become links (site, export, import)', () => {
  it('keeps web, mail and phone addresses and paths on the site', () => {
    for (const href of [
      'https://hk.example/løn',
      'http://a.example',
      'mailto:post@forbund.example',
      'tel:+4570112233',
      '/arkiv/',
      '#svar',
    ])
      expect(safeLink(` ${href} `)).toBe(href)
  })

  it('turns script, data and protocol-relative targets into text', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:x',
      '//evil.example/x',
      'https:evil',
      'tel:abc',
      '',
    ])
      expect(safeLink(href)).toBeNull()
  })
})
