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

/** One message across every channel: landing page, newsletter block, letter text, social posts. */
export const Campaigns: CollectionConfig = {
  slug: 'campaigns',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', '_status', 'startsAt', 'endsAt'],
    ...channelPreviewAdmin('campaigns'),
  },
  access: contentAccess,
  versions: contentVersions,
  hooks: contentHooks,
  fields: [
    { name: 'title', type: 'text', required: true, localized: true },
    slugField('campaigns', 'title'),
    { name: 'summary', type: 'textarea', localized: true },
    richTextField('body'),
    { name: 'hero', type: 'upload', relationTo: 'media' },
    {
      name: 'callToAction',
      type: 'group',
      fields: [
        { name: 'label', type: 'text', localized: true },
        { name: 'url', type: 'text' },
      ],
    },
    { name: 'newsletterText', type: 'textarea', localized: true },
    { name: 'letterText', type: 'textarea', localized: true },
    {
      name: 'socialPosts',
      type: 'array',
      localized: true,
      fields: [
        {
          name: 'platform',
          type: 'select',
          required: true,
          options: ['facebook', 'instagram', 'linkedin', 'x'],
        },
        { name: 'text', type: 'textarea', required: true },
      ],
    },
    { name: 'startsAt', type: 'date', admin: { position: 'sidebar' } },
    { name: 'endsAt', type: 'date', admin: { position: 'sidebar' } },
    { name: 'segments', type: 'relationship', relationTo: 'segments', hasMany: true },
    { name: 'relatedArticles', type: 'relationship', relationTo: 'articles', hasMany: true },
    { name: 'relatedBenefits', type: 'relationship', relationTo: 'benefits', hasMany: true },
    publishedAtField,
    oldPathsField('campaigns'),
    importHashField,
  ],
}
