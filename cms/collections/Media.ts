import type { CollectionConfig } from 'payload'
import { anyone, signedIn } from '../access/roles.ts'
import { mediaDir } from '../lib/paths.ts'
import { label } from '../i18n/admin-texts.ts'

export const Media: CollectionConfig = {
  slug: 'media',
  access: { read: anyone, create: signedIn, update: signedIn, delete: signedIn },
  admin: { useAsTitle: 'alt' },
  upload: {
    staticDir: mediaDir(),
    mimeTypes: ['image/*'],
    // Renditions made with sharp at upload; channels pick the smallest that fits.
    imageSizes: [
      { name: 'thumbnail', width: 400, height: 225, position: 'centre', withoutEnlargement: true },
      { name: 'card', width: 800, height: 450, position: 'centre', withoutEnlargement: true },
      { name: 'hero', width: 1600, height: 900, position: 'centre', withoutEnlargement: true },
    ],
    adminThumbnail: 'thumbnail',
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      required: true,
      admin: { description: label('help.altText') },
    },
    // sha256 of the original file: an import reuses the same picture instead of uploading it again.
    { name: 'sourceHash', type: 'text', index: true, admin: { hidden: true } },
  ],
}
