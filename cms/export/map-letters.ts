/** Letters: one entry per locale with its own subject; merge fields kept for the print run. */
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import type { ExportContext } from './export-context.ts'
import type { LetterDoc, LetterField } from '../lib/payload-docs.ts'
import { localizedEntries, pickText } from './localize.ts'
import { keyOf } from './refs.ts'

export function mapLetter(context: ExportContext, doc: LetterDoc): Snapshot['letters'] {
  const signature = doc.signature ?? {}
  const campaign = doc.campaign ? keyOf(doc.campaign) : null
  return [...localizedEntries<LetterField>(context, 'letters', doc, 'subject')].map(
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
