import type { CollectionConfig } from 'payload'
import {
  contentAccess,
  contentHooks,
  contentVersions,
  importHashField,
  publishedAtField,
} from '../fields/content.ts'
import { checkPageHierarchy, pageOrderField, parentPageField } from '../fields/page-hierarchy.ts'
import { channelPreviewAdmin } from '../preview/admin-preview.ts'
import { richTextField } from '../fields/rich-text.ts'
import { oldPathsField } from '../fields/old-paths.ts'
import { slugField } from '../fields/slug.ts'
import { label } from '../i18n/admin-texts.ts'

/** Bliv medlem, Kontakt, Vedtægter…: the site's standing pages, in a tree (see page-hierarchy.ts). */
export const Pages: CollectionConfig = {
  slug: 'pages',
  labels: { singular: { en: 'Page', da: 'Side' }, plural: { en: 'Pages', da: 'Sider' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'slug', 'parent', 'order', '_status'],
    // Its web page only: a page is in no newsletter, letter or card.
    ...channelPreviewAdmin('pages'),
  },
  access: contentAccess,
  versions: contentVersions,
  hooks: { ...contentHooks, beforeChange: [checkPageHierarchy] },
  fields: [
    { name: 'title', type: 'text', required: true, localized: true, label: { en: 'Title', da: 'Titel' } },
    slugField('pages', 'title'),
    // The page's meta description on the site (as an article's summary is).
    {
      name: 'summary',
      type: 'textarea',
      localized: true,
      admin: { description: label('help.pageSummary') },
    },
    richTextField('body'),
    parentPageField,
    pageOrderField,
    publishedAtField,
    importHashField,
    oldPathsField('pages'),
  ],
}
