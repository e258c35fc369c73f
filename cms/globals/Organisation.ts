import type { GlobalConfig } from 'payload'
import type { CardFontId } from '../../channels/snapshot/schema.ts'
import { adminsOnly, anyone } from '../access/roles.ts'
import { richTextField } from '../fields/rich-text.ts'
import { trustSiteAfterOrganisationChange } from '../lib/trusted-origins.ts'
import { queuePublishAfterGlobalChange } from '../publishing/queue-publish.ts'
import { adminText, label } from '../i18n/admin-texts.ts'

const hexColour = (value: unknown, { req }: { req: { i18n?: { language: string } } }) =>
  (typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value)) ||
  adminText('help.hexColour', req.i18n?.language ?? '')

export const Organisation: GlobalConfig = {
  slug: 'organisation',
  access: { read: anyone, update: adminsOnly },
  hooks: { afterChange: [queuePublishAfterGlobalChange, trustSiteAfterOrganisationChange] },
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'shortName', type: 'text', required: true },
    { name: 'logo', type: 'upload', relationTo: 'media' },
    {
      name: 'colours',
      type: 'group',
      fields: [
        { name: 'primary', type: 'text', required: true, defaultValue: '#b3123b', validate: hexColour },
        { name: 'accent', type: 'text', required: true, defaultValue: '#1d4e89', validate: hexColour },
        { name: 'text', type: 'text', required: true, defaultValue: '#1a1a1a', validate: hexColour },
        { name: 'background', type: 'text', required: true, defaultValue: '#ffffff', validate: hexColour },
      ],
    },
    {
      name: 'postalAddress',
      type: 'group',
      fields: [
        { name: 'street', type: 'text' },
        { name: 'postalCode', type: 'text' },
        { name: 'city', type: 'text' },
        { name: 'country', type: 'text', defaultValue: 'DK' },
      ],
    },
    {
      name: 'cardFont',
      type: 'select',
      required: true,
      defaultValue: 'noto-sans',
      options: [
        { label: 'Noto Sans (sans-serif)', value: 'noto-sans' },
        { label: 'Noto Serif (serif)', value: 'noto-serif' },
      ] satisfies { label: string; value: CardFontId }[],
      admin: { description: label('help.cardFont') },
    },
    { name: 'email', type: 'text' },
    { name: 'phone', type: 'text' },
    { name: 'siteUrl', type: 'text', required: true, defaultValue: 'https://example.org' },
    {
      name: 'social',
      type: 'group',
      fields: [
        { name: 'facebook', type: 'text' },
        { name: 'instagram', type: 'text' },
        { name: 'linkedin', type: 'text' },
        { name: 'x', type: 'text' },
      ],
    },
    {
      name: 'unsubscribeUrlPattern',
      type: 'text',
      admin: { description: label('help.unsubscribeUrlPattern') },
    },
    { name: 'preferencesUrlPattern', type: 'text' },
    { name: 'tagline', type: 'text', localized: true },
    richTextField('about'),
    { name: 'whyYouGetThis', type: 'textarea', localized: true },
    // Hash of the last import: an identical re-import writes nothing.
    {
      name: 'importHash',
      type: 'text',
      admin: { hidden: true },
      access: { read: ({ req }) => Boolean(req.user) },
    },
  ],
}
