/**
 * The WordPress conversion without a database: the streaming reader, automatic paragraphs, shortcodes,
 * statuses, titles and slugs, old addresses and link rewriting, on small made-up exports.
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { convertItem, titleFromText, type ConvertOptions } from '../../cms/import/wordpress/convert-item.ts'
import { wordpressContentToHtml, type ContentHooks } from '../../cms/import/wordpress/wp-content.ts'
import { WxrIndex } from '../../cms/import/wordpress/wxr-index.ts'
import { readWxr, type WxrEvent, type WxrItem } from '../../cms/import/wordpress/wxr-reader.ts'
import { slugifyAnyScript } from '../../cms/lib/slugify.ts'

const SITE = 'https://lokal.fagforening.example'

function hooks(overrides: Partial<ContentHooks> = {}): ContentHooks & { warnings: string[] } {
  const warnings: string[] = []
  return {
    warnings,
    uploadedFile: (url) =>
      url.includes('/uploads/') && !url.includes('mangler') ? url.split('/uploads/')[1] : null,
    attachment: (id) =>
      id === 5 ? { url: `${SITE}/wp-content/uploads/2020/01/a.jpg`, alt: 'Første' } : undefined,
    childAttachments: () => [],
    rewriteLink: () => null,
    warn: (message) => warnings.push(message),
    hasUploads: true,
    ...overrides,
  }
}

function wxr(items: string, version = '1.2'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/${version}/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:excerpt="http://wordpress.org/export/${version}/excerpt/">
<channel><title>Lokalafdelingen</title><link>${SITE}</link>
<wp:wxr_version>${version}</wp:wxr_version><wp:base_site_url>${SITE}</wp:base_site_url>
${items}
</channel></rss>`
}

function item(fields: Record<string, string>): string {
  const all = { post_type: 'post', status: 'publish', post_parent: '0', menu_order: '0', ...fields }
  const wp = Object.entries(all)
    .filter(([key]) => !['title', 'content', 'link'].includes(key))
    .map(([key, value]) => `<wp:${key}><![CDATA[${value}]]></wp:${key}>`)
    .join('')
  return `<item><title><![CDATA[${fields.title ?? ''}]]></title><link>${fields.link ?? ''}</link>
<content:encoded><![CDATA[${fields.content ?? ''}]]></content:encoded>${wp}</item>`
}

async function events(xml: string): Promise<WxrEvent[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-wxr-'))
  const file = path.join(dir, 'export.xml')
  await writeFile(file, xml)
  const out: WxrEvent[] = []
  for await (const event of readWxr(file)) out.push(event)
  return out
}

async function indexOf(xml: string): Promise<{ index: WxrIndex; items: WxrItem[] }> {
  const all = await events(xml)
  const site = all.find((e) => e.kind === 'site')!
  const index = new WxrIndex(site.kind === 'site' ? site.site : (undefined as never))
  const items = all.flatMap((e) => (e.kind === 'item' ? [e.item] : []))
  for (const entry of items) index.add(entry)
  return { index, items }
}

const options: ConvertOptions = {
  locale: 'da',
  uploadedFile: () => null,
  hasUploads: false,
  documentPath: (document) =>
    document.collection === 'articles' ? `/artikler/${document.slug}/` : `/${document.slug}/`,
  topicPath: (slug) => `/emner/${slug}/`,
}

describe('the WXR reader', () => {
  it('reads WXR 1.1 as well as 1.2, the header first', async () => {
    const all = await events(wxr(item({ post_id: '7', title: 'Hej', post_name: 'hej' }), '1.1'))
    expect(all.map((e) => e.kind)).toEqual(['site', 'item'])
    expect(all[1]).toMatchObject({ kind: 'item', item: { id: 7, title: 'Hej', type: 'post' } })
  })

  it('names line and column of malformed XML', async () => {
    await expect(events(wxr('<item><title>Løn</titel></item>'))).rejects.toThrow(
      /export\.xml line 5 column \d+: not well-formed XML/,
    )
  })

  it('refuses a file that is not a WordPress export, or a version it does not know', async () => {
    await expect(events('<?xml version="1.0"?><html></html>')).rejects.toThrow(
      'not a WordPress export (root is <html>)',
    )
    await expect(events(wxr('', '2.0'))).rejects.toThrow(
      'WXR version "2.0" is not supported (1.0, 1.1 or 1.2)',
    )
  })
})

describe('WordPress content', () => {
  it('applies automatic paragraphs to classic content as WordPress does', () => {
    expect(wordpressContentToHtml('Første linje\nanden linje\n\nNyt afsnit', hooks())).toBe(
      '<p>Første linje<br />\nanden linje</p>\n<p>Nyt afsnit</p>\n',
    )
  })

  it('leaves block-editor content as its blocks wrote it, without automatic paragraphs', () => {
    const html = wordpressContentToHtml(
      '<!-- wp:paragraph -->\n<p>En\nto</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:separator /-->',
      hooks(),
    )
    expect(html).not.toContain('<br')
    expect(html).not.toContain('wp:')
    expect(html).toContain('<p>En\nto</p>')
  })

  it('makes [caption] a figure, [gallery ids] a gallery, [embed] and a video line an embed', () => {
    const h = hooks()
    const html = wordpressContentToHtml(
      [
        `[caption id="attachment_5" width="300"]<img src="${SITE}/wp-content/uploads/2020/01/a-300x200.jpg" alt="Alt" /> Billedtekst[/caption]`,
        '[gallery ids="5,6"]',
        '[embed]https://vimeo.com/1[/embed]',
        'https://youtu.be/xyz',
        'https://lokal.fagforening.example/ikke-video/',
      ].join('\n\n'),
      h,
    )
    expect(html).toContain(
      '<figure><img src="2020/01/a-300x200.jpg" alt="Alt"><figcaption>Billedtekst</figcaption></figure>',
    )
    expect(html).toContain('<figure><img src="2020/01/a.jpg" alt="Første"></figure>')
    expect(html).toContain('data-embed="https://vimeo.com/1"')
    expect(html).toContain('data-embed="https://youtu.be/xyz"')
    expect(html).not.toContain('data-embed="https://lokal')
    expect(h.warnings).toEqual(['[gallery]: attachment 6 is not in the export; left out'])
  })

  it('removes any other shortcode with a warning, keeping enclosed text and escaped [[shortcodes]]', () => {
    const h = hooks()
    const html = wordpressContentToHtml('[fb_like]\n\n[box farve="rød"]Vigtigt[/box] og [[caption]]', h)
    expect(html).not.toContain('fb_like')
    expect(html).not.toContain('box')
    expect(html).toContain('Vigtigt')
    expect(html).toContain('[caption]')
    expect(h.warnings).toEqual([
      'shortcode [fb_like] removed',
      'shortcode [box] removed (the text it enclosed is kept)',
    ])
  })

  it('keeps the alt text of a picture whose file is missing, and never a network address', () => {
    const h = hooks()
    const html = wordpressContentToHtml(
      `<img src="${SITE}/wp-content/uploads/2020/01/mangler.jpg" alt="Formanden taler"> <img src="https://cdn.andet.example/x.png" alt="">`,
      h,
    )
    expect(html).toContain('Formanden taler')
    expect(html).not.toContain('<img')
    expect(h.warnings).toEqual([
      `picture ${SITE}/wp-content/uploads/2020/01/mangler.jpg not found under --uploads; its alt text is kept`,
      'picture https://cdn.andet.example/x.png not found under --uploads; it has no alt text',
    ])
  })

  it('joins <!--nextpage--> parts with a rule', () => {
    expect(wordpressContentToHtml('Side et<!--nextpage-->Side to', hooks())).toBe(
      '<p>Side et</p>\n<hr />\n<p>Side to</p>\n',
    )
  })
})

describe('WordPress items', () => {
  it('maps every status: public, future with its date, never public, and skipped', async () => {
    const statuses = ['publish', 'future', 'draft', 'pending', 'private', 'trash', 'auto-draft']
    const { index, items } = await indexOf(
      wxr(statuses.map((status, i) => item({ post_id: String(i + 1), title: status, status })).join('')),
    )
    const results = items.map((entry) => convertItem(entry, index, options))
    const statusOf = (i: number) => {
      const r = results[i]
      return r.kind === 'import'
        ? `${r.item.status}${r.onlyIfPresent ? ' if present' : ''}`
        : `skip ${r.reason}`
    }
    expect(statuses.map((_, i) => statusOf(i))).toEqual([
      'published',
      'published',
      'unpublished',
      'unpublished',
      'unpublished',
      'unpublished if present',
      'skip auto-draft',
    ])
  })

  it('keeps a password-protected post from the public, with a warning', async () => {
    const { index, items } = await indexOf(
      wxr(item({ post_id: '3', title: 'Kun for medlemmer', post_password: 'løsen' })),
    )
    const result = convertItem(items[0], index, options)
    expect(result).toMatchObject({
      kind: 'import',
      item: { status: 'unpublished' },
      warnings: ['password-protected: imported as a draft, never public'],
    })
  })

  it('gives a title from the first words, a transliterated slug, or post-<id>', async () => {
    const { index, items } = await indexOf(
      wxr(
        item({
          post_id: '1',
          title: '',
          content: 'Strejken på havnen er slut efter tre uger med forhandlinger i Forligsinstitutionen.',
        }) +
          item({ post_id: '2', title: 'Новости профсоюза' }) +
          item({ post_id: '3', title: '🎉🎉' }) +
          item({ post_id: '4', title: 'Løn', post_name: 'loen' }) +
          item({ post_id: '5', title: 'Løn' }),
      ),
    )
    const converted = items.map((entry) => convertItem(entry, index, options))
    expect(converted.map((c) => (c.kind === 'import' ? c.item.slug : null))).toEqual([
      'strejken-paa-havnen-er-slut-efter-tre-uger-med-forhandlinger',
      'novosti-profsoyuza',
      'post-3',
      'loen',
      'loen-5',
    ])
    expect(converted[0]).toMatchObject({
      item: { title: 'Strejken på havnen er slut efter tre uger med forhandlinger' },
      warnings: [
        'no title; named after its first words: "Strejken på havnen er slut efter tre uger med forhandlinger"',
      ],
    })
  })

  it('rewrites links in every permalink form and remembers the old addresses', async () => {
    const { index, items } = await indexOf(
      wxr(
        item({
          post_id: '10',
          title: 'Kilde',
          post_name: 'kilde',
          post_date: '2021-03-04 10:00:00',
          link: `${SITE}/2021/03/04/kilde/`,
          content: [
            `<a href="${SITE}/?p=11">a</a>`,
            `<a href="${SITE}/2021/03/05/maal/">b</a>`,
            `<a href="/maal/">c</a>`,
            `<a href="${SITE}/?page_id=12">d</a>`,
            `<a href="${SITE}/om/kontakt/">e</a>`,
            `<a href="${SITE}/category/loen/">f</a>`,
            `<a href="https://andet.example/?p=11">g</a>`,
          ].join(' '),
        }) +
          item({
            post_id: '11',
            title: 'Mål',
            post_name: 'maal',
            post_date: '2021-03-05 10:00:00',
            link: `${SITE}/2021/03/05/maal/`,
          }) +
          item({
            post_id: '12',
            title: 'Kontakt',
            post_name: 'kontakt',
            post_type: 'page',
            link: `${SITE}/om/kontakt/`,
          }) +
          `<item><title>x</title><wp:post_id>13</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><category domain="category" nicename="loen"><![CDATA[Løn]]></category></item>`,
      ),
    )
    const result = convertItem(items[0], index, options)
    if (result.kind !== 'import') throw new Error('not imported')
    const html = (result.item.body as { html: string }).html
    expect([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '/artikler/maal/',
      '/artikler/maal/',
      '/artikler/maal/',
      '/kontakt/',
      '/kontakt/',
      '/emner/loen/',
      'https://andet.example/?p=11',
    ])
    expect(result.linksForward).toBe(true)
    // `?p=10` is rewritten in links and stored too: the redirect files and the home page's script answer it.
    expect(result.item.oldPaths).toEqual(['/2021/03/04/kilde/', '/?p=10'])
  })

  it('cuts a title from the text at a word, at most 60 characters', () => {
    const title = titleFromText(
      '<p>Overenskomstforhandlingerne for de offentligt ansatte begynder i næste uge</p>',
    )
    expect(title.length).toBeLessThanOrEqual(60)
    expect(title).toBe('Overenskomstforhandlingerne for de offentligt ansatte')
  })

  it('transliterates other scripts but keeps the Nordic slug rules', () => {
    expect(slugifyAnyScript('Ålborg Ørsted Ærø')).toBe('aalborg-oersted-aeroe')
    expect(slugifyAnyScript('Αλληλεγγύη')).toBe('allileggyi')
  })
})
