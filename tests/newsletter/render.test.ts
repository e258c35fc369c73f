import { beforeAll, describe, expect, it } from 'vitest'
import * as cheerio from 'cheerio'
import {
  renderNewsletters,
  GMAIL_CLIP_BYTES,
  type NewsletterRender,
} from '../../channels/newsletter/render-newsletters.ts'
import {
  allMergePatterns,
  mergeSyntaxNames,
  type MergeSyntaxName,
} from '../../channels/newsletter/merge-syntax.ts'
import type { LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { newsletterFixture, titlesOf } from './fixtures/newsletter-snapshot.ts'

let loaded: LoadedSnapshot
const renders = new Map<MergeSyntaxName, NewsletterRender>()

beforeAll(async () => {
  loaded = await newsletterFixture()
  for (const syntax of mergeSyntaxNames)
    renders.set(syntax, await renderNewsletters(loaded, { mergeSyntax: syntax }))
})

function edition(syntax: MergeSyntaxName, key: string, locale = 'da') {
  const found = renders.get(syntax)!.editions.find((e) => e.meta.edition === key && e.meta.locale === locale)
  if (!found) throw new Error(`no rendered edition ${key} (${locale})`)
  return found
}

/** Every string value in a JSON-like value (meta.json as the sender's tooling reads it). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn)
  return []
}

/** What a reader sees: text without the invisible word joiners and without control characters. */
function visible(text: string): string {
  return text.replace(/\u2060/g, '')
}

describe.each(mergeSyntaxNames)('newsletter editions in %s syntax', (syntax) => {
  it('renders every edition in every locale it was written in', () => {
    const folders = renders
      .get(syntax)!
      .editions.map((e) => e.folder)
      .sort()
    expect(folders).toEqual([
      'big-edition/da',
      'hostile-edition/da',
      'nyhedsbrev-marts-2026/da',
      'nyhedsbrev-marts-2026/sv',
      'student-update/en',
    ])
  })

  it('has only absolute links, images with alt and size, and an unsubscribe link', () => {
    for (const rendered of renders.get(syntax)!.editions) {
      const $ = cheerio.load(rendered.html)
      const hrefs = $('a[href]')
        .map((_, a) => $(a).attr('href')!)
        .get()
      expect(hrefs.length).toBeGreaterThan(3)
      for (const href of hrefs)
        expect(href, `${rendered.folder}: ${href}`).toMatch(/^(https:\/\/|mailto:|tel:)/)
      for (const href of hrefs) expect(() => new URL(href)).not.toThrow()
      const images = $('img')
      expect(images.length).toBeGreaterThan(0)
      images.each((_, img) => {
        const $img = $(img)
        expect($img.attr('alt')?.trim(), `${rendered.folder} img ${$img.attr('src')}`).toBeTruthy()
        expect($img.attr('width')).toMatch(/^\d+$/)
        expect($img.attr('height')).toMatch(/^\d+$/)
        expect($img.attr('src')).toMatch(/^https:\/\/faf\.example\.org\/media\//)
      })
      expect(hrefs).toContain(rendered.meta.unsubscribeUrlPattern)
      expect(rendered.text).toContain(rendered.meta.unsubscribeUrlPattern)
    }
  })

  it('writes merge fields in the chosen syntax and nothing else that looks like a merge tag', () => {
    for (const rendered of renders.get(syntax)!.editions) {
      const tags = rendered.meta.mergeFields.map((f) => f.tag)
      expect(rendered.meta.mergeFields.map((f) => f.field)).toEqual(
        expect.arrayContaining(['first_name', 'member_number', 'member_id']),
      )
      for (const pattern of allMergePatterns) {
        const allowed = new Set(tags.flatMap((tag) => tag.match(pattern) ?? []))
        for (const part of [rendered.html, rendered.text, ...stringsIn(rendered.meta)]) {
          for (const match of part.match(pattern) ?? [])
            expect(allowed, `${rendered.folder}: stray ${match}`).toContain(match)
        }
      }
      for (const tag of tags) expect(rendered.html).toContain(tag)
      expect(rendered.html).not.toMatch(/[\uE000\uE001]/)
      expect(rendered.text).not.toMatch(/[\uE000\uE001]/)
    }
  })

  it('shows hostile editor text as text, never as markup or a merge tag', () => {
    const rendered = edition(syntax, 'hostile-edition')
    const $ = cheerio.load(rendered.html)
    expect($('script').length).toBe(0)
    expect($('[onerror]').length).toBe(0)
    const bodyText = $('body').text()
    expect(bodyText).toContain(
      '<script>alert("x")</script> *|FNAME|* {{first_name}} {{ .Subscriber.FirstName }} {% if x %}',
    )
    expect($('title').text()).toContain('*|FNAME|*')
    expect(bodyText).not.toContain('\u0007')
    expect(visible(rendered.text)).toContain('*|FNAME|* {{first_name}}')
    expect(rendered.text).not.toContain('\u0007')
    expect(visible(rendered.meta.subject)).toContain('<script>alert("x")</script> *|FNAME|*')
    // The editor's javascript: link lost its link; the text stayed.
    expect($('a').filter((_, a) => /javascript/i.test($(a).attr('href') ?? '')).length).toBe(0)
    expect(bodyText).toContain('evil link')
  })

  it('puts every article title into the text part', () => {
    for (const rendered of renders.get(syntax)!.editions) {
      const titles = titlesOf(loaded, rendered.meta.edition, rendered.meta.locale)
      expect(titles.length).toBeGreaterThan(0)
      for (const title of titles) expect(visible(rendered.text)).toContain(title.replace(/\u0007/g, ''))
    }
  })

  it('keeps the seeded editions under Gmail’s clipping limit and warns about the one that is not', () => {
    for (const rendered of renders.get(syntax)!.editions.filter((e) => e.meta.edition !== 'big-edition')) {
      expect(rendered.meta.bytes.html).toBe(Buffer.byteLength(rendered.html))
      expect(rendered.meta.bytes.html, rendered.folder).toBeLessThan(GMAIL_CLIP_BYTES)
    }
    const big = edition(syntax, 'big-edition')
    expect(big.meta.bytes.html).toBeGreaterThan(GMAIL_CLIP_BYTES)
    const warning = renders
      .get(syntax)!
      .warnings.find((w) => w.document === 'newsletters/big-edition (da)' && w.field === 'html')
    expect(warning?.message).toMatch(/^is \d+\.\d KB, over the 102 KB/)
  })

  it('never shows undefined, NaN or [object Object]', () => {
    for (const rendered of renders.get(syntax)!.editions) {
      const text = cheerio.load(rendered.html)('html').text() + rendered.text
      expect(text).not.toMatch(/undefined|NaN|\[object Object\]/)
    }
  })
})

describe('newsletter content and reporting', () => {
  it('reports each item it cannot show, naming the edition and the item index', () => {
    const warnings = renders.get('plain')!.warnings.map((w) => `${w.document} ${w.field}: ${w.message}`)
    expect(warnings).toEqual(
      expect.arrayContaining([
        'newsletters/nyhedsbrev-marts-2026 (da) items[3]: article "unpublished-draft" is not published or was deleted; left out',
        'newsletters/hostile-edition (da) items[1]: article "deleted-article" is not published or was deleted; left out',
        'newsletters/hostile-edition (da) items[2]: article item has no document selected; left out',
        'newsletters/hostile-edition (da) items[3]: campaign "hverveuge-2025" has ended; left out',
        'newsletters/nyhedsbrev-marts-2026 (sv) items[1]: article "loen-stiger-2026" has no sv version; shown in da',
      ]),
    )
    expect(
      warnings.some((w) => w.startsWith('newsletters/hostile-edition (da) subject: is 300 characters')),
    ).toBe(true)
    expect(
      warnings.some((w) =>
        w.startsWith('newsletters/hostile-edition (da) items[0]: article "hostile" has no hero image'),
      ),
    ).toBe(true)
    expect(
      warnings.some((w) =>
        w.startsWith(
          'newsletters/hostile-edition (da) items[4]: benefit "studierabat-boeger" has no partner',
        ),
      ),
    ).toBe(true)
  })

  it('links teasers to the site’s article, benefit and campaign pages in the edition’s locale', () => {
    const da = edition('mailchimp', 'nyhedsbrev-marts-2026')
    expect(da.meta.items.map((i) => i.url)).toEqual([
      'https://faf.example.org/kampagner/stem-ok26/',
      'https://faf.example.org/artikler/ok26-afstemning/',
      'https://faf.example.org/artikler/loen-stiger-2026/',
      'https://faf.example.org/fordele/indboforsikring/',
    ])
    const sv = edition('mailchimp', 'nyhedsbrev-marts-2026', 'sv')
    expect(sv.meta.items[0].url).toBe('https://faf.example.org/sv/artikler/ok26-omrostning/')
    // A da fallback links to the da page, where the text actually is.
    expect(sv.meta.items[1].url).toBe('https://faf.example.org/artikler/loen-stiger-2026/')
    const $ = cheerio.load(sv.html)
    expect($('html').attr('lang')).toBe('sv')
    // The da stand-in is marked as Danish for screen readers; the sv article is not.
    expect($('[lang="da"]').text()).toContain('Lønnen stiger 4,5 % over to år')
    expect($('[lang="da"]').text()).not.toContain('Rösta om OK26')
    expect($('a').filter((_, a) => $(a).text().includes('Läs mer')).length).toBe(2)
  })

  it('gives the sender RFC 8058 one-click unsubscribe headers with the member id merge tag', () => {
    expect(edition('mailchimp', 'nyhedsbrev-marts-2026').meta.headers).toEqual({
      'List-Unsubscribe': '<https://faf.example.org/afmeld?m=*|UNIQID|*>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
    expect(edition('listmonk', 'nyhedsbrev-marts-2026').meta.headers['List-Unsubscribe']).toBe(
      '<https://faf.example.org/afmeld?m={{ .Subscriber.UUID }}>',
    )
    expect(edition('plain', 'nyhedsbrev-marts-2026').meta.headers['List-Unsubscribe']).toBe(
      '<https://faf.example.org/afmeld?m={{member_id}}>',
    )
  })

  it('greets with the first name and its fallback in each syntax', () => {
    expect(edition('mailchimp', 'nyhedsbrev-marts-2026').text).toContain(
      'Hej *|IF:FNAME|**|FNAME|**|ELSE:|*medlem*|END:IF|*,',
    )
    expect(edition('listmonk', 'nyhedsbrev-marts-2026').text).toContain(
      'Hej {{ or .Subscriber.FirstName "medlem" }},',
    )
    expect(edition('plain', 'student-update', 'en').text).toContain('Hello {{first_name}},')
    expect(edition('plain', 'student-update', 'en').meta.mergeFields[0]).toEqual({
      field: 'first_name',
      tag: '{{first_name}}',
      fallback: 'member',
    })
  })

  it('marks the e-mail as dark-mode aware and names the organisation in text, readable with images blocked', () => {
    const $ = cheerio.load(edition('plain', 'nyhedsbrev-marts-2026').html)
    expect($('meta[name="color-scheme"]').attr('content')).toBe('light dark')
    expect($('style').text()).toContain('prefers-color-scheme: dark')
    expect($('h1').text()).toBe('Fællesforbundet for Administration og Handel')
    // Buttons are table cells with a background colour and text, not images.
    const button = $('a')
      .filter((_, a) => $(a).text().trim() === 'Stem nu')
      .first()
    expect(button.closest('td').attr('bgcolor')).toBe('#b3123b')
  })

  it('renders only the edition asked for and names the known ones when the slug is wrong', async () => {
    const one = await renderNewsletters(loaded, { mergeSyntax: 'plain', edition: 'nyhetsbrev-mars-2026' })
    expect(one.editions.map((e) => e.folder)).toEqual([
      'nyhedsbrev-marts-2026/da',
      'nyhedsbrev-marts-2026/sv',
    ])
    await expect(renderNewsletters(loaded, { mergeSyntax: 'plain', edition: 'nope' })).rejects.toThrow(
      /--edition nope: no published edition.*nyhedsbrev-marts-2026/,
    )
  })

  it('adds UTM parameters to links on the union’s site only', async () => {
    const render = await renderNewsletters(loaded, {
      mergeSyntax: 'plain',
      edition: 'nyhedsbrev-marts-2026',
      utm: { source: 'budstikke', medium: 'email' },
    })
    const $ = cheerio.load(render.editions[0].html)
    const hrefs = $('a[href]')
      .map((_, a) => $(a).attr('href')!)
      .get()
    expect(hrefs).toContain(
      'https://faf.example.org/artikler/ok26-afstemning/?utm_source=budstikke&utm_medium=email&utm_campaign=nyhedsbrev-marts-2026',
    )
    expect(hrefs).toContain('https://example.org/stem')
    expect(hrefs.filter((h) => h.includes('afmeld'))).toEqual([
      'https://faf.example.org/afmeld?m={{member_id}}',
    ])
  })
})
