import type { CollectionConfig } from 'payload'
import { validBenefitOrSignedIn } from '../access/roles.ts'
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

export const Benefits: CollectionConfig = {
  slug: 'benefits',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'partner', 'category', '_status', 'validTo'],
    ...channelPreviewAdmin('benefits'),
  },
  access: { ...contentAccess, read: validBenefitOrSignedIn },
  versions: contentVersions,
  hooks: contentHooks,
  fields: [
    { name: 'name', type: 'text', required: true, localized: true },
    slugField('benefits', 'name'),
    { name: 'partner', type: 'text' },
    { name: 'partnerUrl', type: 'text' },
    {
      name: 'category',
      type: 'text',
      required: true,
      localized: true,
      admin: { description: label('help.benefitCategory') },
    },
    { name: 'summary', type: 'textarea', localized: true },
    richTextField('body'),
    {
      name: 'offer',
      type: 'text',
      localized: true,
      admin: { description: label('help.benefitOffer') },
    },
    { name: 'howToClaim', type: 'textarea', localized: true },
    {
      name: 'eligibleSegments',
      type: 'relationship',
      relationTo: 'segments',
      hasMany: true,
      admin: { description: label('help.everyMember') },
    },
    { name: 'eligibility', type: 'text', localized: true },
    { name: 'validFrom', type: 'date', admin: { position: 'sidebar' } },
    {
      name: 'validTo',
      type: 'date',
      admin: { position: 'sidebar', description: label('help.benefitValidTo') },
    },
    { name: 'featured', type: 'checkbox', defaultValue: false, admin: { position: 'sidebar' } },
    { name: 'logo', type: 'upload', relationTo: 'media' },
    publishedAtField,
    oldPathsField('benefits'),
    importHashField,
  ],
}
