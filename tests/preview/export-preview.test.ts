/**
 * The preview snapshot, from a real Payload on a temporary SQLite file: the document's latest saved
 * draft (not its published form), the published documents it refers to, nothing else; errors name
 * the document and the field; looking at a preview publishes nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  exportPreviewSnapshot,
  exportSnapshot,
  PreviewExportError,
} from '../../cms/export/export-snapshot.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

let cms: TempCms
let payload: Payload
let outDir: string
const NOW = new Date('2026-05-01T12:00:00Z')

const paragraph = (text: string) => ({
  root: {
    type: 'root',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    children: [
      {
        type: 'paragraph',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        textFormat: 0,
        children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
      },
    ],
  },
})

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  outDir = await mkdtemp(path.join(os.tmpdir(), 'preview-export-'))
})

afterAll(async () => {
  await cms?.close()
  if (outDir) await rm(outDir, { recursive: true, force: true })
})

const preview = (collection: 'articles' | 'newsletters' | 'benefits' | 'pages', id: number | string) =>
  exportPreviewSnapshot(payload, { dir: outDir, now: NOW, target: { collection, id: String(id) } })

describe('preview snapshot', () => {
  it('holds the latest saved draft of a published article, while the published snapshot keeps the published text', async () => {
    const article = await payload.create({
      collection: 'articles',
      data: {
        title: 'Overenskomst godkendt',
        summary: 'Offentliggjort',
        body: paragraph('Den gamle tekst.'),
        _status: 'published',
        publishedAt: '2026-04-01T08:00:00Z',
      },
      overrideAccess: true,
    })
    await payload.update({
      collection: 'articles',
      id: article.id,
      data: { title: 'Overenskomst godkendt med stort flertal', body: paragraph('Den nye tekst i kladden.') },
      draft: true,
      overrideAccess: true,
    })
    await payload.create({
      collection: 'articles',
      data: { title: 'En anden artikel', _status: 'published', publishedAt: '2026-04-02T08:00:00Z' },
      overrideAccess: true,
    })

    const { snapshot } = await preview('articles', article.id)
    expect(snapshot.articles.map((a) => a.title)).toEqual(['Overenskomst godkendt med stort flertal'])
    expect(JSON.stringify(snapshot.articles[0].body)).toContain('Den nye tekst i kladden.')
    expect(snapshot.newsletters).toEqual([])

    const published = await exportSnapshot(payload, { dir: outDir, now: NOW })
    expect(published.snapshot.articles.map((a) => a.title).sort()).toEqual([
      'En anden artikel',
      'Overenskomst godkendt',
    ])
  })

  it('shows a draft scheduled for later, and looking at it publishes nothing', async () => {
    const draft = await payload.create({
      collection: 'articles',
      data: { title: 'Planlagt til juni', publishedAt: '2026-06-01T06:00:00Z' },
      draft: true,
      overrideAccess: true,
    })
    // A due scheduled publish that a full export would run: a preview must leave it alone.
    await payload.jobs.queue({
      task: 'schedulePublish',
      input: { type: 'publish', doc: { relationTo: 'articles', value: String(draft.id) } },
      waitUntil: new Date(Date.now() - 1000),
    })

    const { snapshot } = await preview('articles', draft.id)
    expect(snapshot.articles.map((a) => a.title)).toEqual(['Planlagt til juni'])
    const after = await payload.findByID({
      collection: 'articles',
      id: draft.id,
      draft: true,
      overrideAccess: true,
    })
    expect(after._status).toBe('draft')
  })

  it('includes an edition’s published items only', async () => {
    const published = await payload.create({
      collection: 'articles',
      data: { title: 'Med i nyhedsbrevet', _status: 'published', publishedAt: '2026-04-03T08:00:00Z' },
      overrideAccess: true,
    })
    const unpublished = await payload.create({
      collection: 'articles',
      data: { title: 'Endnu en kladde' },
      draft: true,
      overrideAccess: true,
    })
    const edition = await payload.create({
      collection: 'newsletters',
      data: {
        subject: 'Maj-nyt',
        items: [
          { relationTo: 'articles', value: published.id },
          { relationTo: 'articles', value: unpublished.id },
        ],
      },
      draft: true,
      overrideAccess: true,
    })
    const { snapshot, warnings } = await preview('newsletters', edition.id)
    expect(snapshot.newsletters.map((n) => n.subject)).toEqual(['Maj-nyt'])
    // The draft item is left out, as in a publish, and the warning says which one by its position.
    expect(snapshot.newsletters[0].items.map((i) => i.key)).toEqual(['med-i-nyhedsbrevet'])
    expect(warnings).toContainEqual(
      expect.objectContaining({
        field: 'items[1]',
        message: expect.stringMatching(/^the article it names is not published/),
      }),
    )
    expect(snapshot.articles.map((a) => a.title)).toEqual(['Med i nyhedsbrevet'])
  })

  it('shows an expired benefit with a warning naming the field', async () => {
    const benefit = await payload.create({
      collection: 'benefits',
      data: {
        name: 'Gammel rabat',
        partner: 'Eksempel A/S',
        category: 'Fritid',
        validTo: '2026-01-31T00:00:00Z',
      },
      draft: true,
      overrideAccess: true,
    })
    const { snapshot, warnings } = await preview('benefits', benefit.id)
    expect(snapshot.benefits.map((b) => b.name)).toEqual(['Gammel rabat'])
    expect(warnings).toContainEqual(
      expect.objectContaining({ field: 'validTo', message: expect.stringMatching(/ended 2026-01-31/) }),
    )
  })

  it('names the document and field when the draft cannot be previewed', async () => {
    const untitled = await payload.create({
      collection: 'articles',
      data: { summary: 'Kun et resumé indtil videre' },
      draft: true,
      overrideAccess: true,
    })
    const error = await preview('articles', untitled.id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PreviewExportError)
    expect((error as Error).message).toMatch(new RegExp(`^articles/${untitled.id} (title|slug)`))

    const missing = await preview('articles', 999_999).catch((e: unknown) => e)
    expect((missing as Error).message).toBe('articles/999999: no such document (deleted?)')
  })

  it('holds a page’s latest draft below its published parent, and names an unpublished parent', async () => {
    const parent = await payload.create({
      collection: 'pages',
      data: { title: 'Om forbundet', _status: 'published', publishedAt: '2026-04-01T08:00:00Z' },
      overrideAccess: true,
    })
    const page = await payload.create({
      collection: 'pages',
      data: {
        title: 'Vedtægter',
        parent: parent.id,
        _status: 'published',
        publishedAt: '2026-04-01T08:00:00Z',
      },
      overrideAccess: true,
    })
    await payload.update({
      collection: 'pages',
      id: page.id,
      data: { title: 'Vedtægter vedtaget på kongressen 2026' },
      draft: true,
      overrideAccess: true,
    })
    const { snapshot } = await preview('pages', page.id)
    expect(snapshot.pages.map((p) => [p.title, p.parentSlugs])).toEqual([
      ['Vedtægter vedtaget på kongressen 2026', ['om-forbundet']],
      ['Om forbundet', []],
    ])

    const draftParent = await payload.create({
      collection: 'pages',
      data: { title: 'Lokalafdelinger' },
      draft: true,
      overrideAccess: true,
    })
    const child = await payload.create({
      collection: 'pages',
      data: { title: 'Afdeling Nord', parent: draftParent.id },
      draft: true,
      overrideAccess: true,
    })
    const error = await preview('pages', child.id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PreviewExportError)
    expect((error as Error).message).toMatch(
      /^pages\/afdeling-nord parent: its parent page .* is not published/,
    )
  })
})
