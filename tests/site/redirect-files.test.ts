/**
 * The redirect files without Astro: from a snapshot with old paths and editors' redirects, the site
 * folder gets `_redirects`, the nginx map and a redirect page at each old path; what would hide a page,
 * repeat a path, loop, chain, or lead to something unpublished is left out with a warning naming it,
 * and a page already in the site folder is never overwritten.
 */
import { readFileSync } from 'node:fs'
import { Script } from 'node:vm'
import { link, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeRedirectFiles, type RedirectFilesResult } from '../../channels/site/redirect-files.ts'
import { buildSiteModel } from '../../channels/site/site-model.ts'
import { parseSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { BUILD_DATE, fixtureFile } from './fixtures/bad-snapshot.ts'
import { htmlValidateProblems } from './html-check.ts'
import { EXPECTED, EXPECTED_QUERY, HIDDEN, withOldAddresses } from './fixtures/redirect-snapshot.ts'

const snapshot = withOldAddresses(parseSnapshot(JSON.parse(readFileSync(fixtureFile, 'utf8'))))
const model = buildSiteModel(snapshot, { buildDate: BUILD_DATE, mediaExists: () => true })
const REAL_PAGE = '<!doctype html><title>Den rigtige artikel</title>'
let siteDir: string
let result: RedirectFilesResult

beforeAll(async () => {
  siteDir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-redirects-'))
  // A page of the site that no old path may replace (the model knows it too), and a file only on disk.
  await mkdir(path.join(siteDir, 'artikler/ok26-afstemning'), { recursive: true })
  await writeFile(path.join(siteDir, 'artikler/ok26-afstemning/index.html'), REAL_PAGE)
  await writeFile(path.join(siteDir, 'robots.txt'), 'User-agent: *\n')
  result = await writeRedirectFiles(siteDir, snapshot, model)
})

afterAll(async () => {
  await rm(siteDir, { recursive: true, force: true })
})

const read = (file: string) => readFile(path.join(siteDir, file), 'utf8')

describe('_redirects (Netlify, Cloudflare Pages)', () => {
  it('has one 301 rule per request form of every written redirect, and nothing else', async () => {
    const rules = (await read('_redirects')).split('\n').filter((line) => line && !line.startsWith('#'))
    const expected = Object.entries(EXPECTED).flatMap(([from, to]) =>
      from.endsWith('/') ? [`${from} ${to} 301`, `${from.slice(0, -1)} ${to} 301`] : [`${from} ${to} 301`],
    )
    // An old address with a query is Netlify's query match, forced: `/` is a page that would shadow it.
    const queries = [
      '/ p=123 /artikler/ok26-afstemning/ 301!',
      '/gammel.php p=124 /sv/artikler/ok26-omrostning/ 301!',
      '/ page_id=45 /fordele/indboforsikring/ 301!',
      '/ cat=7 /emner/overenskomst/ 301!',
      '/ tag=l%C3%B8n /fordele/indboforsikring/ 301!',
    ]
    expect(rules.sort()).toEqual([...expected, ...queries].sort())
    expect(result.redirects).toBe(Object.keys(EXPECTED).length + Object.keys(EXPECTED_QUERY).length)
  })
})

describe('redirects.nginx.conf', () => {
  it('is a map of decoded paths ($uri) to the new address, with how to use it', async () => {
    const text = await read('redirects.nginx.conf')
    expect(text).toMatch(/^map \$uri \$budstikke_redirect \{$/m)
    expect(text).toContain('if ($budstikke_redirect) { return 301 $budstikke_redirect; }')
    expect(text).toContain('    "/løn/ok26/" "/artikler/ok26-afstemning/";')
    expect(text).toContain('    "/løn/ok26" "/artikler/ok26-afstemning/";')
    expect(text).toContain('    "/ekstern/" "https://example.org/ny-side/";')
    const entries = text.split('\n').filter((line) => /^ {4}"/.test(line))
    expect(entries).toHaveLength(
      (await read('_redirects')).split('\n').filter((l) => / 301!?$/.test(l)).length,
    )
    // Balanced braces and every entry ends with a semicolon: a file nginx can read.
    expect(text.match(/\{/g)?.length).toBe(text.match(/\}/g)?.length)
    expect(text.split('\n').filter((line) => /^ {4}/.test(line) && !line.endsWith(';'))).toEqual([])
  })

  it('answers an old address with a query through the same variable, one chained map per query key', async () => {
    const text = await read('redirects.nginx.conf')
    // The path map's default falls through to the query maps, so `if ($budstikke_redirect)` covers both.
    expect(text).toMatch(/^map \$uri \$budstikke_redirect \{\n {4}default \$budstikke_query_redirect_cat;$/m)
    expect(text).toContain(
      [
        'map "$uri?cat=$arg_cat" $budstikke_query_redirect_cat {',
        '    default $budstikke_query_redirect_p;',
        '    "/?cat=7" "/emner/overenskomst/";',
        '}',
      ].join('\n'),
    )
    expect(text).toContain(
      'map "$uri?p=$arg_p" $budstikke_query_redirect_p {\n    default $budstikke_query_redirect_page_id;',
    )
    expect(text).toContain('    "/?p=123" "/artikler/ok26-afstemning/";')
    expect(text).toContain('    "/gammel.php?p=124" "/sv/artikler/ok26-omrostning/";')
    expect(text).toContain('map "$uri?tag=$arg_tag" $budstikke_query_redirect_tag {\n    default "";')
    expect(text).toContain('    "/?tag=l%C3%B8n" "/fordele/indboforsikring/";')
  })
})

describe('query-redirects.js (hosts that read neither file)', () => {
  it('maps each old query address, as the browser decodes it, to its new address', async () => {
    const script = await read('query-redirects.js')
    const map = JSON.parse(/var map = (\{[\s\S]*?\n\})/.exec(script)![1]) as Record<string, string>
    expect(map).toEqual({
      '/?p=123': '/artikler/ok26-afstemning/',
      '/gammel.php?p=124': '/sv/artikler/ok26-omrostning/',
      '/?page_id=45': '/fordele/indboforsikring/',
      '/?cat=7': '/emner/overenskomst/',
      '/?tag=løn': '/fordele/indboforsikring/',
    })
    expect(script).toContain('location.replace(')
    // It is a script a browser can parse (the map's text is JSON, so no address breaks out of it).
    expect(() => new Script(script)).not.toThrow()
  })

  it('is not written when no old address has a query', async () => {
    const plain = structuredClone(snapshot)
    for (const doc of [...plain.articles, ...plain.benefits])
      doc.oldPaths = doc.oldPaths.filter((oldPath) => !oldPath.includes('?'))
    plain.redirects = plain.redirects.filter((redirect) => !redirect.from.includes('?'))
    const plainModel = buildSiteModel(plain, { buildDate: BUILD_DATE, mediaExists: () => true })
    expect(plainModel.queryRedirects).toBe(false)
    expect(model.queryRedirects).toBe(true)
    const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-redirects-plain-'))
    await writeFile(path.join(dir, 'query-redirects.js'), '// from the previous publish\n')
    await writeRedirectFiles(dir, plain, plainModel)
    await expect(readFile(path.join(dir, 'query-redirects.js'))).rejects.toThrow(/ENOENT/)
    expect(await readFile(path.join(dir, 'redirects.nginx.conf'), 'utf8')).toMatch(
      /^map \$uri \$budstikke_redirect \{\n {4}default "";$/m,
    )
    await rm(dir, { recursive: true, force: true })
  })

  it("never writes through a hard link into the previous output's files", async () => {
    // An incremental publish carries the previous output over as hard links, these files included.
    const next = await mkdtemp(path.join(os.tmpdir(), 'budstikke-redirects-linked-'))
    const old = '# from the previous publish\n'
    for (const file of ['_redirects', 'redirects.nginx.conf', 'query-redirects.js']) {
      await writeFile(path.join(next, `${file}.previous`), old)
      await link(path.join(next, `${file}.previous`), path.join(next, file))
    }
    await writeRedirectFiles(next, snapshot, model)
    for (const file of ['_redirects', 'redirects.nginx.conf', 'query-redirects.js']) {
      expect(await readFile(path.join(next, `${file}.previous`), 'utf8')).toBe(old)
      expect(await readFile(path.join(next, file), 'utf8')).toBe(await read(file))
    }
    await rm(next, { recursive: true, force: true })
  })
})

describe('redirect pages', () => {
  it('writes a page at each old folder path and .html path, leading to the new address', async () => {
    const page = await read('2018/11/03/ok26-afstemning/index.html')
    expect(page).toContain('<meta http-equiv="refresh" content="0; url=/artikler/ok26-afstemning/">')
    expect(page).toContain('<link rel="canonical" href="https://faf.example.org/artikler/ok26-afstemning/">')
    expect(page).toContain('<meta name="robots" content="noindex">')
    expect(page).toMatch(/<a href="\/artikler\/ok26-afstemning\/">Stem om OK26: sådan gør du<\/a>/)
    expect(await read('løn/ok26/index.html')).toContain('url=/artikler/ok26-afstemning/')
    expect(await read('gammel/ok26.html')).toContain('url=/artikler/ok26-afstemning/')
    expect(await read('sv/2018/11/03/ok26-omrostning/index.html')).toMatch(
      /<html lang="sv">[\s\S]*url=\/sv\/artikler\/ok26-omrostning\//,
    )
    expect(await read('ekstern/index.html')).toContain('url=https://example.org/ny-side/')
    // A .php path is no HTML file to write: it is in the rules only.
    await expect(read('index.php')).rejects.toThrow(/ENOENT/)
    expect(result.pages).toBe(Object.keys(EXPECTED).length - 1)
  })

  it('are valid HTML (html-validate with the standard, accessibility and document presets)', async () => {
    const pages = ['2018/11/03/ok26-afstemning/index.html', 'gammel/ok26.html', 'ekstern/index.html']
    expect(await htmlValidateProblems(pages.map((page) => path.join(siteDir, page)))).toEqual([])
  })

  it('never overwrites a page of the site', async () => {
    expect(await read('artikler/ok26-afstemning/index.html')).toBe(REAL_PAGE)
    expect(await read('robots.txt')).toBe('User-agent: *\n')
  })

  it('writes nothing for the old path of a document that is not published yet', async () => {
    for (const hidden of HIDDEN) {
      await expect(read(`${hidden.slice(1)}index.html`)).rejects.toThrow(/ENOENT/)
      expect(await read('_redirects')).not.toContain(hidden)
    }
  })
})

describe('warnings', () => {
  it('names each redirect left out and why', () => {
    const byDocument = Object.fromEntries(result.warnings.map((w) => [`${w.document} ${w.field}`, w.message]))
    expect(byDocument).toMatchObject({
      'redirects/3 to': expect.stringMatching(/^\/a\/: it makes a loop: \/a\/ → \/b\/ → \/a\/.*; left out$/),
      'redirects/4 to': expect.stringMatching(/loop/),
      'redirects/5 to': expect.stringMatching(
        /\/kaede\/: it leads to \/medlemsfordele\/indbo\/, which benefits\/indboforsikring \(da\) redirects on to \/fordele\/indboforsikring\/ \(a chain\)/,
      ),
      'redirects/6 from': '/fordele/ is a page of the site; a redirect would hide it; left out',
      'redirects/7 to': expect.stringMatching(/articles\/findes-ikke is not published/),
      'redirects/9 from': expect.stringMatching(/\/media\/gammel\/ is a folder of the site's own files/),
    })
    expect(byDocument['articles/loen-stiger-2026 (da) oldPaths']).toBe(
      '/artikler/ok26-afstemning/ is a page of the site; a redirect would hide it; left out',
    )
    expect(byDocument['campaigns/stem-ok26 (da) oldPaths']).toBe(
      '/2018/11/03/ok26-afstemning/ is already redirected by articles/ok26-afstemning (da); left out',
    )
    expect(result.warnings).toHaveLength(8)
  })
})
