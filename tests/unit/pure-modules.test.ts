// Fast tests of the pure modules between the CMS and the channels: rich text into the block tree
// (export), edition items into documents (newsletters), block tree into letter text (letters).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { lexicalToBlocks, type ConvertOptions, type LexicalNode } from '../../cms/export/lexical-to-blocks.ts'
import {
  blockTexts,
  inlinesToText,
  plainText,
  type MergeValues,
} from '../../channels/letters/letter-content.ts'
import { resolveItems } from '../../channels/newsletter/resolve-items.ts'
import { snapshotSchema, type Inline } from '../../channels/snapshot/schema.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

const root = (...children: LexicalNode[]) => ({ root: { type: 'root', children } })
const paragraph = (...children: LexicalNode[]): LexicalNode => ({ type: 'paragraph', children })
const text = (value: string, format = 0): LexicalNode => ({ type: 'text', text: value, format })

function convert(state: unknown, mergeFields = false) {
  const warnings: string[] = []
  const options: ConvertOptions = {
    mergeFields,
    resolveMedia: () => null,
    resolveInternalLink: (relationTo, value) =>
      relationTo === 'articles' && value === 7
        ? { collection: 'articles', key: 'ok26', href: '/artikler/ok26/' }
        : null,
    warn: (message) => warnings.push(message),
  }
  return { blocks: lexicalToBlocks(state, options), warnings }
}

describe('lexicalToBlocks', () => {
  it('keeps text with its bold and italic marks, and drops empty paragraphs', () => {
    const { blocks } = convert(root(paragraph(text('Stem '), text('nu', 1 | 2)), paragraph()))
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Stem ' },
          { type: 'text', text: 'nu', bold: true, italic: true },
        ],
      },
    ])
  })

  it('starts body headings at h2', () => {
    const { blocks } = convert(root({ type: 'heading', tag: 'h1', children: [text('Løn')] }))
    expect(blocks).toEqual([{ type: 'heading', level: 2, children: [{ type: 'text', text: 'Løn' }] }])
  })

  it('resolves an internal link, and keeps the text of a link to a deleted document, with a warning', () => {
    const link = (value: number): LexicalNode => ({
      type: 'link',
      fields: { linkType: 'internal', doc: { relationTo: 'articles', value } },
      children: [text('læs mere')],
    })
    const { blocks, warnings } = convert(root(paragraph(link(7)), paragraph(link(99))))
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      children: [
        {
          type: 'link',
          href: '/artikler/ok26/',
          internal: { collection: 'articles', key: 'ok26' },
          children: [{ type: 'text', text: 'læs mere' }],
        },
      ],
    })
    expect(blocks[1]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: 'læs mere' }] })
    expect(warnings).toEqual(['a link points at a document that no longer exists; kept as text'])
  })

  it('never makes a link of a javascript: address', () => {
    const { blocks, warnings } = convert(
      root(paragraph({ type: 'link', fields: { url: 'javascript:alert(1)' }, children: [text('klik')] })),
    )
    expect(blocks).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: 'klik' }] }])
    expect(warnings[0]).toMatch(/unsafe or empty address/)
  })

  it('gives a table the caption block that follows it (the admin keeps a table caption that way)', () => {
    const cell = (value: string, headerState = 0): LexicalNode => ({
      type: 'tablecell',
      headerState,
      children: [paragraph(text(value))],
    })
    const table: LexicalNode = {
      type: 'table',
      children: [
        { type: 'tablerow', children: [cell('Løntrin', 1), cell('Sats', 1)] },
        { type: 'tablerow', children: [cell('1'), cell('31.200 kr.')] },
      ],
    }
    const caption = (value: string): LexicalNode => ({
      type: 'block',
      fields: { blockType: 'tableCaption', text: value },
    })
    const { blocks, warnings } = convert(root(table, caption(' Satser fra 1. marts '), caption('Løs tekst')))
    expect(blocks[0]).toMatchObject({ type: 'table', caption: 'Satser fra 1. marts' })
    expect(blocks[1]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: 'Løs tekst' }] })
    expect(blocks).toHaveLength(2)
    expect(warnings).toEqual(['a table caption that follows no table is shown as a paragraph'])
  })

  it('turns {{first_name}} into a merge field in letters only', () => {
    const state = root(paragraph(text('Kære {{ first_name }},')))
    expect(convert(state, true).blocks[0]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Kære ' },
        { type: 'mergeField', field: 'first_name' },
        { type: 'text', text: ',' },
      ],
    })
    expect(convert(state, false).blocks[0]).toEqual({
      type: 'paragraph',
      children: [{ type: 'text', text: 'Kære {{ first_name }},' }],
    })
  })
})

describe('letter text', () => {
  const merge: MergeValues = {
    first_name: 'Testa',
    last_name: 'Fiktivsen',
    member_number: 'T00001',
    branch: 'Aarhus',
  }
  const context = { merge, siteUrl: 'https://budstikke.example' }

  it('fills merge fields, cleans control characters and collapses whitespace', () => {
    const inlines: Inline[] = [
      { type: 'text', text: 'Kære\u0007  ' },
      { type: 'mergeField', field: 'first_name' },
      { type: 'text', text: ',\n\tvelkommen', bold: true },
    ]
    expect(plainText(inlinesToText(inlines, context))).toBe('Kære Testa, velkommen')
    expect(inlinesToText(inlines, context)[2].style).toBe('bold')
  })

  it('prints a link’s address after its text, site paths on the site’s address', () => {
    const link = (href: string, label: string): Inline => ({
      type: 'link',
      href,
      children: [{ type: 'text', text: label }],
    })
    expect(plainText(inlinesToText([link('/artikler/ok26/', 'Læs mere')], context))).toBe(
      'Læs mere (budstikke.example/artikler/ok26/)',
    )
    expect(
      plainText(
        inlinesToText([link('https://fagforening.example/', 'https://fagforening.example/')], context),
      ),
    ).toBe('https://fagforening.example/')
  })

  it('lists every text a letter can print, nested lists and callouts included', () => {
    const texts = blockTexts(
      [
        {
          type: 'list',
          ordered: false,
          items: [
            {
              children: [{ type: 'text', text: 'én' }],
              list: { type: 'list', ordered: true, items: [{ children: [{ type: 'text', text: 'to' }] }] },
            },
          ],
        },
        {
          type: 'callout',
          variant: 'info',
          title: 'Husk',
          children: [{ type: 'text', text: 'frist' }],
          link: { href: '/om/', label: 'Om os' },
        },
      ],
      context,
    )
    expect(texts).toEqual(['én', 'to', 'frist', 'Husk', 'Om os /om/'])
  })
})

describe('resolveItems', () => {
  const snapshot = snapshotSchema.parse(JSON.parse(readFileSync(SAMPLE_SNAPSHOT_FILE, 'utf8')))
  const edition = snapshot.newsletters[0]
  const buildDate = new Date(snapshot.generatedAt)

  it('shows published items in order and names each one left out', () => {
    const warnings: string[] = []
    const items = resolveItems({
      snapshot,
      edition,
      locale: 'da',
      buildDate,
      warn: (field, message) => warnings.push(`${field}: ${message}`),
    })
    expect(items.map((item) => `${item.index} ${item.kind} ${item.doc.key}`)).toEqual([
      '0 campaign stem-ok26',
      '1 article ok26-afstemning',
      '2 article loen-stiger-2026',
      '4 benefit indboforsikring',
    ])
    expect(warnings).toEqual([
      'items[3]: article "unpublished-draft" is not published or was deleted; left out',
    ])
  })

  it('falls back to Danish for an item without a version in the edition’s locale, and says so', () => {
    const warnings: string[] = []
    const items = resolveItems({
      snapshot,
      edition: { ...edition, locale: 'sv' },
      locale: 'sv',
      buildDate,
      warn: (field, message) => warnings.push(`${field}: ${message}`),
    })
    expect(
      items.find((item) => item.kind === 'article' && item.doc.key === 'ok26-afstemning')?.doc.locale,
    ).toBe('sv')
    expect(items.find((item) => item.doc.key === 'loen-stiger-2026')?.doc.locale).toBe('da')
    expect(warnings).toContain('items[2]: article "loen-stiger-2026" has no sv version; shown in da')
  })
})
