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

describe('chainProblem through old query addresses (WordPress’s /?p=123)', () => {
  const site = 'https://faf.example.org'
  /** As `check`, but destinations are read as the CMS and publish read them. */
  function checkUrls(redirects: Record<string, string>, from: string): string | null {
    const hop = (to: string) => ({ to, sitePath: sitePathOfTarget(to, site) })
    return chainProblem(
      from,
      redirects[from] ? sitePathOfTarget(redirects[from], site) : null,
      (at) => (redirects[at] ? hop(redirects[at]) : undefined),
      (at) => `redirect ${at}`,
    )
  }

  it('refuses a redirect onto a query address that redirects on', () => {
    expect(checkUrls({ '/a/': '/?p=123', '/?p=123': '/artikler/x/' }, '/a/')).toBe(
      'it leads to /?p=123, which redirect /?p=123 redirects on to /artikler/x/ (a chain): let it lead to the final address instead',
    )
    expect(checkUrls({ '/a/': 'https://faf.example.org/?p=123', '/?p=123': '/artikler/x/' }, '/a/')).toMatch(
      /which redirect \/\?p=123 redirects on to \/artikler\/x\/ \(a chain\)/,
    )
  })

  it('refuses a redirect from a query address into another redirect, and onto itself', () => {
    expect(checkUrls({ '/?p=123': '/b/', '/b/': '/artikler/x/' }, '/?p=123')).toMatch(
      /it leads to \/b\/, which redirect \/b\/ redirects on/,
    )
    expect(checkUrls({ '/?p=123': '/?p=123#top' }, '/?p=123')).toBe('it leads to itself (/?p=123)')
  })

  it('refuses a loop through query addresses', () => {
    expect(checkUrls({ '/?p=1': '/?p=2', '/?p=2': 'https://faf.example.org/?p=1' }, '/?p=1')).toMatch(
      /^it makes a loop: \/\?p=1 → \/\?p=2 → \/\?p=1/,
    )
    expect(checkUrls({ '/a/': '/?page_id=4', '/?page_id=4': '/a/' }, '/a/')).toMatch(
      /^it makes a loop: \/a\/ → \/\?page_id=4 → \/a\//,
    )
  })

  it('still sees the path’s own redirect behind a query it does not match', () => {
    // A path's redirect applies whatever the query: /b/?x=1 is sent on by the redirect at /b/.
    expect(checkUrls({ '/a/': '/b/?x=1', '/b/': '/artikler/x/' }, '/a/')).toMatch(
      /it leads to \/b\/\?x=1, which redirect \/b\/ redirects on to \/artikler\/x\/ \(a chain\)/,
    )
    expect(checkUrls({ '/b/': '/b/?x=1' }, '/b/')).toBe('it leads to itself (/b/)')
    // Every host matches one pair of a longer query: /?utm_source=x&p=123 is sent on by /?p=123.
    expect(checkUrls({ '/a/': '/?utm_source=x&p=123', '/?p=123': '/artikler/x/' }, '/a/')).toMatch(
      /it leads to \/\?utm_source=x&p=123, which redirect \/\?p=123 redirects on/,
    )
    expect(checkUrls({ '/?p=1': '/?p=1&utm_source=x' }, '/?p=1')).toBe('it leads to itself (/?p=1)')
    expect(checkUrls({ '/a/': '/?p=9', '/?p=8': '/artikler/x/' }, '/a/')).toBeNull()
  })
})

describe('sitePathOfTarget', () => {
  const site = 'https://faf.example.org'
  it('reads a path or an address on the site as its canonical path, ignoring what no redirect can match', () => {
    expect(sitePathOfTarget('/b', site)).toBe('/b/')
    expect(sitePathOfTarget('https://faf.example.org/l%c3%b8n/?x#y', site)).toBe('/l%C3%B8n/')
    expect(sitePathOfTarget('https://faf.example.org', site)).toBe('/')
  })
  it('keeps the query’s key=value pairs, as an old address may have one of them (/?p=123)', () => {
    expect(sitePathOfTarget('/?p=123', site)).toBe('/?p=123')
    expect(sitePathOfTarget('https://faf.example.org/?page_id=45#top', site)).toBe('/?page_id=45')
    expect(sitePathOfTarget('https://faf.example.org/l%c3%b8n/?x=1#y', site)).toBe('/l%C3%B8n/?x=1')
    expect(sitePathOfTarget('/?p=123&utm_source=nyhedsbrev&x', site)).toBe('/?p=123&utm_source=nyhedsbrev')
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
