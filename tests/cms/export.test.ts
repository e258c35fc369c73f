/**
 * Export: only published, due content reaches the snapshot, in its published form, with fallbacks marked,
 * rich text as blocks, media copied beside it; and the result validates against the snapshot schema.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { exportSnapshot } from '../../cms/export/export-snapshot.ts'
import { importContent } from '../../cms/import/import-content.ts'
import { snapshotSchema, type Snapshot } from '../../channels/snapshot/schema.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

const NOW = new Date('2026-06-01T12:00:00Z')
/** Items imported without a date are stamped with the real clock, which is later than NOW: give them one. */
const P = '2026-05-01T00:00:00Z'
let cms: TempCms
let payload: Payload
let snapshot: Snapshot
let warnings: { document: string; field?: string; message: string }[]
let outDir: string

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  const baseDir = path.join(cms.dir, 'in')
  await import('node:fs/promises').then((fs) => fs.mkdir(baseDir, { recursive: true }))
  await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2f7d4a' } })
    .jpeg()
    .toFile(path.join(baseDir, 'hero.jpg'))
  const report = await importContent(
    payload,
    {
      organisation: {
        name: 'Testforbundet',
        siteUrl: 'https://test.example.org',
        localized: { da: { tagline: 'Sammen' } },
      },
      articles: [
        {
          slug: 'offentlig',
          title: 'Offentlig',
          summary: 'Resumé',
          body: { markdown: 'Brødtekst med **fed** og [link](https://example.org)' },
          image: { file: 'hero.jpg', alt: 'Grønt billede' },
          publishedAt: '2026-05-01T08:00:00Z',
        },
        { slug: 'offentlig-sv', locale: 'sv', translationOf: 'offentlig', title: 'Offentlig på svenska' },
        { slug: 'kladde', title: 'Kun kladde', status: 'draft' },
        { slug: 'fremtid', title: 'Udkommer senere', publishedAt: '2026-12-24T08:00:00Z' },
        { slug: 'med-ny-kladde', title: 'Udgivet titel', publishedAt: '2026-05-02T08:00:00Z' },
      ],
      benefits: [
        {
          slug: 'gyldig',
          publishedAt: P,
          name: 'Gyldig fordel',
          partner: 'Partner A/S',
          category: 'Fritid',
          validTo: '2026-12-31T00:00:00Z',
        },
        {
          slug: 'udloebet',
          publishedAt: P,
          name: 'Udløbet fordel',
          partner: 'Partner A/S',
          category: 'Fritid',
          validTo: '2026-01-31T00:00:00Z',
        },
        { slug: 'uden-partner', publishedAt: P, name: 'Uden partner', category: 'Økonomi' },
      ],
      campaigns: [
        { slug: 'slut', publishedAt: P, title: 'Afsluttet kampagne', endsAt: '2026-02-01T00:00:00Z' },
        {
          slug: 'koerer',
          publishedAt: P,
          title: 'Kørende kampagne',
          endsAt: '2026-12-01T00:00:00Z',
          callToAction: { label: 'Gå med', url: 'https://example.org/ind' },
          relatedArticles: ['offentlig', 'kladde'],
        },
        { slug: 'pagaende', locale: 'sv', translationOf: 'koerer', title: 'Pågående kampanj' },
      ],
      newsletters: [
        {
          slug: 'udgave',
          publishedAt: P,
          subject: 'Nyhedsbrev',
          items: [
            { kind: 'article', key: 'offentlig' },
            { kind: 'article', key: 'kladde' },
            { kind: 'campaign', key: 'koerer' },
          ],
        },
      ],
      letters: [
        {
          slug: 'brev',
          publishedAt: P,
          subject: 'Velkommen',
          body: { markdown: 'Kære {{first_name}}, dit nummer er {{member_number}}.' },
          signature: { name: 'Formand Test', title: 'Formand' },
        },
        { slug: 'brev-sv', locale: 'sv', translationOf: 'brev', subject: 'Välkommen' },
      ],
    },
    { baseDir },
  )
  expect(report.rejected).toEqual([])

  // The cards' font is chosen in the admin (the Organisation global).
  await payload.updateGlobal({ slug: 'organisation', data: { cardFont: 'noto-serif' }, overrideAccess: true })

  // A newer draft over a published document must not leak.
  const published = (
    await payload.find({
      collection: 'articles',
      where: { slug: { equals: 'med-ny-kladde' } },
      overrideAccess: true,
    })
  ).docs[0]
  await payload.update({
    collection: 'articles',
    id: published.id,
    data: { title: 'Hemmelig ny titel' },
    draft: true,
    overrideAccess: true,
  })

  // A draft whose scheduled publish time has come is published by the export's job run.
  const scheduled = await payload.create({
    collection: 'articles',
    data: { title: 'Planlagt og forfalden', publishedAt: '2026-05-03T08:00:00Z', _status: 'draft' },
    draft: true,
    overrideAccess: true,
  })
  expect(scheduled._status).toBe('draft')
  await payload.jobs.queue({
    task: 'schedulePublish',
    input: { type: 'publish', doc: { relationTo: 'articles', value: String(scheduled.id) } },
    waitUntil: new Date(Date.now() - 60_000),
  })
  // One scheduled for next year stays a draft.
  const later = await payload.create({
    collection: 'articles',
    data: { title: 'Planlagt til senere', _status: 'draft' },
    draft: true,
    overrideAccess: true,
  })
  await payload.jobs.queue({
    task: 'schedulePublish',
    input: { type: 'publish', doc: { relationTo: 'articles', value: String(later.id) } },
    waitUntil: new Date(Date.now() + 365 * 86_400_000),
  })

  outDir = path.join(cms.dir, 'out')
  const result = await exportSnapshot(payload, { dir: outDir, now: NOW })
  snapshot = result.snapshot
  warnings = result.warnings
})

afterAll(async () => cms?.close())

const titles = () => snapshot.articles.filter((a) => a.locale === 'da').map((a) => a.title)

describe('the snapshot', () => {
  it('validates against the schema the channels use', () => {
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true)
  })

  it('holds published articles and never drafts or documents scheduled for later', () => {
    expect(titles()).toEqual(expect.arrayContaining(['Offentlig', 'Udgivet titel']))
    expect(titles()).not.toContain('Kun kladde')
    expect(titles()).not.toContain('Udkommer senere')
    expect(titles()).not.toContain('Planlagt til senere')
  })

  it('shows a published document in its published form when a newer draft exists', () => {
    expect(titles()).not.toContain('Hemmelig ny titel')
  })

  it('publishes a scheduled draft once its time has come', () => {
    expect(titles()).toContain('Planlagt og forfalden')
  })

  it('marks text that fell back to the default locale', () => {
    const sv = snapshot.articles.find((a) => a.key === 'offentlig' && a.locale === 'sv')
    expect(sv?.title).toBe('Offentlig på svenska')
    expect(sv?.slug).toBe('offentlig-sv')
    expect(sv?.fallbackFields).toEqual(expect.arrayContaining(['summary', 'body']))
    expect(sv?.translations).toEqual({ da: 'offentlig', sv: 'offentlig-sv' })
    const da = snapshot.articles.find((a) => a.key === 'offentlig' && a.locale === 'da')
    expect(da?.fallbackFields).toEqual([])
    // No entry in nb or en: the document has no text of its own there.
    expect(
      snapshot.articles
        .filter((a) => a.key === 'offentlig')
        .map((a) => a.locale)
        .sort(),
    ).toEqual(['da', 'sv'])
  })

  it('carries rich text as blocks and media with sizes, copied beside the snapshot', () => {
    const da = snapshot.articles.find((a) => a.key === 'offentlig' && a.locale === 'da')!
    expect(da.body[0]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Brødtekst med ' },
        { type: 'text', text: 'fed', bold: true },
        { type: 'text', text: ' og ' },
        { type: 'link', href: 'https://example.org', children: [{ type: 'text', text: 'link' }] },
      ],
    })
    expect(da.hero?.alt).toBe('Grønt billede')
    expect(da.hero?.width).toBe(1200)
    expect(Object.keys(da.hero?.sizes ?? {})).toEqual(expect.arrayContaining(['thumbnail', 'card']))
    expect(existsSync(path.join(outDir, da.hero!.file))).toBe(true)
    expect(existsSync(path.join(outDir, da.hero!.sizes.card.file))).toBe(true)
  })

  it('drops expired benefits and reports a missing partner', () => {
    expect(snapshot.benefits.map((b) => b.key).sort()).toEqual(['gyldig', 'uden-partner'])
    expect(warnings).toContainEqual({
      document: 'benefits/uden-partner (da)',
      field: 'partner',
      message: 'no partner given',
    })
  })

  it('marks a call-to-action label and a signature title that fell back to Danish', () => {
    const campaign = snapshot.campaigns.find((c) => c.key === 'koerer' && c.locale === 'sv')
    expect(campaign?.callToAction).toEqual({ label: 'Gå med', url: 'https://example.org/ind' })
    expect(campaign?.fallbackFields).toContain('callToAction.label')
    const letter = snapshot.letters.find((l) => l.key === 'brev' && l.locale === 'sv')
    expect(letter?.signature.title).toBe('Formand')
    expect(letter?.fallbackFields).toContain('signature.title')
    const da = snapshot.campaigns.find((c) => c.key === 'koerer' && c.locale === 'da')
    expect(da?.fallbackFields).not.toContain('callToAction.label')
  })

  it('marks ended campaigns', () => {
    expect(Object.fromEntries(snapshot.campaigns.map((c) => [c.key, c.ended]))).toEqual({
      slut: true,
      koerer: false,
    })
  })

  it('keeps edition items in order, leaving out one that is not published, named by its position only', () => {
    expect(snapshot.newsletters[0].items).toEqual([
      { kind: 'article', key: 'offentlig' },
      { kind: 'campaign', key: 'koerer' },
    ])
    expect(warnings).toContainEqual({
      document: 'newsletters/udgave (da)',
      field: 'items[1]',
      message: `the article it names is not published on ${NOW.toISOString().slice(0, 10)} (a draft, private, scheduled for later or deleted); left out`,
    })
    // A campaign's related articles likewise.
    for (const locale of ['da', 'sv']) {
      const campaign = snapshot.campaigns.find((c) => c.key === 'koerer' && c.locale === locale)
      expect(campaign?.relatedArticles).toEqual(['offentlig'])
    }
    expect(warnings).toContainEqual({
      document: 'campaigns/koerer (da)',
      field: 'relatedArticles[1]',
      message: `the article it names is not published on ${NOW.toISOString().slice(0, 10)} (a draft, private, scheduled for later or deleted); left out`,
    })
    // The draft's key (its slug) is nowhere in the snapshot, nor in any warning.
    expect(JSON.stringify(snapshot)).not.toContain('"kladde"')
    expect(JSON.stringify(warnings)).not.toMatch(/Kun kladde|[^-]kladde/)
  })

  it('turns merge fields in letters into merge-field blocks', () => {
    expect(snapshot.letters[0].body[0]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Kære ' },
        { type: 'mergeField', field: 'first_name' },
        { type: 'text', text: ', dit nummer er ' },
        { type: 'mergeField', field: 'member_number' },
        { type: 'text', text: '.' },
      ],
    })
  })

  it('carries the organisation with every locale filled', () => {
    expect(snapshot.organisation.name).toBe('Testforbundet')
    expect(snapshot.organisation.siteUrl).toBe('https://test.example.org')
    expect(snapshot.organisation.cardFont).toBe('noto-serif')
    expect(snapshot.organisation.localized.da.tagline).toBe('Sammen')
    expect(snapshot.organisation.localized.en.fallbackFields).toContain('tagline')
  })
})
