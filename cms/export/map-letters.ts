/** Letters: one entry per locale with its own subject; merge fields kept for the print run. */
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import type { Doc, ExportContext, PerLocale } from './export-context.ts'
import { localizedEntries, pickText } from './localize.ts'
import { keyOf } from './refs.ts'

export function mapLetter(context: ExportContext, doc: Doc): Snapshot['letters'] {
  const signature = (doc.signature ?? {}) as { name?: string; title?: PerLocale<string>; image?: unknown }
  const campaign = doc.campaign ? keyOf(doc.campaign) : null
  return [...localizedEntries(context, 'letters', doc, 'subject')].map(
    ({ common, label, locale, text, blocks }) => ({
      ...common,
      subject: text('subject'),
      body: blocks('body', true),
      signature: {
        name: signature.name ?? '',
        title: pickText(signature.title, locale, 'signature.title', common.fallbackFields),
        image: context.media.media(signature.image, label, 'signature.image'),
      },
      campaign,
    }),
  )
}
