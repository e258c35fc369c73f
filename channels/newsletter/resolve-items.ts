/**
 * An edition's ordered items → the documents to show. Every item ends up shown or reported:
 * a missing key, an unpublished or deleted document, an ended campaign each give a warning that
 * names the edition and `items[i]`.
 */
import { COLLECTION_OF_KIND } from '../snapshot/collections.ts'
import { buildDateOr, endedOn, shownOn } from '../snapshot/visibility.ts'
import {
  DEFAULT_LOCALE,
  type Article,
  type Benefit,
  type Campaign,
  type EditionItem,
} from '../snapshot/schema.ts'
import type { EditionContext } from './render-context.ts'

export type ResolvedItem =
  | { kind: 'article'; index: number; doc: Article }
  | { kind: 'benefit'; index: number; doc: Benefit }
  | { kind: 'campaign'; index: number; doc: Campaign }

function findInLocale<T extends { key: string; locale: string }>(
  docs: T[],
  key: string,
  locale: string,
): T | undefined {
  return docs.find((doc) => doc.key === key && doc.locale === locale)
}

/** Needs only the edition and the snapshot (the content hash resolves items before anything is rendered). */
export function resolveItems(
  context: Pick<EditionContext, 'snapshot' | 'edition' | 'locale' | 'warn' | 'buildDate'>,
): ResolvedItem[] {
  const resolved: ResolvedItem[] = []
  const buildDate = buildDateOr(context.buildDate)
  context.edition.items.forEach((item: EditionItem, index) => {
    const field = `items[${index}]`
    if (!item.key) {
      context.warn(field, `${item.kind} item has no document selected; left out`)
      return
    }
    const all = context.snapshot[COLLECTION_OF_KIND[item.kind]] as Array<Article | Benefit | Campaign>
    const docs = all.filter((doc) => shownOn(doc, buildDate))
    let doc = findInLocale(docs, item.key, context.locale)
    if (!doc) {
      doc = findInLocale(docs, item.key, DEFAULT_LOCALE)
      if (doc)
        context.warn(
          field,
          `${item.kind} "${item.key}" has no ${context.locale} version; shown in ${DEFAULT_LOCALE}`,
        )
    }
    if (!doc && all.some((other) => other.key === item.key)) {
      context.warn(
        field,
        `${item.kind} "${item.key}" is not shown on ${buildDate?.toISOString().slice(0, 10)} (not due yet, or expired); left out`,
      )
      return
    }
    if (!doc) {
      context.warn(field, `${item.kind} "${item.key}" is not published or was deleted; left out`)
      return
    }
    if (item.kind === 'campaign') {
      const campaign = doc as Campaign
      if (endedOn(campaign, buildDate)) {
        context.warn(field, `campaign "${item.key}" has ended; left out`)
        return
      }
      resolved.push({ kind: 'campaign', index, doc: campaign })
    } else if (item.kind === 'benefit') {
      resolved.push({ kind: 'benefit', index, doc: doc as Benefit })
    } else {
      resolved.push({ kind: 'article', index, doc: doc as Article })
    }
  })
  return resolved
}
