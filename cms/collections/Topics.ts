import type { CollectionConfig } from 'payload'
import { anyone, signedIn } from '../access/roles.ts'
import { slugify } from '../lib/slugify.ts'
import { label } from '../i18n/admin-texts.ts'

function termCollection(slug: 'topics' | 'segments'): CollectionConfig {
  return {
    slug,
    admin: { useAsTitle: 'name', description: label(`help.${slug}`) },
    access: { read: anyone, create: signedIn, update: signedIn, delete: signedIn },
    fields: [
      { name: 'name', type: 'text', required: true, localized: true },
      {
        name: 'slug',
        type: 'text',
        required: true,
        unique: true,
        index: true,
        admin: { position: 'sidebar' },
        hooks: {
          beforeValidate: [
            ({ value, siblingData }) =>
              value || (typeof siblingData?.name === 'string' ? slugify(siblingData.name) : value),
          ],
        },
      },
      { name: 'description', type: 'textarea', localized: true },
    ],
  }
}

export const Topics = termCollection('topics')
export const Segments = termCollection('segments')
