/**
 * Rich text through import and export on a real Payload + SQLite: every element of the fixture arrives
 * as its block, no two words glue, code keeps its spaces, what the tree cannot carry is a named warning.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportSnapshot } from '../../cms/export/export-snapshot.ts'
import { importContent, importFile, type ImportReport } from '../../cms/import/import-content.ts'
import { blocksPlainText } from '../../channels/snapshot/block-text.ts'
import type { Block, Inline, Snapshot } from '../../channels/snapshot/schema.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'
import {
  CODE_TEXT,
  HOSTILE_CELL,
  RICH_HTML,
  richImportContent,
  sourceWords,
  words,
  writeRichImages,
} from '../fixtures/rich/rich-fixture.ts'

let cms: TempCms
let report: ImportReport
let snapshot: Snapshot

beforeAll(async () => {
  cms = await startTempCms()
  const baseDir = path.join(cms.dir, 'in')
  await writeRichImages(baseDir)
  report = await importContent(cms.payload, richImportContent(), { baseDir })
  snapshot = (
    await exportSnapshot(cms.payload, {
      dir: path.join(cms.dir, 'out'),
      now: new Date('2026-06-01T00:00:00Z'),
    })
  ).snapshot
}, 120_000)

afterAll(async () => cms?.close())

const body = (slug: string) => snapshot.articles.find((a) => a.slug === slug)!.body
const textOf = (inlines: Inline[]): string =>
  inlines
    .map((i) =>
      i.type === 'text'
        ? i.text
        : i.type === 'link'
          ? textOf(i.children)
          : i.type === 'lineBreak'
            ? '\n'
            : '',
    )
    .join('')
const ofType = <T extends Block['type']>(blocks: Block[], type: T) =>
  blocks.filter((b): b is Extract<Block, { type: T }> => b.type === type)

describe('import → export of rich HTML', () => {
  it('imports every item and names what it could not carry', () => {
    expect(report.rejected).toEqual([])
    expect(report.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual(
      expect.arrayContaining([
        'articles/rig-tekst (da) body: <video> not supported; its link is kept',
        'articles/rig-tekst (da) body: <img src="img/findes-ikke.jpg"> not found; its alt text is kept',
      ]),
    )
  })

  it('keeps every word in order, none glued', () => {
    expect(words(blocksPlainText(body('rig-tekst')))).toEqual(sourceWords(RICH_HTML).filter((w) => w !== '—'))
  })

  it('keeps headings h2–h6 apart (a body h1 joins h2) and in source order', () => {
    expect(ofType(body('rig-tekst'), 'heading').map((h) => h.level)).toEqual([2, 2, 3, 4, 5, 6])
  })

  it('carries marks, lists with start and check boxes, quote citation, rule', () => {
    const blocks = body('rig-tekst')
    const first = ofType(blocks, 'paragraph')[0].children
    expect(first).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: '2', subscript: true }),
        expect.objectContaining({ text: '2', superscript: true }),
        expect.objectContaining({ text: 'gammel sats', strikethrough: true }),
      ]),
    )
    expect(textOf(first)).toContain('one two three')
    const [ordered, nestedHolder, check] = [
      ofType(blocks, 'list')[0],
      ofType(blocks, 'list')[0].items[1],
      ofType(blocks, 'list')[1],
    ]
    expect(ordered).toMatchObject({ ordered: true, start: 8 })
    expect(nestedHolder.list?.items.map((i) => textOf(i.children))).toEqual(['Underpunkt a', 'Underpunkt b'])
    expect(check).toMatchObject({ check: true, items: [{ checked: true }, { checked: false }] })
    expect(ofType(blocks, 'quote')[0]).toMatchObject({ citation: 'Kirsten Fjeldvik, formand' })
    expect(textOf(ofType(blocks, 'quote')[0].children)).toBe('Det bedste resultat i ti år.')
    expect(ofType(blocks, 'rule')).toHaveLength(1)
  })

  it('keeps code exactly, with its language', () => {
    expect(ofType(body('rig-tekst'), 'code')[0]).toEqual({
      type: 'code',
      code: CODE_TEXT,
      language: 'python',
    })
    expect(ofType(body('markdown-tekst'), 'code')[0]).toEqual({
      type: 'code',
      code: 'echo  "to  mellemrum"\n  indrykket linje',
      language: 'shell',
    })
  })

  it('makes tables with a header row, caption and the same cells in order', () => {
    const table = ofType(body('rig-tekst'), 'table')[0]
    expect(table.caption).toBe('Satser fra 1. marts')
    expect(table.rows[0].header).toBe(true)
    expect(table.rows.map((r) => r.cells.map(textOf))).toEqual([
      ['Gruppe', 'Sats', 'Note'],
      ['Elev', '142,10 kr.', HOSTILE_CELL],
      ['Faglært', '212,50 kr.', 'Se satser'],
    ])
    const md = ofType(body('markdown-tekst'), 'table')[0]
    expect(md.rows.map((r) => r.cells.map(textOf))).toEqual([
      ['Uge', 'Timer'],
      ['1', '37'],
      ['2', '40 med overtid'],
    ])
  })

  it('places pictures where they stood: figure with caption, inline image, gallery, missing one as alt text', () => {
    const blocks = body('rig-tekst')
    const images = ofType(blocks, 'image')
    expect(images.map((i) => [i.image.alt, i.caption])).toEqual([
      ['Medlemmer til møde i Tromsø', 'Mødet i Tromsø i januar'],
      ['Diagram over satser', undefined],
    ])
    expect(ofType(blocks, 'gallery')[0].images).toHaveLength(2)
    // One upload per file, however often a body shows it.
    expect(
      new Set([
        ...images.map((i) => i.image.id),
        ...ofType(blocks, 'gallery')[0].images.map((i) => i.image.id),
      ]).size,
    ).toBe(2)
    expect(ofType(blocks, 'embed')).toEqual([
      { type: 'embed', url: 'https://video.example.org/ok-2027.mp4', title: 'Formanden forklarer aftalen' },
    ])
  })

  it('removes scripts and unsafe links', () => {
    const json = JSON.stringify(body('rig-tekst'))
    expect(json).not.toContain('javascript:')
    expect(json).not.toContain('væk')
  })
})

describe('import with --media-root', () => {
  it('finds <img src> paths and web addresses under the media root by path, and warns for what is not there', async () => {
    const root = path.join(cms.dir, 'old-site')
    await writeRichImages(path.join(root, 'images'))
    const importDir = path.join(cms.dir, 'elsewhere')
    await mkdir(importDir, { recursive: true })
    const file = path.join(importDir, 'content.json')
    const html =
      '<p>Fra det gamle websted:</p><img src="https://old.example.org/images/img/moede.jpg" alt="Gammelt møde"><p>og</p><img src="/images/img/tal.png" alt="Gamle tal"><img src="/images/img/mangler.png" alt="Væk"><table><tr><td>Partner <img src="/images/img/tal.png" alt="Nordlys-logo"></td></tr></table>'
    await writeFile(
      file,
      JSON.stringify({
        articles: [
          { slug: 'gammel-side', title: 'Gammel side', body: { html }, publishedAt: '2026-05-04T08:00:00Z' },
        ],
      }),
    )
    const result = await importFile(cms.payload, file, { mediaRoot: root })
    expect(result.rejected).toEqual([])
    expect(result.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'articles/gammel-side (da) body: <img src="/images/img/mangler.png"> not found; its alt text is kept',
      'articles/gammel-side (da) body: <img src="/images/img/tal.png"> inside a table cell not supported; its alt text is kept',
    ])
    const doc = await cms.payload.find({
      collection: 'articles',
      where: { slug: { equals: 'gammel-side' } },
      depth: 0,
      overrideAccess: true,
    })
    const nodes = (
      doc.docs[0] as unknown as {
        body: { root: { children: { type: string; fields?: { alt?: string } }[] } }
      }
    ).body.root.children
    expect(nodes.filter((n) => n.type === 'upload').map((n) => n.fields?.alt)).toEqual([
      'Gammelt møde',
      'Gamle tal',
    ])
    expect(JSON.stringify(nodes)).toContain('Væk')
    // In the table cell the picture's alt text stands where it was, a space apart from the word before.
    expect(JSON.stringify(nodes)).toMatch(/"text":"Partner ".*?"text":"Nordlys-logo"/)

    // The same file again changes nothing; a new picture under the same name is a change.
    expect(await importFile(cms.payload, file, { mediaRoot: root })).toMatchObject({
      unchanged: 1,
      updated: 0,
    })
    await sharp({ create: { width: 320, height: 200, channels: 3, background: '#b3123b' } })
      .png()
      .toFile(path.join(root, 'images/img/tal.png'))
    expect(await importFile(cms.payload, file, { mediaRoot: root })).toMatchObject({
      unchanged: 0,
      updated: 1,
    })
  })
})
