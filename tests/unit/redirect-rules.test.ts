/** The redirect rules the CMS and publish share: chains and loops, destinations, reserved folders. */
import { describe, expect, it } from 'vitest'
import {
  chainProblem,
  inReservedFolder,
  redirectUrlProblem,
  sitePathOfTarget,
} from '../../channels/site/redirect-rules.ts'

/** Redirects as from → destination path; `next` follows them as the CMS and publish do. */
function check(redirects: Record<string, string>, from: string): string | null {
  const site = (to: string) => (to.startsWith('/') ? to : null)
  return chainProblem(
    from,
    site(redirects[from] ?? ''),
    (at) => (redirects[at] ? { to: redirects[at], sitePath: site(redirects[at]) } : undefined),
    (at) => `redirect ${at}`,
  )
}

describe('chainProblem', () => {
  it('accepts a redirect that leads straight to its destination', () => {
    expect(check({ '/a/': '/artikler/x/' }, '/a/')).toBeNull()
    expect(check({ '/a/': '/c/', '/b/': '/c/' }, '/a/')).toBeNull()
  })

  it('refuses a redirect onto itself', () => {
    expect(check({ '/a/': '/a/' }, '/a/')).toBe('it leads to itself (/a/)')
  })

  it('refuses a loop of two and of three, naming the way round', () => {
    expect(check({ '/a/': '/b/', '/b/': '/a/' }, '/a/')).toMatch(/^it makes a loop: \/a\/ → \/b\/ → \/a\//)
    expect(check({ '/a/': '/b/', '/b/': '/c/', '/c/': '/a/' }, '/a/')).toMatch(
      /^it makes a loop: \/a\/ → \/b\/ → \/c\/ → \/a\//,
    )
  })

  it('refuses a chain, and ends even when the chain runs into a loop it is not part of', () => {
    expect(check({ '/a/': '/b/', '/b/': '/c/' }, '/a/')).toMatch(
      /it leads to \/b\/, which redirect \/b\/ redirects on to \/c\/ \(a chain\)/,
    )
    expect(check({ '/a/': '/b/', '/b/': '/c/', '/c/': '/b/' }, '/a/')).toMatch(/loop/)
    // A chain that leaves the site after one hop is still a chain.
    expect(check({ '/a/': '/b/', '/b/': 'https://example.org/' }, '/a/')).toMatch(
      /it leads to \/b\/, which redirect \/b\/ redirects on to https:\/\/example\.org\/ \(a chain\)/,
    )
  })
})

describe('sitePathOfTarget', () => {
  const site = 'https://faf.example.org'
  it('reads a path or an address on the site as its canonical path, ignoring the query', () => {
    expect(sitePathOfTarget('/b', site)).toBe('/b/')
    expect(sitePathOfTarget('https://faf.example.org/l%c3%b8n/?x=1#y', site)).toBe('/l%C3%B8n/')
    expect(sitePathOfTarget('https://faf.example.org', site)).toBe('/')
  })
  it('gives null for another site', () => {
    expect(sitePathOfTarget('https://example.org/b/', site)).toBeNull()
    expect(sitePathOfTarget('//faf.example.org/b/', site)).toBeNull()
  })
})

describe('redirectUrlProblem', () => {
  it('accepts web addresses and site paths', () => {
    expect(redirectUrlProblem('https://example.org/ny-side/')).toBeNull()
    expect(redirectUrlProblem('/artikler/x/')).toBeNull()
  })
  it('refuses script, mail, phone and protocol-relative addresses, and spaces', () => {
    for (const url of [
      'javascript:alert(1)',
      'mailto:a@example.org',
      'tel:+4570000000',
      '//evil.example/',
      '#top',
    ])
      expect(redirectUrlProblem(url)).toMatch(/cannot be a redirect's destination/)
    expect(redirectUrlProblem('https://example.org/a b/')).toMatch(/spaces/)
  })
})

describe('inReservedFolder', () => {
  it('keeps the folders of the site’s own files out of reach', () => {
    expect(inReservedFolder('/media/hero.jpg')).toBe(true)
    expect(inReservedFolder('/pagefind/x/')).toBe(true)
    expect(inReservedFolder('/mediafiler/')).toBe(false)
  })
})
