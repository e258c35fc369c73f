/** Articles: one snapshot entry per locale with its own title. */
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { nonEmpty, type ExportContext } from './export-context.ts'
import type { ArticleDoc, ArticleField } from '../lib/payload-docs.ts'
import { oldPathsOf } from './export-redirects.ts'
import { localizedEntries } from './localize.ts'
import { termRefs } from './refs.ts'

export function mapArticle(context: ExportContext, doc: ArticleDoc): Snapshot['articles'] {
  return [...localizedEntries<ArticleField>(context, 'articles', doc, 'title')].map(
    ({ common, label, text, blocks }) => ({
      ...common,
      title: text('title'),
      summary: text('summary'),
      body: blocks('body'),
      hero: context.media.media(doc.hero, label, 'hero'),
      topics: termRefs(doc.topics, common.locale),
      segments: termRefs(doc.segments, common.locale),
      authors: (doc.authors ?? []).filter(nonEmpty),
      oldPaths: oldPathsOf(doc, common.locale, (field, message) => context.warn(label, field, message)),
      // fallbackFields is filled while the fields above are read
    }),
  )
}
