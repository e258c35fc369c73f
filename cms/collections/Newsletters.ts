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

/** A newsletter edition (never called an "issue": that word is taken by the tracker). */
export const Newsletters: CollectionConfig = {
  slug: 'newsletters',
  labels: { singular: 'Edition', plural: 'Newsletter editions' },
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
      admin: { description: 'The grey line mail programs show after the subject.' },
    },
    richTextField('intro'),
    {
      name: 'items',
      type: 'relationship',
      relationTo: ['articles', 'benefits', 'campaigns'],
      hasMany: true,
      admin: { description: 'In the order they appear in the e-mail.' },
    },
    { name: 'segment', type: 'relationship', relationTo: 'segments' },
    publishedAtField,
    importHashField,
  ],
}
