import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { linkTargetPublished, unlinkUnpublished } from '../../channels/snapshot/links.ts'
import { snapshotSchema, type Block, type Inline } from '../../channels/snapshot/schema.ts'

const snapshot = snapshotSchema.parse(
  JSON.parse(readFileSync('tests/fixtures/snapshot/snapshot.json', 'utf8')),
)
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
