/**
 * Builds the site twice (the shared fixture through the publish step, and a snapshot full of bad input)
 * and checks what a visitor, a feed reader and an editor reading the publish report would notice.
 */
import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { publishStep } from '../../channels/site/publish-step.ts'
import { buildSite, projectRoot, type BuildSiteResult } from '../../channels/site/build-site.ts'
import type { ChannelResult } from '../../channels/types.ts'
import { BUILD_DATE, fixtureFile, makeBadSnapshot, placeSocialCard } from './fixtures/bad-snapshot.ts'
import { brokenInternalReferences, listFiles, renderedTextFiles } from './output-check.ts'
import { parseFeeds } from './feedparser.ts'
import { htmlProblems, htmlValidateProblems } from './html-check.ts'

const tmp = path.join(projectRoot, '.tmp/site/test-build')
const publishOut = path.join(tmp, 'publish')
const badSite = path.join(tmp, 'bad/site')
let published: ChannelResult
let bad: BuildSiteResult

const page = (site: string, p: string) =>
  readFile(path.join(site, p, p.endsWith('.xml') || p.endsWith('.html') ? '' : 'index.html'), 'utf8')
const meta = (html: string, property: string) =>
  html.match(new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`))?.[1]

beforeAll(async () => {
  await rm(tmp, { recursive: true, force: true })
  // The cards channel runs first and leaves its og.png in the site folder: the site build must keep it.
  await placeSocialCard(path.join(publishOut, 'site'), 'article', 'ok26-afstemning', 'da')
  published = await publishStep.run({
    loaded: await readSnapshot(fixtureFile),
    outDir: publishOut,
    full: true,
    log: () => {},
  })

  const badFile = await makeBadSnapshot(path.join(tmp, 'bad/snapshot'))
  bad = await buildSite({
    loaded: await readSnapshot(badFile),
    snapshotFile: badFile,
    siteDir: badSite,
    buildDate: BUILD_DATE,
  })
})

describe('site publish step on the fixture snapshot', () => {
  it('reports every HTML page it wrote as rendered', async () => {
    const html = (await listFiles(path.join(publishOut, 'site'))).filter((f) => f.endsWith('.html'))
    expect(published.channel).toBe('site')
    expect(published.rendered).toBe(html.length)
    expect(published.rendered).toBeGreaterThan(20)
  })

  it('keeps the social card written before it and points og:image at it', async () => {
    const site = path.join(publishOut, 'site')
    expect(existsSync(path.join(site, 'social/article/ok26-afstemning/da/og.png'))).toBe(true)
    const html = await page(site, 'artikler/ok26-afstemning/')
    expect(meta(html, 'og:image')).toBe('https://faf.example.org/social/article/ok26-afstemning/da/og.png')
    expect(meta(html, 'og:image:width')).toBe('1200')
    expect(meta(html, 'og:image:height')).toBe('630')
    expect(meta(html, 'og:image:alt')).toBe('Medlemmer stemmer ved urnen på et lokalkontor')
    expect(meta(html, 'twitter:card')).toBe('summary_large_image')
    // No card for the Swedish version: the organisation logo stands in.
    expect(meta(await page(site, 'sv/artikler/ok26-omrostning/'), 'og:image')).toBe(
      'https://faf.example.org/media/logo.png',
    )
  })

  it('builds a page per locale only for documents that exist in that locale, with hreflang and a language switch', async () => {
    const site = path.join(publishOut, 'site')
    const sv = await page(site, 'sv/artikler/ok26-omrostning/')
    expect(sv).toContain('<html lang="sv"')
    expect(sv).toContain(
      '<link rel="alternate" hreflang="da" href="https://faf.example.org/artikler/ok26-afstemning/">',
    )
    expect(sv).toMatch(/<a href="\/artikler\/ok26-afstemning\/" lang="da" hreflang="da">Dansk<\/a>/)
    expect(sv).toContain('<link rel="canonical" href="https://faf.example.org/sv/artikler/ok26-omrostning/">')
    // The body fell back to Danish: marked as such.
    expect(sv).toMatch(/<div lang="da"><p>Afstemningen om OK26/)
    expect(existsSync(path.join(site, 'en/artikler/student-job-rights/index.html'))).toBe(true)
    expect(existsSync(path.join(site, 'sv/artikler/loen-stiger-2026/index.html'))).toBe(false)
    expect(existsSync(path.join(site, 'nb/artikler'))).toBe(false)
    for (const locale of ['', 'sv/', 'nb/', 'en/'])
      expect(existsSync(path.join(site, locale, 'index.html'))).toBe(true)
  })

  it('sends heroes through the Astro image pipeline: WebP in several widths, width/height and alt from the CMS', async () => {
    const html = await page(path.join(publishOut, 'site'), 'artikler/ok26-afstemning/')
    const hero = html.match(/<img src="\/_astro\/ok26-vote[^"]*\.webp" srcset="([^"]*)"[^>]*>/)
    expect(hero?.[0]).toContain('alt="Medlemmer stemmer ved urnen på et lokalkontor"')
    expect(hero?.[0]).toContain('width="1600" height="900"')
    expect(hero?.[1].split(', ').map((c) => c.split(' ')[1])).toEqual(['400w', '800w', '1200w', '1600w'])
    // Cards further down the home page load lazily.
    expect(await page(path.join(publishOut, 'site'), '')).toMatch(
      /<img src="\/_astro\/[^"]+\.webp"[^>]*loading="lazy"/,
    )
  })

  it('escapes hostile text on the page', async () => {
    const html = await page(path.join(publishOut, 'site'), 'artikler/hostile/')
    expect(html).toContain(
      '<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt; Sámi ŋ Føroyar ð 🎉 *|FNAME|* {{first_name}} </h1>',
    )
    // Inside a quoted attribute `<` is harmless text; outside attributes no element may come from the title.
    expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<script\b|<img src=x/)
    expect(html).not.toContain('<img src=x')
    expect(html).not.toContain('\u0007')
  })

  it('writes sitemap, robots.txt and a search index for every locale with documents', async () => {
    const site = path.join(publishOut, 'site')
    const sitemap = await readFile(path.join(site, 'sitemap-0.xml'), 'utf8')
    expect(sitemap).toContain('<loc>https://faf.example.org/sv/artikler/ok26-omrostning/</loc>')
    expect(sitemap).not.toContain('/soeg/')
    // The Danish article and its Swedish translation (a different slug) name each other as alternates.
    const entry = (loc: string) => sitemap.split('<url>').find((u) => u.includes(`<loc>${loc}</loc>`)) ?? ''
    for (const loc of [
      'https://faf.example.org/artikler/ok26-afstemning/',
      'https://faf.example.org/sv/artikler/ok26-omrostning/',
    ]) {
      expect(entry(loc)).toContain(
        '<xhtml:link rel="alternate" hreflang="da" href="https://faf.example.org/artikler/ok26-afstemning/"/>',
      )
      expect(entry(loc)).toContain(
        '<xhtml:link rel="alternate" hreflang="sv" href="https://faf.example.org/sv/artikler/ok26-omrostning/"/>',
      )
      expect(entry(loc)).toContain('hreflang="x-default"')
    }
    // A page in one language only has none.
    expect(entry('https://faf.example.org/artikler/loen-stiger-2026/')).toContain('<loc>')
    expect(entry('https://faf.example.org/artikler/loen-stiger-2026/')).not.toContain('xhtml:link')
    expect(await readFile(path.join(site, 'robots.txt'), 'utf8')).toContain(
      'Sitemap: https://faf.example.org/sitemap-index.xml',
    )
    const pagefind = await listFiles(path.join(site, 'pagefind'))
    for (const locale of ['da', 'sv', 'en'])
      expect(pagefind.some((f) => path.basename(f).startsWith(`pagefind.${locale}`))).toBe(true)
  })
})

describe('site built from a snapshot with bad input', () => {
  it('never shows undefined, NaN or [object Object], nor a BEL control character', async () => {
    for (const file of await renderedTextFiles(badSite)) {
      const text = await readFile(file, 'utf8')
      expect.soft(text, file).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]|\u0007/)
    }
  })

  it('has valid HTML on every page (no parse errors, no duplicate ids, images with alt and size, one h1, lang)', async () => {
    const pages = (await listFiles(badSite)).filter((f) => f.endsWith('.html'))
    expect(pages.length).toBeGreaterThan(20)
    expect(htmlProblems(pages)).toEqual([])
  })

  it('passes html-validate (HTML standard, accessibility and document rules) on every page, here and in the fixture site', async () => {
    const pages = [...(await listFiles(badSite)), ...(await listFiles(path.join(publishOut, 'site')))].filter(
      (f) => f.endsWith('.html'),
    )
    expect(pages.length).toBeGreaterThan(40)
    expect(await htmlValidateProblems(pages)).toEqual([])
  })

  it('has no internal link or image that leads nowhere', async () => {
    expect(await brokenInternalReferences(badSite, 'https://faf.example.org')).toEqual([])
  })

  it('leaves out a missing image and reports document and field', async () => {
    const html = await page(badSite, 'artikler/mangler-billede/')
    expect(html).toContain('Artikel uden billedfil')
    expect(html).not.toContain('gone.jpg')
    expect(html).toContain('Billedtekst uden billede')
    expect(bad.warnings).toContainEqual(
      expect.objectContaining({ document: 'articles/mangler-billede (da)', field: 'hero' }),
    )
    expect(bad.warnings).toContainEqual(
      expect.objectContaining({ document: 'articles/mangler-billede (da)', field: 'body[1]' }),
    )
  })

  it('renders a broken internal link as plain text and reports it', async () => {
    const html = await page(badSite, 'artikler/mangler-billede/')
    expect(html).toContain('<p>Se den slettede artikel.</p>')
    expect(bad.warnings).toContainEqual({
      document: 'articles/mangler-billede (da)',
      field: 'body[0].children[1]',
      message: 'link to articles "findes-ikke" has no page on the site; shown as plain text',
    })
  })

  it('links a translation to the Danish page when the target exists only in Danish, and marks fallback fields', async () => {
    const html = await page(badSite, 'nb/artikler/mangler-bilde/')
    expect(html).toContain('<a href="/artikler/loen-stiger-2026/" hreflang="da">lønnen</a>')
    expect(html).toMatch(/<p lang="da"><strong>Den nye aftale/)
    expect(html).toContain('Deler av denne siden finnes bare på dansk.')
  })

  it('gives a clashing slug to the first document only and reports the second', async () => {
    expect(await page(badSite, 'artikler/loen-stiger-2026/')).toContain('Lønnen stiger 4,5 % over to år')
    expect(bad.warnings).toContainEqual(
      expect.objectContaining({ document: 'articles/loen-stiger-2026 (da)', field: 'slug' }),
    )
  })

  it('hides future articles and expired benefits, even when the snapshot still has them', async () => {
    expect(existsSync(path.join(badSite, 'artikler/fremtid'))).toBe(false)
    expect(existsSync(path.join(badSite, 'fordele/udloebet'))).toBe(false)
    expect(await page(badSite, 'fordele/')).not.toContain('Udløbet rabat')
    expect(await page(badSite, '')).not.toContain('Udløbet rabat')
  })

  it('keeps ended campaigns in an archive, without their call to action', async () => {
    const archive = await page(badSite, 'kampagner/')
    const ended = archive.slice(archive.indexOf('Afsluttede kampagner'))
    expect(ended).toContain('Hverveugen 2025')
    expect(ended).toContain('Kampagne der er forbi')
    const html = await page(badSite, 'kampagner/forbi/')
    expect(html).toContain('Denne kampagne er afsluttet.')
    expect(html).not.toContain('https://example.org/stem')
    expect(await page(badSite, 'kampagner/stem-ok26/')).toContain(
      '<a class="button" href="https://example.org/stem">Stem nu</a>',
    )
  })

  it('shows a benefit without partner without a partner line and reports it', async () => {
    const html = await page(badSite, 'fordele/studierabat-boeger/')
    expect(html).toContain('Studierabat på fagbøger')
    expect(html).not.toContain('<dt>Partner</dt>')
    expect(html).toContain('<dt>Gælder til</dt><dd>Indtil videre</dd>')
    expect(bad.warnings).toContainEqual(
      expect.objectContaining({ document: 'benefits/studierabat-boeger (da)', field: 'partner' }),
    )
  })

  it('paginates nothing it does not need: a topic page lists its articles and offers its feed', async () => {
    const html = await page(badSite, 'emner/loen/')
    expect(html).toContain(
      '<link rel="alternate" type="application/rss+xml" title="FAF: Løn" href="/emner/loen/rss.xml">',
    )
    expect(html).toContain('Lønnen stiger 4,5 % over to år')
    expect(existsSync(path.join(badSite, 'emner/loen/2'))).toBe(false)
  })
})

describe('RSS feeds read by feedparser', () => {
  it('parses every feed without error (bozo 0)', async () => {
    const feeds = (await listFiles(badSite)).filter((f) => f.endsWith('rss.xml'))
    expect(feeds.length).toBeGreaterThanOrEqual(9)
    for (const feed of parseFeeds(feeds)) expect(feed.bozo, `${feed.file}: ${feed.bozoException}`).toBe(false)
  })

  it('carries the expected items with link, date, summary, body, categories and enclosure', () => {
    const [danish] = parseFeeds([path.join(badSite, 'rss.xml')])
    expect(danish.language).toBe('da')
    const titles = danish.entries.map((e) => e.title)
    expect(titles).toContain('<script>alert("x")</script> & ]]> Sámi ŋ Føroyar ð 🎉 *|FNAME|* {{first_name}}')
    expect(titles).not.toContain('Fremtidig artikel')
    const vote = danish.entries.find((e) => e.title === 'Stem om OK26: sådan gør du')!
    expect(vote.link).toBe('https://faf.example.org/artikler/ok26-afstemning/')
    expect(vote.id).toBe(vote.link)
    expect(vote.published).toBe('Sun, 01 Mar 2026 09:00:00 GMT')
    expect(vote.summary).toContain('Afstemningen om den nye overenskomst')
    expect(vote.content).toContain('<h2>Hvem kan stemme?</h2>')
    expect(vote.content).toContain('href="https://faf.example.org/artikler/loen-stiger-2026/"')
    expect(vote.tags).toEqual(['Overenskomst'])
    expect(vote.enclosures).toEqual([
      {
        href: 'https://faf.example.org/media/ok26-vote.jpg',
        length: expect.stringMatching(/^\d+$/),
        type: 'image/jpeg',
      },
    ])
  })

  it('has per-locale, per-topic and benefit feeds with the right items', () => {
    const [sv, topic, benefits] = parseFeeds(
      ['sv/rss.xml', 'emner/studerende/rss.xml', 'fordele/rss.xml'].map((f) => path.join(badSite, f)),
    )
    expect(sv.entries.map((e) => e.title)).toEqual(['Rösta om OK26: så gör du'])
    expect(topic.entries.map((e) => e.title)).toEqual(['Dine rettigheder i et studiejob'])
    expect(benefits.entries.map((e) => e.title).sort()).toEqual([
      'Billigere indboforsikring',
      'Studierabat på fagbøger',
    ])
  })
})
