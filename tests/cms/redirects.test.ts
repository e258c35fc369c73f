/**
 * The `redirects` collection on a real SQLite database, saved through the Local API as the admin saves:
 * a redirect is stored with its canonical from-path and reaches the snapshot; one that would hide a
 * page of the site, repeat a path, make a loop or a chain, or lead to a script address is refused with
 * a message saying why, on the field the admin shows it at.
 */
import { mkdtemp } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { exportSnapshot } from '../../cms/export/export-snapshot.ts'
import { importContent } from '../../cms/import/import-content.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

const P = '2026-05-01T00:00:00Z'
let cms: TempCms
let payload: Payload
let articleId: number | string
let topicId: number | string
let pageId: number | string

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  const report = await importContent(
    payload,
    {
      organisation: { name: 'Testforbundet', siteUrl: 'https://test.example.org' },
      topics: [{ slug: 'loen', name: 'Løn' }],
      articles: [
        {
          slug: 'ny-overenskomst',
          title: 'Ny overenskomst',
          publishedAt: P,
          topics: ['loen'],
          oldPaths: ['/2018/11/03/ny-overenskomst/', '/?p=123'],
        },
        { slug: 'kladde', title: 'Kladde', status: 'draft' },
      ],
      pages: [
        { slug: 'om-os', title: 'Om os', publishedAt: P },
        { slug: 'kontakt', title: 'Kontakt', parent: 'om-os', publishedAt: P },
        { slug: 'kontakt-sv', locale: 'sv', translationOf: 'kontakt', title: 'Kontakta oss' },
        { slug: 'vedtaegter', title: 'Vedtægter', status: 'draft', oldPaths: ['/love/'] },
      ],
    },
    { baseDir: cms.dir },
  )
  expect(report.rejected).toEqual([])
  const found = await payload.find({ collection: 'articles', where: { slug: { equals: 'ny-overenskomst' } } })
  articleId = found.docs[0].id
  pageId = (await payload.find({ collection: 'pages', where: { slug: { equals: 'kontakt' } } })).docs[0].id
  topicId = (await payload.find({ collection: 'topics', where: { slug: { equals: 'loen' } } })).docs[0].id
}, 120_000)

afterAll(async () => {
  await cms?.close()
})

const toArticle = () => ({ kind: 'document', to: { relationTo: 'articles', value: articleId } })
const toUrl = (url: string) => ({ kind: 'url', url })

async function save(from: string, destination: Record<string, unknown>) {
  return (await payload.create({
    collection: 'redirects',
    data: { from, ...destination } as never,
    depth: 0,
  })) as unknown as {
    id: number | string
    from: string
  }
}

/** The message the admin shows, and the field it shows it at. */
async function refusal(
  from: string,
  destination: Record<string, unknown>,
): Promise<{ path: string; message: string }> {
  try {
    await save(from, destination)
  } catch (error) {
    const errors = (error as { data?: { errors?: Array<{ path: string; message: string }> } }).data?.errors
    if (errors?.length === 1) return errors[0]
    throw error
  }
  throw new Error(`${from} was saved`)
}

describe('saving a redirect', () => {
  it('stores the canonical from-path', async () => {
    expect((await save('/sv/gammal', { ...toArticle(), locale: 'sv' })).from).toBe('/sv/gammal/')
    expect((await save('/Gammel/l%c3%b8n', toArticle())).from).toBe('/Gammel/l%C3%B8n/')
    expect(
      (await save('/om-os/emner', { kind: 'document', to: { relationTo: 'topics', value: topicId } })).from,
    ).toBe('/om-os/emner/')
  })

  it('takes an old query address (/?p=123) as from-path; any other query is refused on the field', async () => {
    expect((await save('/?p=77', toArticle())).from).toBe('/?p=77')
    expect((await save('/index.php?tag=L%c3%b8n', toUrl('https://example.org/'))).from).toBe(
      '/index.php?tag=L%C3%B8n',
    )
    expect((await refusal('/?p=77', toUrl('https://example.org/'))).message).toMatch(
      /^\/\?p=77: .*already redirected by redirect \d+$/,
    )
    expect(await refusal('/?p=1&utm_source=nyhedsbrev', toArticle())).toEqual({
      path: 'from',
      message:
        'from "/?p=1&utm_source=nyhedsbrev": a query must be one key=value pair, such as /?p=123 or /?page_id=45',
    })
  })

  it('refuses a from-path that is a page of the site, even a draft’s', async () => {
    expect(await refusal('/artikler/ny-overenskomst/', toUrl('https://example.org/'))).toEqual({
      path: 'from',
      message:
        '/artikler/ny-overenskomst/: /artikler/ny-overenskomst/ is a page of the site (articles/ny-overenskomst (da)); a redirect there would hide it',
    })
    expect((await refusal('/artikler/kladde', toArticle())).message).toMatch(
      /is a page of the site \(articles\/kladde \(da\)\)/,
    )
    expect((await refusal('/emner/loen/', toArticle())).message).toMatch(
      /is a page of the site \(the topic loen \(da\)\)/,
    )
    expect((await refusal('/sv/', toArticle())).message).toMatch(/the home page \(sv\)/)
    // A site page's path is its ancestors' slugs, then its own; a draft's too.
    expect((await refusal('/om-os/kontakt', toArticle())).message).toMatch(
      /is a page of the site \(pages\/om-os\/kontakt \(da\)\)/,
    )
    expect((await refusal('/sv/om-os/kontakt-sv/', toArticle())).message).toMatch(
      /is a page of the site \(pages\/om-os\/kontakt-sv \(sv\)\)/,
    )
    expect((await refusal('/vedtaegter/', toArticle())).message).toMatch(/pages\/vedtaegter \(da\)/)
    expect((await refusal('/media/gammelt-billede.jpg', toArticle())).message).toMatch(
      /folder of the site's own files/,
    )
  })

  it('refuses a path that already leads somewhere', async () => {
    expect((await refusal('/2018/11/03/ny-overenskomst', toUrl('https://example.org/'))).message).toMatch(
      /is already an old path of articles\/ny-overenskomst/,
    )
    expect((await refusal('/love/', toArticle())).message).toMatch(
      /is already an old path of pages\/vedtaegter/,
    )
    expect((await refusal('/Gammel/løn', toUrl('https://example.org/'))).message).toMatch(
      /^\/Gammel\/l%C3%B8n\/: .*already redirected by redirect \d+$/,
    )
  })

  it('refuses a loop and a chain, naming the other redirect', async () => {
    const a = await save('/a/', toUrl('/b/'))
    const loop = await refusal('/b/', toUrl('https://test.example.org/a/'))
    expect(loop.path).toBe('from')
    expect(loop.message).toMatch(
      new RegExp(`it makes a loop: /b/ → /a/ → /b/ \\(through redirect ${a.id}\\)`),
    )
    expect((await refusal('/c/', toUrl('/a'))).message).toMatch(
      new RegExp(`it leads to /a/, which redirect ${a.id} redirects on to /b/ \\(a chain\\)`),
    )
    // Into a path redirect /a/ leads to: it would make /a/ a chain.
    expect((await refusal('/b/', toUrl('https://example.org/'))).message).toMatch(
      new RegExp(`redirect ${a.id} \\(/a/\\) leads to /b/`),
    )
    expect((await refusal('/d/', toUrl('/d'))).message).toMatch(/it leads to itself/)
    expect((await refusal('/e/', toUrl('/2018/11/03/ny-overenskomst/'))).message).toMatch(
      /an old path of articles\/ny-overenskomst that redirects on/,
    )
  })

  it('treats an old query address (/?p=123) as any path: no chain or loop through it', async () => {
    // Onto an imported old permalink: that address redirects on to the article.
    expect(await refusal('/gammel-nyhed/', toUrl('/?p=123'))).toEqual({
      path: 'from',
      message:
        '/gammel-nyhed/: it leads to /?p=123, an old path of articles/ny-overenskomst that redirects on: let it lead to that document instead',
    })
    // Onto another redirect's query address, written as a path or as an address of the site.
    const p = await save('/?p=200', toUrl('https://example.org/ny-side/'))
    expect((await refusal('/kaede/', toUrl('https://test.example.org/?p=200#top'))).message).toBe(
      `/kaede/: it leads to /?p=200, which redirect ${p.id} redirects on to https://example.org/ny-side/ (a chain): let it lead to the final address instead`,
    )
    // From a query address into another redirect, and onto itself.
    const j = await save('/j/', toUrl('https://example.org/'))
    expect((await refusal('/?p=201', toUrl('/j/'))).message).toMatch(
      new RegExp(`^/\\?p=201: it leads to /j/, which redirect ${j.id} redirects on`),
    )
    expect((await refusal('/?p=202', toUrl('/?p=202'))).message).toBe('/?p=202: it leads to itself (/?p=202)')
    // A loop through query addresses, and a query address that a redirect already leads to.
    const q = await save('/?p=300', toUrl('/?p=301'))
    expect((await refusal('/?p=301', toUrl('/?p=300'))).message).toBe(
      `/?p=301: it makes a loop: /?p=301 → /?p=300 → /?p=301 (through redirect ${q.id})`,
    )
    expect((await refusal('/?p=301', toUrl('https://example.org/'))).message).toBe(
      `/?p=301: redirect ${q.id} (/?p=300) leads to /?p=301: a redirect from here would make a chain; let redirect ${q.id} lead to the final address instead`,
    )
  })

  it('refuses a destination that is no web address or site path, or nothing at all', async () => {
    expect(await refusal('/f/', toUrl('javascript:alert(1)'))).toMatchObject({
      path: 'url',
      message: expect.stringMatching(/cannot be a redirect's destination/),
    })
    expect(await refusal('/f/', { kind: 'document' })).toMatchObject({ path: 'to' })
    expect(await refusal('https://old.example.org/f/', toArticle())).toMatchObject({
      path: 'from',
      message: expect.stringMatching(/path only/),
    })
  })

  it('checks an edit too: a redirect cannot be turned into a loop afterwards', async () => {
    const g = await save('/g/', toUrl('https://example.org/'))
    // /g/ leads off the site: a redirect onto /g/ is a chain all the same.
    expect((await refusal('/h/', toUrl('/g/'))).message).toMatch(
      /redirects on to https:\/\/example\.org\/ \(a chain\)/,
    )
    const i = await save('/i/', toUrl('https://example.org/'))
    await expect(
      payload.update({ collection: 'redirects', id: g.id, data: { url: '/i/' } as never }),
    ).rejects.toMatchObject({
      data: { errors: [{ message: expect.stringMatching(new RegExp(`redirect ${i.id}`)) }] },
    })
  })
})

describe('a redirect to a site page', () => {
  it('is saved: a path that is no page (not even below its parent) may lead to it', async () => {
    expect(
      (await save('/kontakt', { kind: 'document', to: { relationTo: 'pages', value: pageId } })).from,
    ).toBe('/kontakt/')
    expect(
      (await save('/om-os/kontakt/gammel/', { kind: 'document', to: { relationTo: 'pages', value: pageId } }))
        .from,
    ).toBe('/om-os/kontakt/gammel/')
  })
})

describe('the snapshot', () => {
  it('carries every redirect with its destination by key', async () => {
    const dir = await mkdtemp(path.join(cms.dir, 'snap-'))
    const { snapshot } = await exportSnapshot(payload, { dir, now: new Date('2026-06-01T12:00:00Z') })
    const byFrom = Object.fromEntries(snapshot.redirects.map((r) => [r.from, r.to]))
    expect(snapshot.redirects.find((r) => r.from === '/sv/gammal/')?.locale).toBe('sv')
    expect(snapshot.redirects.find((r) => r.from === '/a/')?.locale).toBeNull()
    expect(byFrom).toMatchObject({
      '/Gammel/l%C3%B8n/': { collection: 'articles', key: 'ny-overenskomst' },
      '/sv/gammal/': { collection: 'articles', key: 'ny-overenskomst' },
      '/om-os/emner/': { collection: 'topics', key: 'loen' },
      '/a/': { url: '/b/' },
      '/kontakt/': { collection: 'pages', key: 'kontakt' },
    })
  })
})
