/** The site model and HTML renderer without Astro: what pages exist, links, escaping (translations: tests/unit/translations.test.ts). */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildSiteModel } from '../../channels/site/site-model.ts'
import { escapeHtml, renderBlocks, cleanText } from '../../channels/site/render-html.ts'
import { feedItems, siteFeeds } from '../../channels/site/feeds.ts'
import { parseSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { Block } from '../../channels/snapshot/schema.ts'
import { BUILD_DATE, fixtureFile } from './fixtures/bad-snapshot.ts'

const snapshot = parseSnapshot(JSON.parse(readFileSync(fixtureFile, 'utf8')))
const model = buildSiteModel(snapshot, { buildDate: BUILD_DATE, mediaExists: () => true })

describe('site model', () => {
  it('makes pages only in locales where a document has its own entry', () => {
    const paths = model.pages.map((p) => p.path)
    expect(paths).toContain('/artikler/ok26-afstemning/')
    expect(paths).toContain('/sv/artikler/ok26-omrostning/')
    expect(paths).toContain('/en/artikler/student-job-rights/')
    expect(paths.filter((p) => p.startsWith('/nb/artikler/'))).toEqual([])
    expect(paths).toContain('/nb/')
    expect(new Set(paths).size).toBe(paths.length)
  })

  it('gives the language switcher the same document in every locale it exists in', () => {
    const page = model.pages.find((p) => p.path === '/artikler/studiejob-rettigheder/')!
    expect(model.alternates(page)).toEqual({
      da: '/artikler/studiejob-rettigheder/',
      en: '/en/artikler/student-job-rights/',
    })
  })

  it('drops benefits past validTo and keeps ended campaigns apart as an archive', () => {
    const later = buildSiteModel(snapshot, {
      buildDate: new Date('2028-01-01T00:00:00Z'),
      mediaExists: () => true,
    })
    expect(later.benefits.da.map((b) => b.key)).toEqual(['studierabat-boeger'])
    expect(later.campaigns.da).toEqual([])
    expect(later.endedCampaigns.da.map((c) => c.key).sort()).toEqual(['hverveuge-2025', 'stem-ok26'])
    expect(model.campaigns.da.map((c) => c.key)).toEqual(['stem-ok26'])
  })

  it('paginates a topic at 20 articles per page', () => {
    const many = {
      ...snapshot,
      articles: Array.from({ length: 45 }, (_, i) => ({
        ...snapshot.articles[2],
        id: `x${i}`,
        key: `x${i}`,
        slug: `x${i}`,
        translations: { da: `x${i}` },
      })),
    }
    const paged = buildSiteModel(many, { buildDate: BUILD_DATE, mediaExists: () => true })
    expect(paged.pages.filter((p) => p.kind === 'topic' && p.topic === 'loen').map((p) => p.path)).toEqual([
      '/emner/loen/',
      '/emner/loen/2/',
      '/emner/loen/3/',
    ])
  })

  it('reports a missing image once per use, naming document and field', () => {
    const missing = buildSiteModel(snapshot, {
      buildDate: BUILD_DATE,
      mediaExists: (m) => m.id !== 'media-pay-talks',
    })
    expect(
      missing.warnings
        .filter((w) => w.message.includes('pay-talks'))
        .map((w) => `${w.document} ${w.field}`)
        .sort(),
    ).toEqual(['articles/loen-stiger-2026 (da) hero', 'articles/ok26-afstemning (da) body[4]'])
  })
})

describe('HTML rendering of the block tree', () => {
  const render = (blocks: Block[]) => renderBlocks(blocks, { model, locale: 'da', url: (p) => p })

  it('escapes hostile text and drops characters XML forbids', () => {
    expect(escapeHtml('<script>"x" & \'y\'</script>\u0007')).toBe(
      '&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;',
    )
    expect(cleanText('a\u0000b\uFFFEc\uD800d 🎉')).toBe('abcd 🎉')
  })

  it('renders links safely: javascript: URLs become text, new-tab links get noopener', () => {
    const html = render([
      {
        type: 'paragraph',
        children: [
          { type: 'link', href: 'javascript:alert(1)', children: [{ type: 'text', text: 'bad' }] },
          {
            type: 'link',
            href: 'https://example.org/?a=1&b=2',
            newTab: true,
            children: [{ type: 'text', text: 'good' }],
          },
        ],
      },
    ])
    expect(html).toBe(
      '<p>bad<a href="https://example.org/?a=1&amp;b=2" target="_blank" rel="noopener">good</a></p>',
    )
  })

  it('resolves internal links to the locale page, never leaking merge fields', () => {
    const html = renderBlocks(
      model.settleLinks(
        [
          {
            type: 'paragraph',
            children: [
              {
                type: 'link',
                href: '/whatever/',
                internal: { collection: 'articles', key: 'studiejob-rettigheder' },
                children: [{ type: 'text', text: 'rights' }],
              },
              { type: 'mergeField', field: 'first_name' },
            ],
          },
        ],
        'en',
      ),
      { model, locale: 'en', url: (p) => p },
    )
    expect(html).toBe('<p><a href="/en/artikler/student-job-rights/">rights</a></p>')
  })

  it('renders lists, quotes, callouts and images with width, height, alt and lazy loading', () => {
    const article = model.article('da', 'ok26-afstemning')!
    const html = render(article.body)
    expect(html).toContain(
      '<ul><li>Alle medlemmer på en <strong>overenskomstdækket</strong> arbejdsplads</li><li>Elever og lærlinge<ol><li>også på deltid</li></ol></li></ul>',
    )
    expect(html).toContain('<blockquote><p><em>Det er jeres aftale. Brug jeres stemme.</em></p></blockquote>')
    expect(html).toMatch(
      /<figure><img src="\/media\/pay-talks.jpg" srcset="\/media\/pay-talks-400x225.jpg 400w, \/media\/pay-talks.jpg 1200w" [^>]*width="1200" height="800" alt="Forhandlere ved et bord med papirer" loading="lazy"/,
    )
    expect(html).toContain(
      '<aside class="callout callout-cta"><p class="callout-title"><strong>Stem nu</strong></p><p>Det tager to minutter.</p><p><a class="button" href="https://example.org/stem">Gå til afstemningen</a></p></aside>',
    )
  })
})

describe('feeds as data', () => {
  it('offers a feed per locale with articles, per topic and locale, and for benefits', () => {
    expect(
      siteFeeds(model)
        .map((f) => f.path)
        .sort(),
    ).toEqual([
      '/emner/loen/rss.xml',
      '/emner/overenskomst/rss.xml',
      '/emner/studerende/rss.xml',
      '/en/emner/studerende/rss.xml',
      '/en/rss.xml',
      '/fordele/rss.xml',
      '/rss.xml',
      '/sv/emner/overenskomst/rss.xml',
      '/sv/rss.xml',
    ])
  })

  it('gives items absolute links and the body with absolute URLs', () => {
    const [first] = feedItems(model, { locale: 'da', scope: { kind: 'articles' }, path: '/rss.xml' })
    expect(first.link).toBe('https://faf.example.org/artikler/ok26-afstemning/')
    expect(first.content).toContain('src="https://faf.example.org/media/ok26-vote.jpg"')
    expect(first.enclosure).toEqual({
      url: 'https://faf.example.org/media/ok26-vote.jpg',
      length: snapshot.articles[0].hero!.filesize,
      type: 'image/jpeg',
    })
  })
})
