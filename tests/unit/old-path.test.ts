/**
 * Old paths in one canonical form (channels/shared/old-path.ts): what an editor or an import may give,
 * what is stored, and what is refused with a message saying why.
 */
import { describe, expect, it } from 'vitest'
import { decodedPath, normalizeOldPath, oldPathQuery, requestForms } from '../../channels/shared/old-path.ts'

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
    expect(error('/?p=1&utm_source=nyhedsbrev')).toMatch(/query must be one key=value pair/)
    expect(error('/om-os/#bestyrelse')).toMatch(/fragment/)
    expect(error('/')).toMatch(/home page/)
    expect(error('')).toMatch(/empty/)
  })

  it('keeps a query of one key=value pair: WordPress’s default permalinks', () => {
    expect(ok('/?p=123')).toBe('/?p=123')
    expect(ok(' /?page_id=45 ')).toBe('/?page_id=45')
    expect(ok('/index.php?p=123')).toBe('/index.php?p=123')
    expect(ok('/arkiv?cat=7')).toBe('/arkiv/?cat=7')
    expect(ok('/?tag=løn')).toBe('/?tag=l%C3%B8n')
    expect(ok('/?tag=l%c3%b8n')).toBe('/?tag=l%C3%B8n')
    expect(ok('/?s=ny+overenskomst')).toBe('/?s=ny%20overenskomst')
    expect(oldPathQuery('/index.php?tag=l%C3%B8n')).toEqual({
      path: '/index.php',
      key: 'tag',
      value: 'l%C3%B8n',
      decodedValue: 'løn',
    })
    expect(oldPathQuery('/om-os/')).toBeNull()
  })

  it('refuses any other query, saying what a query may be', () => {
    for (const input of [
      '/?',
      '/?p',
      '/?p=',
      '/?=5',
      '/?p=1&p=2',
      '/?p=1;x=2',
      '/?p=1=2',
      '/?side-id=4',
      '/?p[]=4',
    ])
      expect(error(input)).toBe(
        `"${input}": a query must be one key=value pair, such as /?p=123 or /?page_id=45`,
      )
    expect(error('/?p=%E0%A4%A')).toMatch(/malformed/)
    expect(error('/?p=%0A')).toMatch(/control/)
    expect(error('/a/../?p=1')).toMatch(/"\.\."/)
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
