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

/** A newsletter edition (never called an "issue": that word is taken by the tracker). */
export const Newsletters: CollectionConfig = {
  slug: 'newsletters',
  admin: {
    useAsTitle: 'subject',
    defaultColumns: ['subject', '_status', 'publishedAt'],
    ...channelPreviewAdmin('newsletters'),
  },
  access: contentAccess,
  versions: contentVersions,
  hooks: contentHooks,
  fields: [
    { name: 'subject', type: 'text', required: true, localized: true },
    slugField('newsletters', 'subject'),
    {
      name: 'preheader',
      type: 'text',
      localized: true,
      admin: { description: label('help.preheader') },
    },
    richTextField('intro'),
    {
      name: 'items',
      type: 'relationship',
      relationTo: ['articles', 'benefits', 'campaigns'],
      hasMany: true,
      admin: { description: label('help.newsletterItems') },
    },
    { name: 'segment', type: 'relationship', relationTo: 'segments' },
    publishedAtField,
    importHashField,
  ],
}
