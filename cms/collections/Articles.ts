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
import { oldPathsField } from '../fields/old-paths.ts'
import { label } from '../i18n/admin-texts.ts'

export const Articles: CollectionConfig = {
  slug: 'articles',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'slug', '_status', 'publishedAt'],
    ...channelPreviewAdmin('articles'),
  },
  access: contentAccess,
  versions: contentVersions,
  hooks: contentHooks,
  fields: [
    { name: 'title', type: 'text', required: true, localized: true },
    slugField('articles', 'title'),
    {
      name: 'summary',
      type: 'textarea',
      localized: true,
      admin: { description: label('help.articleSummary') },
    },
    richTextField('body'),
    { name: 'hero', type: 'upload', relationTo: 'media' },
    {
      name: 'topics',
      type: 'relationship',
      relationTo: 'topics',
      hasMany: true,
      admin: { position: 'sidebar' },
    },
    {
      name: 'segments',
      type: 'relationship',
      relationTo: 'segments',
      hasMany: true,
      admin: { position: 'sidebar', description: label('help.everyMember') },
    },
    publishedAtField,
    { name: 'authors', type: 'text', hasMany: true, admin: { position: 'sidebar' } },
    oldPathsField('articles'),
    importHashField,
  ],
}
