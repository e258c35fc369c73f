import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  linkResolver,
  linkTargetPublished,
  settleBlocks,
  settleSnapshotLinks,
  unlinkUnpublished,
} from '../../channels/snapshot/links.ts'
import { parseSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { SNAPSHOT_VERSION, type Block, type Inline } from '../../channels/snapshot/schema.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

const fixtureJson = readFileSync(SAMPLE_SNAPSHOT_FILE, 'utf8')
const snapshot = parseSnapshot(JSON.parse(fixtureJson))
const exported = new Date(snapshot.generatedAt)

const link = (key: string, text: string): Inline => ({
  type: 'link',
  href: `/artikler/${key}/`,
  internal: { collection: 'articles', key },
  children: [{ type: 'text', text }],
})

describe('linkTargetPublished', () => {
  it('is true for a document in the snapshot and visible on the date', () => {
    expect(linkTargetPublished(snapshot, { collection: 'articles', key: 'ok26-afstemning' }, exported)).toBe(
      true,
    )
    expect(
      linkTargetPublished(snapshot, { collection: 'articles', key: 'unpublished-draft' }, exported),
    ).toBe(false)
    expect(
      linkTargetPublished(
        snapshot,
        { collection: 'benefits', key: 'indboforsikring' },
        new Date('2028-01-01T00:00:00Z'),
      ),
    ).toBe(false)
    expect(linkTargetPublished(snapshot, { collection: 'letters', key: 'velkommen' }, exported)).toBe(false)
  })
})

describe('unlinkUnpublished', () => {
  it('keeps the text of a link to an unpublished target, in every kind of block, and lists it', () => {
    const blocks: Block[] = [
      {
        type: 'paragraph',
        children: [
          link('ok26-afstemning', 'afstemningen'),
          { type: 'text', text: ' og ' },
          link('kladde', 'kladden'),
        ],
      },
      {
        type: 'list',
        ordered: false,
        items: [
          {
            children: [link('kladde', 'i en liste')],
            list: { type: 'list', ordered: true, items: [{ children: [link('kladde', 'dybt')] }] },
          },
        ],
      },
      { type: 'callout', variant: 'info', children: [link('kladde', 'i en boks')] },
    ]
    const { blocks: out, unlinked } = unlinkUnpublished(blocks, (target) => target.key !== 'kladde')
    expect(out[0]).toEqual({
      type: 'paragraph',
      children: [
        link('ok26-afstemning', 'afstemningen'),
        { type: 'text', text: ' og ' },
        { type: 'text', text: 'kladden' },
      ],
    })
    expect(JSON.stringify(out)).not.toContain('/artikler/kladde/')
    expect(JSON.stringify(out)).toContain('dybt')
    expect(unlinked).toEqual(Array(4).fill({ collection: 'articles', key: 'kladde' }))
  })
})

describe('linkResolver', () => {
  const resolve = linkResolver(snapshot, exported)
  const site = snapshot.organisation.siteUrl

  it("leads to the target's page in the link's locale, with path and absolute URL", () => {
    const sv = snapshot.articles.find((a) => a.key === 'ok26-afstemning' && a.locale === 'sv')!
    expect(resolve({ collection: 'articles', key: 'ok26-afstemning' }, 'sv')).toEqual({
      collection: 'articles',
      key: 'ok26-afstemning',
      locale: 'sv',
      path: `/sv/artikler/${sv.slug}/`,
      url: `${site}/sv/artikler/${sv.slug}/`,
    })
  })

  it('falls back to Danish, then to another locale the target exists in', () => {
    const onlyDanish = snapshot.articles.find(
      (a) => a.locale === 'da' && !snapshot.articles.some((b) => b.key === a.key && b.locale === 'nb'),
    )!
    expect(resolve({ collection: 'articles', key: onlyDanish.key }, 'nb')).toMatchObject({
      locale: 'da',
      path: `/artikler/${onlyDanish.slug}/`,
    })
    const svOnly = {
      ...snapshot,
      articles: [{ ...snapshot.articles[0], key: 'kun-sv', slug: 'bara-svenska', locale: 'sv' as const }],
    }
    expect(linkResolver(svOnly, exported)({ collection: 'articles', key: 'kun-sv' }, 'en')).toMatchObject({
      locale: 'sv',
      path: '/sv/artikler/bara-svenska/',
    })
  })

  it('encodes the slug once', () => {
    const withSpace = {
      ...snapshot,
      articles: [{ ...snapshot.articles[0], key: 'x', slug: 'løn og tid', locale: 'da' as const }],
    }
    expect(linkResolver(withSpace, exported)({ collection: 'articles', key: 'x' }, 'da')?.url).toBe(
      `${site}/artikler/l%C3%B8n%20og%20tid/`,
    )
  })

  it('is null for a draft, a document not due yet, an expired one, and a collection without pages', () => {
    expect(resolve({ collection: 'articles', key: 'unpublished-draft' }, 'da')).toBeNull()
    const later = linkResolver(snapshot, new Date('2028-01-01T00:00:00Z'))
    expect(later({ collection: 'benefits', key: 'indboforsikring' }, 'da')).toBeNull()
    const earlier = linkResolver(snapshot, new Date('2000-01-01T00:00:00Z'))
    expect(earlier({ collection: 'articles', key: 'ok26-afstemning' }, 'da')).toBeNull()
    expect(resolve({ collection: 'letters', key: 'velkommen' }, 'da')).toBeNull()
    // A preview judges no dates.
    expect(
      linkResolver(snapshot, null)({ collection: 'benefits', key: 'indboforsikring' }, 'da'),
    ).not.toBeNull()
  })
})

describe('settleBlocks', () => {
  it('fills each link with where it leads, and names where each unlinked one was', () => {
    const resolve = linkResolver(snapshot, exported)
    const blocks: Block[] = [
      { type: 'paragraph', children: [link('ok26-afstemning', 'a'), link('kladde', 'b')] },
      {
        type: 'table',
        rows: [{ cells: [[{ type: 'text', text: 'x' }], [link('kladde', 'i en celle')]] }],
      },
    ]
    const { blocks: out, unlinked } = settleBlocks(blocks, (target) => resolve(target, 'da'))
    expect(out[0]).toEqual({
      type: 'paragraph',
      children: [
        {
          ...link('ok26-afstemning', 'a'),
          internal: {
            collection: 'articles',
            key: 'ok26-afstemning',
            locale: 'da',
            path: '/artikler/ok26-afstemning/',
            url: `${snapshot.organisation.siteUrl}/artikler/ok26-afstemning/`,
          },
        },
        { type: 'text', text: 'b' },
      ],
    })
    expect(JSON.stringify(out[1])).not.toContain('"link"')
    expect(unlinked.map((u) => u.at)).toEqual(['[0].children[1]', '[1].rows[0].cells[1][0]'])
  })
})

describe('settleSnapshotLinks', () => {
  it('walks every block field and names the document and field of each link it unlinks', () => {
    const article = snapshot.articles.find((a) => a.key === 'ok26-afstemning' && a.locale === 'da')!
    const edition = snapshot.newsletters[0]
    const withLinks = {
      ...snapshot,
      newsletters: [{ ...edition, intro: [{ type: 'paragraph' as const, children: [link('kladde', 'k')] }] }],
    }
    const { snapshot: out, unlinked } = settleSnapshotLinks(withLinks, linkResolver(withLinks, exported))
    expect(unlinked.map(({ document, field }) => `${document} ${field}`)).toEqual([
      `newsletters/${edition.slug} (${edition.locale}) intro`,
    ])
    expect(JSON.stringify(out.newsletters[0].intro)).not.toContain('kladde')
    expect(JSON.stringify(out.articles.find((a) => a.id === article.id && a.locale === 'da'))).toContain(
      '"path":"/artikler/loen-stiger-2026/"',
    )
  })
})

describe('reading a version 2 snapshot', () => {
  it('upgrades it: each internal link gets its locale, path and URL as of the snapshot date', () => {
    const v2 = JSON.parse(fixtureJson) as { version: number; articles: Array<Record<string, unknown>> }
    v2.version = 2
    const upgraded = parseSnapshot(v2, 'v2 snapshot')
    expect(upgraded.version).toBe(SNAPSHOT_VERSION)
    const body = upgraded.articles.find((a) => a.key === 'ok26-afstemning' && a.locale === 'da')!.body
    const found = JSON.stringify(body).match(/"internal":(\{[^}]*\})/)
    expect(JSON.parse(found![1])).toEqual({
      collection: 'articles',
      key: 'loen-stiger-2026',
      locale: 'da',
      path: '/artikler/loen-stiger-2026/',
      url: `${upgraded.organisation.siteUrl}/artikler/loen-stiger-2026/`,
    })
  })

  it('keeps a link whose target it does not hold, for the channel to show as text', () => {
    const v2 = JSON.parse(fixtureJson) as Record<string, unknown> & { version: number }
    v2.version = 2
    const letters = v2.letters as Array<{ body: unknown[] }>
    letters[0].body = [{ type: 'paragraph', children: [link('kladde', 'k')] }]
    const upgraded = parseSnapshot(v2)
    expect(upgraded.letters[0].body[0]).toEqual({ type: 'paragraph', children: [link('kladde', 'k')] })
  })

  it('refuses a version it does not know, naming the field', () => {
    const v9 = { ...JSON.parse(fixtureJson), version: 9 }
    expect(() => parseSnapshot(v9, 'future.json')).toThrow(
      /future.json is not a valid snapshot:\n {2}version:/,
    )
  })
})
