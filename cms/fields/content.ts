import type { CollectionConfig, DateField, Field } from 'payload'
import { publishedOrSignedIn, signedIn } from '../access/roles.ts'
import { limitTextLengths } from './text-limits.ts'
import { queuePublishAfterChange, queuePublishAfterDelete } from '../publishing/queue-publish.ts'
import { label } from '../i18n/admin-texts.ts'

/** Drafts, versions and scheduled publishing: what every content collection shares. */
export const contentVersions: CollectionConfig['versions'] = {
  drafts: { schedulePublish: true },
  maxPerDoc: 25,
}

export const contentAccess: CollectionConfig['access'] = {
  read: publishedOrSignedIn,
  readVersions: signedIn,
  create: signedIn,
  update: signedIn,
  delete: signedIn,
}

export const publishedAtField: DateField = {
  name: 'publishedAt',
  type: 'date',
  index: true,
  admin: {
    position: 'sidebar',
    date: { pickerAppearance: 'dayAndTime' },
    description: label('help.publishedAt'),
  },
  hooks: {
    // Stamp the first publish, so every published document has a date to sort by.
    beforeChange: [
      ({ value, siblingData }) =>
        value ?? (siblingData?._status === 'published' ? new Date().toISOString() : value),
    ],
  },
}

/** Hash of the last import of this document in this locale: an identical re-import writes nothing. */
export const importHashField: Field = {
  name: 'importHash',
  type: 'text',
  localized: true,
  admin: { hidden: true },
  access: { read: ({ req }) => Boolean(req.user) },
}

/** Drafts keep the length limits of published text; a change to public content queues a (debounced) publish of every channel. */
export const contentHooks: CollectionConfig['hooks'] = {
  beforeValidate: [limitTextLengths],
  afterChange: [queuePublishAfterChange],
  afterDelete: [queuePublishAfterDelete],
}
