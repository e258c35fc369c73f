/**
 * Site pages and the editors' navigation in a real Astro build: each page at its ancestors' path per
 * locale, with hreflang, in the sitemap and the search index and in no feed; the header and footer from
 * the Navigation (the site's own where a locale has none); an entry whose target has no page is left
 * out with a warning naming it, as is a page below a page that is not out yet.
 */
import { existsSync, readFileSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { buildSite, projectRoot, type BuildSiteResult } from '../../channels/site/build-site.ts'
import { BUILD_DATE } from './fixtures/bad-snapshot.ts'
import { makePagesSnapshot, PAGE_ONLY_WORD } from './fixtures/pages-snapshot.ts'
import { brokenInternalReferences, listFiles } from './output-check.ts'
import { htmlProblems, htmlValidateProblems } from './html-check.ts'

const tmp = path.join(projectRoot, '.tmp/site/test-pages')
const site = path.join(tmp, 'site')
const SITE_URL = 'https://faf.example.org'
let result: BuildSiteResult

const html = (p: string) => readFile(path.join(site, p, 'index.html'), 'utf8')
const headerNav = (page: string) => page.match(/<header class="site">[\s\S]*?<\/header>/)?.[0] ?? ''
const footer = (page: string) => page.match(/<footer class="site">[\s\S]*?<\/footer>/)?.[0] ?? ''
const links = (part: string) =>
  [...part.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => [m[1], m[2]])

beforeAll(async () => {
  await rm(tmp, { recursive: true, force: true })
  const file = await makePagesSnapshot(path.join(tmp, 'snapshot'))
  result = await buildSite({
    loaded: await readSnapshot(file),
    snapshotFile: file,
    siteDir: site,
    buildDate: BUILD_DATE,
  })
})

describe('site pages', () => {
  it('are rendered per locale at their ancestors’ path, with hreflang and a list of their subpages', async () => {
    const da = await html('om-forbundet')
    expect(da).toContain('<html lang="da"')
    expect(da).toContain('<h1>Om forbundet</h1>')
    expect(da).toContain(`Forbundet blev stiftet på ${PAGE_ONLY_WORD} i Esbjerg.`)
    expect(da).toContain(`<link rel="alternate" hreflang="sv" href="${SITE_URL}/sv/om-forbundet-sv/">`)
    expect(da).toContain(`<link rel="canonical" href="${SITE_URL}/om-forbundet/">`)
    // Subpages in their order (Styrelsen 1, Vedtægter 2).
    const subpages = da.match(/<nav aria-label="Undersider">[\s\S]*?<\/nav>/)?.[0] ?? ''
    expect(links(subpages)).toEqual([
      ['/om-forbundet/styrelsen/', 'Styrelsen'],
      ['/om-forbundet/vedtaegter/', 'Vedtægter'],
    ])
    const sv = await html('sv/om-forbundet-sv')
    expect(sv).toContain('<html lang="sv"')
    expect(sv).toContain('<h1>Om förbundet</h1>')
    expect(sv).toContain(`<link rel="alternate" hreflang="da" href="${SITE_URL}/om-forbundet/">`)
    expect(await html('sv/om-forbundet-sv/stadgar')).toContain('<h1>Stadgar</h1>')
    expect(await html('om-forbundet/vedtaegter')).toContain('<h1>Vedtægter</h1>')
    // Only in Danish: no Swedish page of it.
    expect(existsSync(path.join(site, 'sv/om-forbundet-sv/styrelsen'))).toBe(false)
  })

  it('are described by their summary, else by the start of their text', async () => {
    const description = (page: string) => page.match(/<meta name="description" content="([^"]*)">/)?.[1]
    expect(description(await html('om-forbundet'))).toBe('Hvem vi er, og hvad vi arbejder for.')
    expect(description(await html('sv/om-forbundet-sv'))).toBe('Förbundet grundades i Esbjerg.')
  })

  it('leave out a page not yet due and the page below it, and say why', () => {
    expect(existsSync(path.join(site, 'senere'))).toBe(false)
    expect(result.warnings).toContainEqual({
      document: 'pages/under-senere (da)',
      field: 'parent',
      message: 'parent page "senere" is not on the site; this page gets no page either',
    })
  })

  it('are in the sitemap with their alternates, and in no feed', async () => {
    const sitemap = await readFile(path.join(site, 'sitemap-0.xml'), 'utf8')
    const entry = (loc: string) => sitemap.split('<url>').find((u) => u.includes(`<loc>${loc}</loc>`)) ?? ''
    expect(entry(`${SITE_URL}/om-forbundet/`)).toContain(
      `<xhtml:link rel="alternate" hreflang="sv" href="${SITE_URL}/sv/om-forbundet-sv/"/>`,
    )
    expect(entry(`${SITE_URL}/sv/om-forbundet-sv/stadgar/`)).toContain(
      `<xhtml:link rel="alternate" hreflang="da" href="${SITE_URL}/om-forbundet/vedtaegter/"/>`,
    )
    expect(entry(`${SITE_URL}/om-forbundet/styrelsen/`)).toContain('<loc>')
    expect(sitemap).not.toContain('/senere/')
    const feeds = (await listFiles(site)).filter(
      (f) => f.endsWith('.xml') && !path.basename(f).startsWith('sitemap'),
    )
    expect(feeds.length).toBeGreaterThan(3)
    for (const feed of feeds) {
      const xml = await readFile(feed, 'utf8')
      expect(xml).not.toContain('om-forbundet')
      expect(xml).not.toContain(PAGE_ONLY_WORD)
    }
  })

  it('are in the search index', async () => {
    const fragments = (await listFiles(path.join(site, 'pagefind'))).filter((f) => f.endsWith('.pf_fragment'))
    // Each fragment is a gzip stream of one indexed page (its URL and text).
    const indexed = fragments.map((f) => gunzipSync(readFileSync(f)).toString('utf8'))
    const page = indexed.find((text) => text.includes('"url":"/om-forbundet/"'))
    expect(page).toContain(PAGE_ONLY_WORD)
    expect(indexed.some((text) => text.includes('"url":"/sv/om-forbundet-sv/stadgar/"'))).toBe(true)
  })

  it('leave no internal link that leads nowhere, and pass the HTML checks', async () => {
    expect(await brokenInternalReferences(site, SITE_URL)).toEqual([])
    const pages = (await listFiles(site)).filter((f) => f.endsWith('.html'))
    expect(htmlProblems(pages)).toEqual([])
    expect(await htmlValidateProblems(pages)).toEqual([])
  })
})

describe('navigation', () => {
  it('makes the header menu and footer links of a locale that has them', async () => {
    const home = await html('')
    expect(
      links(
        headerNav(home)
          .replace(/<a class="brand"[\s\S]*?<\/a>/, '')
          .split('class="languages"')[0],
      ),
    ).toEqual([
      ['/om-forbundet/', 'Om forbundet'],
      ['/arkiv/', 'Arkiv'],
      ['/emner/loen/', 'Løn'],
      ['https://facebook.example/faf', 'Facebook'],
    ])
    expect(links(footer(home))).toEqual(
      expect.arrayContaining([
        ['/om-forbundet/vedtaegter/', 'Vedtægter'],
        ['mailto:medlem@example.org', 'Skriv til os'],
      ]),
    )
    // The footer's feed line is the site's own footer; the editors' links replace it.
    expect(footer(home)).not.toContain('<a href="/rss.xml"')
    expect(await html('om-forbundet')).toContain(
      '<a href="/om-forbundet/" aria-current="page">Om forbundet</a>',
    )
  })

  it('leaves out an entry whose target has no page, with a warning naming the entry', async () => {
    expect(headerNav(await html(''))).not.toContain('/senere/')
    expect(result.warnings).toContainEqual({
      document: 'navigation (da)',
      field: 'header[2]',
      message: 'links to page "senere" at /senere/, which has no page on the site; left out of the menu',
    })
  })

  it('keeps the site’s own header and footer in a locale without entries', async () => {
    const sv = await html('sv')
    const menu = links(
      headerNav(sv)
        .replace(/<a class="brand"[\s\S]*?<\/a>/, '')
        .split('class="languages"')[0],
    )
    expect(menu.map(([href]) => href)).toEqual(['/sv/', '/sv/arkiv/', '/sv/om/', '/sv/soeg/'])
    expect(footer(sv)).toContain('<a href="/sv/rss.xml"')
  })
})
