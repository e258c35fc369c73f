import type { CollectionConfig } from 'payload'
import { channelPreviewAdmin } from '../preview/admin-preview.ts'
import {
  contentAccess,
  contentHooks,
  contentVersions,
  importHashField,
  publishedAtField,
} from '../fields/content.ts'
import { richTextField } from '../fields/rich-text.ts'
import { slugField } from '../fields/slug.ts'
import { label } from '../i18n/admin-texts.ts'

/** A printed letter; its body may use {{first_name}}, {{last_name}}, {{member_number}} and {{branch}}, filled at print time. */
export const Letters: CollectionConfig = {
  slug: 'letters',
  admin: { useAsTitle: 'subject', ...channelPreviewAdmin('letters') },
  access: contentAccess,
  versions: contentVersions,
  hooks: contentHooks,
  fields: [
    { name: 'subject', type: 'text', required: true, localized: true },
    slugField('letters', 'subject'),
    richTextField('body', {
      admin: { description: label('help.letterBody') },
    }),
    {
      name: 'signature',
      type: 'group',
      fields: [
        { name: 'name', type: 'text' },
        { name: 'title', type: 'text', localized: true },
        { name: 'image', type: 'upload', relationTo: 'media' },
      ],
    },
    { name: 'campaign', type: 'relationship', relationTo: 'campaigns' },
    publishedAtField,
    importHashField,
  ],
}
