/**
 * Internal links whose target is not published: a channel shows their text and no link (and says so),
 * rather than print or send an address that leads nowhere. Export already drops links to deleted
 * documents; a target can still be a draft, scheduled for later, expired, or left out of the snapshot.
 */
import { isPageCollection } from './collections.ts'
import type { Block, Inline, ListBlock, ListItem, Snapshot } from './schema.ts'
import { visibleAt } from './visibility.ts'

type LinkInline = Extract<Inline, { type: 'link' }>
export type InternalTarget = NonNullable<LinkInline['internal']>

/** Whether the target is in the snapshot, in any locale, and visible at `date`. */
export function linkTargetPublished(
  snapshot: Pick<Snapshot, 'articles' | 'benefits' | 'campaigns'>,
  target: InternalTarget,
  date: Date,
): boolean {
  if (!isPageCollection(target.collection)) return false
  const docs: Array<{
    key: string
    publishedAt: string
    validFrom?: string | null
    validTo?: string | null
  }> = snapshot[target.collection]
  return docs.some((doc) => doc.key === target.key && visibleAt(doc, date))
}

/** The blocks with every internal link whose target is not published turned into its text; `unlinked` lists those targets. */
export function unlinkUnpublished(
  blocks: Block[],
  published: (target: InternalTarget) => boolean,
): { blocks: Block[]; unlinked: InternalTarget[] } {
  const unlinked: InternalTarget[] = []
  const inlines = (list: Inline[]): Inline[] =>
    list.flatMap((inline): Inline[] => {
      if (inline.type !== 'link') return [inline]
      if (inline.internal && !published(inline.internal)) {
        unlinked.push(inline.internal)
        return inlines(inline.children)
      }
      return [{ ...inline, children: inlines(inline.children) }]
    })
  const list = (block: ListBlock): ListBlock => ({
    ...block,
    items: block.items.map((item): ListItem => ({
      ...item,
      children: inlines(item.children),
      ...(item.list ? { list: list(item.list) } : {}),
    })),
  })
  const mapped = blocks.map((block): Block => {
    if (block.type === 'list') return list(block)
    if ('children' in block && Array.isArray(block.children))
      return { ...block, children: inlines(block.children) } as Block
    return block
  })
  return { blocks: mapped, unlinked }
}
