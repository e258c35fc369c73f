/** BUDSTIKKE_ADMIN_URL as an operator writes it: a full address becomes its origin; a wrong value is named. */
import { describe, expect, it } from 'vitest'
import { adminOrigin } from '../../cms/lib/trusted-origins.ts'

describe('BUDSTIKKE_ADMIN_URL', () => {
  it('defaults to the address `npm run cms` serves', () => {
    expect(adminOrigin(undefined)).toBe('http://localhost:3000')
    expect(adminOrigin('  ')).toBe('http://localhost:3000')
  })

  it('keeps only the origin of a full address (a browser sends no path in Origin)', () => {
    expect(adminOrigin('https://CMS.Fagforbundet.example/admin/')).toBe('https://cms.fagforbundet.example')
    expect(adminOrigin('http://redaktion.example:8080')).toBe('http://redaktion.example:8080')
  })

  it('refuses what is not an http(s) address, naming the setting', () => {
    expect(() => adminOrigin('cms.example.org')).toThrow(
      'BUDSTIKKE_ADMIN_URL: "cms.example.org" is not an http(s) URL (e.g. https://cms.example.org)',
    )
    expect(() => adminOrigin('ftp://cms.example.org')).toThrow(
      /BUDSTIKKE_ADMIN_URL: .* is not an http\(s\) URL/,
    )
  })
})
