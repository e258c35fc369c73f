/**
 * Newsletter editions: one entry per locale with its own subject; items keep their order and name
 * their document by kind and key. An item whose document is not published is dropped once every
 * collection is mapped (published-references.ts), so a hidden document's key never reaches the snapshot.
 */
import { isPageCollection, PAGE_COLLECTION } from '../../channels/snapshot/collections.ts'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import type { ExportContext } from './export-context.ts'
import type { NewsletterDoc, NewsletterField } from '../lib/payload-docs.ts'
import { localizedEntries } from './localize.ts'
import { keyOf, termRefs } from './refs.ts'

export function mapNewsletter(context: ExportContext, doc: NewsletterDoc): Snapshot['newsletters'] {
  const items = doc.items ?? []
  return [...localizedEntries<NewsletterField>(context, 'newsletters', doc, 'subject')].map(
    ({ common, locale, text, blocks }) => ({
      ...common,
      subject: text('subject'),
      preheader: text('preheader'),
      intro: blocks('intro'),
      items: items.map((item) => ({
        kind: isPageCollection(item.relationTo) ? PAGE_COLLECTION[item.relationTo].kind : 'article',
        key: keyOf(item.value),
      })),
      segment: termRefs(doc.segment ? [doc.segment] : [], locale)[0] ?? null,
    }),
  )
}
