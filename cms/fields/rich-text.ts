import {
  BlocksFeature,
  CodeBlock,
  EXPERIMENTAL_TableFeature,
  HeadingFeature,
  UploadFeature,
  lexicalEditor,
} from '@payloadcms/richtext-lexical'
import type { Block, RichTextField } from 'payload'
import { imageSizes } from '../../channels/snapshot/schema.ts'

/** A highlighted box inside a body: information, a benefit teaser or a call to action. */
export const calloutBlock: Block = {
  slug: 'callout',
  interfaceName: 'CalloutBlock',
  fields: [
    {
      name: 'variant',
      type: 'select',
      required: true,
      defaultValue: 'info',
      options: ['info', 'benefit', 'cta'],
    },
    { name: 'title', type: 'text' },
    { name: 'text', type: 'textarea', required: true },
    { name: 'linkUrl', type: 'text' },
    { name: 'linkLabel', type: 'text' },
  ],
}

/** Several pictures shown together; each keeps its own caption. */
export const galleryBlock: Block = {
  slug: 'gallery',
  interfaceName: 'GalleryBlock',
  fields: [
    {
      name: 'images',
      type: 'array',
      minRows: 1,
      fields: [
        { name: 'image', type: 'upload', relationTo: 'media', required: true },
        { name: 'alt', type: 'text', admin: { description: 'Alt text here; empty uses the picture’s own' } },
        { name: 'caption', type: 'text' },
      ],
    },
  ],
}

/**
 * A table's caption. Lexical's table node has no caption of its own (and drops unknown properties when
 * the admin saves), so the caption is a small block placed right after its table; the export joins the
 * two into one table block with `caption`.
 */
export const tableCaptionBlock: Block = {
  slug: 'tableCaption',
  interfaceName: 'TableCaptionBlock',
  labels: { singular: 'Table caption', plural: 'Table captions' },
  fields: [
    {
      name: 'text',
      type: 'text',
      required: true,
      admin: { description: 'The caption of the table just above this block' },
    },
  ],
}

/** A video or audio page (YouTube, Vimeo, a podcast): every channel shows it as a titled link, never a player. */
export const embedBlock: Block = {
  slug: 'embed',
  interfaceName: 'EmbedBlock',
  fields: [
    { name: 'url', type: 'text', required: true },
    { name: 'title', type: 'text' },
  ],
}

const payloadCodeBlock = CodeBlock({ slug: 'code', defaultLanguage: 'plaintext' })

/**
 * Payload's code block (language + code); its slug is what lexical-to-blocks and the import look for.
 * Its own editor (Monaco) is fetched by the browser from the jsDelivr CDN, which the admin's CSP
 * (`script-src 'self'`, cms/next.config.mjs) blocks and an offline admin cannot reach: the block never
 * becomes editable. So the code is a plain textarea (every space and line kept) under a visible
 * language select, with Payload's usual block form instead of its Monaco block component.
 */
export const codeBlock: Block = {
  ...payloadCodeBlock,
  admin: {},
  fields: payloadCodeBlock.fields.map((field) => {
    if (!('name' in field)) return field
    if (field.name === 'language') return { ...field, admin: {} } as typeof field
    if (field.name === 'code') return { name: 'code', type: 'textarea', label: 'Code' }
    return field
  }),
}

/** The languages the admin's code block offers (its select field's options): one list, not a copy. */
export const CODE_LANGUAGES: ReadonlySet<string> = new Set(
  codeBlock.fields.flatMap((field) =>
    'name' in field && field.name === 'language' && 'options' in field
      ? field.options.map((o) => (typeof o === 'string' ? o : o.value))
      : [],
  ),
)

export const editor = lexicalEditor({
  features: ({ defaultFeatures }) => [
    ...defaultFeatures.filter((feature) => feature.key !== 'heading' && feature.key !== 'upload'),
    // h1 belongs to the page title.
    HeadingFeature({ enabledHeadingSizes: ['h2', 'h3', 'h4', 'h5', 'h6'] }),
    UploadFeature({
      collections: {
        media: {
          fields: [
            // One picture may stand in several texts, each describing it in its own words.
            {
              name: 'alt',
              type: 'text',
              admin: { description: 'Alt text here; empty uses the picture’s own' },
            },
            { name: 'caption', type: 'text' },
            { name: 'size', type: 'select', options: [...imageSizes] },
          ],
        },
      },
    }),
    EXPERIMENTAL_TableFeature(),
    BlocksFeature({ blocks: [calloutBlock, codeBlock, galleryBlock, embedBlock, tableCaptionBlock] }),
  ],
})

export function richTextField(name: string, options: Partial<RichTextField> = {}): RichTextField {
  return { name, type: 'richText', localized: true, editor, ...options } as RichTextField
}
