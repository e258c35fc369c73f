import type { CollectionConfig } from 'payload'
import { previewPagePath, type PreviewCollection } from './preview-paths.ts'

type CollectionAdmin = NonNullable<CollectionConfig['admin']>

/**
 * What a collection with drafts adds to its admin for previews: the Preview button (Payload's
 * `admin.preview`, opens the preview page in a new tab) and a "Preview" tab beside Edit and Versions
 * that shows the same page inside the admin.
 */
export function channelPreviewAdmin(
  collection: PreviewCollection,
): Pick<CollectionAdmin, 'preview' | 'components'> {
  return {
    preview: (doc, { locale }) =>
      doc?.id !== undefined && doc.id !== null
        ? previewPagePath(collection, doc.id as string | number, locale)
        : null,
    components: {
      views: {
        edit: {
          channelPreview: {
            Component: '/components/ChannelPreviewView#ChannelPreviewView',
            path: '/channel-preview',
            // Payload's `t` speaks the editor's language; our words are its `budstikke:` namespace.
            tab: { label: ({ t }) => t('budstikke:preview.tab'), href: '/channel-preview', order: 150 },
          },
        },
      },
    },
  }
}
