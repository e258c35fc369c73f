/**
 * Old paths in one canonical form (channels/shared/old-path.ts): what an editor or an import may give,
 * what is stored, and what is refused with a message saying why.
 */
import { describe, expect, it } from 'vitest'
import { decodedPath, normalizeOldPath, requestForms } from '../../channels/shared/old-path.ts'

const ok = (input: string) => {
  const result = normalizeOldPath(input)
  if ('error' in result) throw new Error(`${input}: ${result.error}`)
  return result.path
}
const error = (input: string) => {
  const result = normalizeOldPath(input)
  if (!('error' in result)) throw new Error(`${input} was accepted as ${result.path}`)
  return result.error
}

describe('normalizeOldPath', () => {
  it('keeps a WordPress permalink as it is', () => {
    expect(ok('/2018/11/03/ny-overenskomst/')).toBe('/2018/11/03/ny-overenskomst/')
  })

  it('gives a folder path its trailing slash, and trims spaces around it', () => {
    expect(ok('  /om-os/bestyrelsen ')).toBe('/om-os/bestyrelsen/')
  })

  it('keeps a file path (a dot in the last segment) without a slash', () => {
    expect(ok('/gammel/side.html')).toBe('/gammel/side.html')
    expect(ok('/index.php')).toBe('/index.php')
  })

  it('makes encoded and unencoded letters one path, with upper-case hex', () => {
    expect(ok('/løn-og-vilkår/')).toBe('/l%C3%B8n-og-vilk%C3%A5r/')
    expect(ok('/l%c3%b8n-og-vilk%C3%A5r')).toBe('/l%C3%B8n-og-vilk%C3%A5r/')
    expect(ok('/%6Fm-os/')).toBe('/om-os/')
    expect(ok('/med mellemrum/')).toBe('/med%20mellemrum/')
  })

  it('keeps the case of letters', () => {
    expect(ok('/Om-Os/')).toBe('/Om-Os/')
  })

  it('refuses what is not a path of this site, saying why', () => {
    expect(error('https://gammel.example.org/om-os/')).toMatch(/path only/)
    expect(error('//gammel.example.org/om-os/')).toMatch(/path only/)
    expect(error('om-os/')).toMatch(/must start with \//)
    expect(error('/?p=123')).toMatch(/query/)
    expect(error('/om-os/#bestyrelse')).toMatch(/fragment/)
    expect(error('/')).toMatch(/home page/)
    expect(error('')).toMatch(/empty/)
  })

  it('refuses paths that could climb out of the site folder or hide a file name', () => {
    expect(error('/a/../etc/passwd')).toMatch(/"\.\."/)
    expect(error('/a/%2e%2e/b/')).toMatch(/"\.\."/)
    expect(error('/a/%2F/b/')).toMatch(/encoded \//)
    expect(error('/a/%5C/b/')).toMatch(/encoded \//)
    expect(error('/a//b/')).toMatch(/empty segment/)
    expect(error('/a/%00/')).toMatch(/control/)
    expect(error('/a/%E0%A4%A/')).toMatch(/malformed/)
    expect(error(`/${'a'.repeat(2001)}/`)).toMatch(/longer than 2,000/)
  })

  it('gives the forms a browser asks for, and the decoded form for nginx and the disk', () => {
    expect(requestForms('/om-os/')).toEqual(['/om-os/', '/om-os'])
    expect(requestForms('/side.html')).toEqual(['/side.html'])
    expect(decodedPath('/l%C3%B8n/med%20mellemrum/')).toBe('/løn/med mellemrum/')
  })
})
