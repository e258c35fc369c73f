/**
 * Import: good, bad and hostile items on a real SQLite database; an identical re-import changes nothing;
 * the CLI exits non-zero and names each rejected item.
 */
import { execFile } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { importContent, importFile, type ImportReport } from '../../cms/import/import-content.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

let cms: TempCms
let payload: Payload
let baseDir: string
let first: ImportReport

const HOSTILE_TITLE = '<script>alert("x")</script> & ]]> "quoted"'
const LONG_TITLE = 'Overenskomst '.repeat(400).slice(0, 5000)
const NORDIC_TITLE = 'Sámi: Ŋuđđu ja čáhci, Føroyar: Ðú ert við 🎉'
const RTL_TITLE = 'عربي עברית mixed with dansk'

function content() {
  return {
    topics: [{ slug: 'loen', name: { da: 'Løn', sv: 'Lön' } }],
    articles: [
      {
        slug: 'god-artikel',
        title: 'En god artikel',
        summary: 'Kort',
        body: { markdown: 'Hej **verden**\n\n- et\n- to' },
        topics: ['loen', 'helt-nyt-emne'],
        segments: ['students'],
        image: { file: 'img/ok.jpg', alt: 'Et billede' },
        publishedAt: '2026-03-01T09:00:00Z',
      },
      { slug: 'mangler-titel', summary: 'Ingen titel' },
      { slug: 'forkert-sprog', locale: 'fi', title: 'Suomeksi' },
      { slug: 'mangler-billede', title: 'Billede mangler', image: { file: 'img/none.jpg', alt: 'x' } },
      { slug: 'forkert-dato', title: 'Dato', publishedAt: 'i morgen' },
      {
        slug: 'fjendtlig',
        title: HOSTILE_TITLE,
        summary: '<b>fed</b> & "citat"',
        body: {
          html: '<p>Tekst<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">klik</a></p>',
        },
      },
      { title: LONG_TITLE },
      { slug: 'nordisk', title: NORDIC_TITLE },
      { slug: 'rtl', title: RTL_TITLE },
      { slug: 'god-artikel-sv', locale: 'sv', translationOf: 'god-artikel', title: 'En bra artikel' },
      {
        slug: 'oversaettelse-uden-original',
        locale: 'nb',
        translationOf: 'findes-ikke',
        title: 'Uten original',
      },
    ],
    campaigns: [
      {
        slug: 'ruller-tilbage',
        title: 'Kampagne med ukendt artikel',
        image: { file: 'img/other.jpg', alt: 'Andet billede' },
        relatedArticles: ['findes-ikke'],
      },
    ],
    unknownSection: [],
  }
}

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  baseDir = path.join(cms.dir, 'import')
  await mkdir(path.join(baseDir, 'img'), { recursive: true })
  await sharp({ create: { width: 64, height: 48, channels: 3, background: '#b3123b' } })
    .jpeg()
    .toFile(path.join(baseDir, 'img/ok.jpg'))
  await sharp({ create: { width: 64, height: 48, channels: 3, background: '#1d4e89' } })
    .jpeg()
    .toFile(path.join(baseDir, 'img/other.jpg'))
  first = await importContent(payload, content(), { baseDir })
})

afterAll(async () => cms?.close())

const problems = () => first.rejected.map((p) => `${p.path}: ${p.message}`)

describe('bad items', () => {
  it('are reported with their path and reason', () => {
    expect(problems()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^articles\[1\]\.title: /),
        expect.stringMatching(/^articles\[2\]\.locale: unknown locale/),
        'articles[3].image.file: file not found: img/none.jpg',
        'articles[4].publishedAt: not a date',
        'articles[10].translationOf: no articles document with slug "findes-ikke" in da',
        'campaigns[0].relatedArticles: no articles document with slug "findes-ikke"',
        expect.stringMatching(/^unknownSection: unknown section/),
      ]),
    )
    expect(first.rejected).toHaveLength(7)
  })

  it('write nothing of themselves', async () => {
    const slugs = (
      await payload.find({ collection: 'articles', limit: 100, overrideAccess: true, draft: true })
    ).docs.map((d) => d.slug)
    for (const slug of ['mangler-titel', 'forkert-sprog', 'mangler-billede', 'forkert-dato'])
      expect(slugs).not.toContain(slug)
    expect((await payload.count({ collection: 'campaigns', overrideAccess: true })).totalDocs).toBe(0)
    // The rolled-back campaign's image upload is gone too.
    const alts = (await payload.find({ collection: 'media', overrideAccess: true })).docs.map((m) => m.alt)
    expect(alts).toEqual(['Et billede'])
  })

  it('do not stop the good ones', () => {
    expect(first.created).toBe(1 + 5) // topic loen + five good da articles; the sv translation is an update
    expect(first.updated).toBe(1)
  })
})

describe('good items', () => {
  it('become published documents with converted body, image, topics and segments', async () => {
    const doc = (
      await payload.find({
        collection: 'articles',
        where: { slug: { equals: 'god-artikel' } },
        depth: 1,
        overrideAccess: true,
      })
    ).docs[0]
    expect(doc._status).toBe('published')
    expect(JSON.stringify(doc.body)).toContain('verden')
    expect((doc.hero as { alt: string }).alt).toBe('Et billede')
    expect((doc.topics as { slug: string }[]).map((t) => t.slug)).toEqual(['loen', 'helt-nyt-emne'])
    expect((doc.segments as { slug: string }[]).map((t) => t.slug)).toEqual(['students'])
    const sv = await payload.findByID({
      collection: 'articles',
      id: doc.id,
      locale: 'sv',
      fallbackLocale: false,
      overrideAccess: true,
    })
    expect(sv.title).toBe('En bra artikel')
    expect(sv.slug).toBe('god-artikel-sv')
  })

  it('keep plain text exactly as given: hostile, long, Nordic, emoji and right-to-left', async () => {
    const titles = (
      await payload.find({ collection: 'articles', limit: 100, overrideAccess: true })
    ).docs.map((d) => d.title)
    expect(titles).toEqual(expect.arrayContaining([HOSTILE_TITLE, LONG_TITLE, NORDIC_TITLE, RTL_TITLE]))
    const long = (
      await payload.find({
        collection: 'articles',
        where: { title: { equals: LONG_TITLE } },
        overrideAccess: true,
      })
    ).docs[0]
    expect(long.slug).toMatch(/^overenskomst-overenskomst/)
    expect((long.slug as string).length).toBeLessThanOrEqual(80)
  })

  it('drop scripts, event handlers and javascript: links from HTML bodies', async () => {
    const doc = (
      await payload.find({
        collection: 'articles',
        where: { slug: { equals: 'fjendtlig' } },
        overrideAccess: true,
      })
    ).docs[0]
    const body = JSON.stringify(doc.body)
    expect(body).toContain('Tekst')
    expect(body).not.toMatch(/alert|script|onerror|javascript:/i)
  })
})

describe('a second identical import', () => {
  it('changes nothing', async () => {
    const versionsBefore = (await payload.countVersions({ collection: 'articles', overrideAccess: true }))
      .totalDocs
    const second = await importContent(payload, content(), { baseDir })
    expect(second.created).toBe(0)
    expect(second.updated).toBe(0)
    expect(second.unchanged).toBe(first.created + first.updated)
    expect((await payload.countVersions({ collection: 'articles', overrideAccess: true })).totalDocs).toBe(
      versionsBefore,
    )
  })
})

describe('slugs', () => {
  it('refuse a duplicate in the same collection and locale with a clear message', async () => {
    await expect(
      payload.create({
        collection: 'articles',
        data: { title: 'Dublet', slug: 'god-artikel' },
        overrideAccess: true,
      }),
    ).rejects.toThrow(/slug/i)
    const error = await payload
      .create({
        collection: 'articles',
        data: { title: 'Dublet', slug: 'god-artikel' },
        overrideAccess: true,
      })
      .catch((e: { data?: unknown }) => e)
    expect(JSON.stringify((error as { data?: unknown }).data)).toContain(
      'The slug \\"god-artikel\\" is already used by another document in articles (da)',
    )
  })

  it('are generated from the title and stay fixed once published', async () => {
    const doc = await payload.create({
      collection: 'articles',
      data: { title: 'Ærlig løn på Åløkke', _status: 'published' },
      overrideAccess: true,
    })
    expect(doc.slug).toBe('aerlig-loen-paa-aaloekke')
    const retitled = await payload.update({
      collection: 'articles',
      id: doc.id,
      data: { title: 'Ny titel' },
      overrideAccess: true,
    })
    expect(retitled.slug).toBe('aerlig-loen-paa-aaloekke')
    await expect(
      payload.update({ collection: 'articles', id: doc.id, data: { slug: 'ny-slug' }, overrideAccess: true }),
    ).rejects.toThrow(/fixed once published/)
  })
})

describe('the organisation', () => {
  it('takes the card font, and rejects one that does not exist without changing anything', async () => {
    const bad = await importContent(
      payload,
      { organisation: { name: 'FAF', cardFont: 'comic-sans' } },
      { baseDir },
    )
    expect(bad.rejected.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'organisation.cardFont: not a card font; one of noto-sans, noto-serif',
    ])
    const good = await importContent(
      payload,
      { organisation: { name: 'FAF', cardFont: 'noto-serif' } },
      { baseDir },
    )
    expect(good.rejected).toEqual([])
    const organisation = (await payload.findGlobal({ slug: 'organisation', overrideAccess: true })) as {
      cardFont?: string
    }
    expect(organisation.cardFont).toBe('noto-serif')
  })
})

describe('the import command', () => {
  it('names a missing file, a folder and a file that is not JSON', async () => {
    await expect(importFile(payload, path.join(baseDir, 'finnes-ikke.json'))).rejects.toThrow(
      `${path.join(baseDir, 'finnes-ikke.json')}: no such file`,
    )
    await expect(importFile(payload, baseDir)).rejects.toThrow(`${baseDir}: is a folder, not a file`)
    const broken = path.join(baseDir, 'broken.json')
    await writeFile(broken, '{"articles": [')
    await expect(importFile(payload, broken)).rejects.toThrow(`${broken}: not readable JSON`)
  })

  it('exits non-zero and names each rejected item', async () => {
    const file = path.join(baseDir, 'bad.json')
    await writeFile(
      file,
      JSON.stringify({
        articles: [
          { slug: 'ok-via-cli', title: 'Via CLI' },
          { slug: 'x', title: 'Dato', publishedAt: 'snart' },
        ],
      }),
    )
    const run = promisify(execFile)('npx', ['budstikke', 'import', file], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, BUDSTIKKE_DATA_DIR: cms.dir },
    })
    const error = (await run.then(
      () => null,
      (e: { code: number; stderr: string; stdout: string }) => e,
    )) as { code: number; stderr: string; stdout: string } | null
    expect(error?.code).toBe(1)
    expect(error?.stderr).toContain('bad.json: articles[1].publishedAt: not a date')
    expect(error?.stdout).toContain('import: 1 created, 0 updated, 0 unchanged, 1 rejected')
  })
})
