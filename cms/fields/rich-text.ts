import { BlocksFeature, lexicalEditor } from '@payloadcms/richtext-lexical'
import type { Block, RichTextField } from 'payload'

/** A highlighted box inside a body: information, a benefit teaser or a call to action. */
export const calloutBlock: Block = {
  slug: 'callout',
  interfaceName: 'CalloutBlock',
  fields: [
    { name: 'variant', type: 'select', required: true, defaultValue: 'info', options: ['info', 'benefit', 'cta'] },
    { name: 'title', type: 'text' },
    { name: 'text', type: 'textarea', required: true },
    { name: 'linkUrl', type: 'text' },
    { name: 'linkLabel', type: 'text' },
  ],
}

export const editor = lexicalEditor({
  features: ({ defaultFeatures }) => [...defaultFeatures, BlocksFeature({ blocks: [calloutBlock] })],
})

export function richTextField(name: string, options: Partial<RichTextField> = {}): RichTextField {
  return { name, type: 'richText', localized: true, editor, ...options } as RichTextField
}
