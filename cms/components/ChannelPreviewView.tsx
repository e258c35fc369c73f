import type { DocumentViewServerProps } from 'payload'
import { adminText } from '../i18n/admin-texts.ts'
import { isPreviewCollection, previewPagePath } from '../preview/preview-paths.ts'

/**
 * The document's "Preview" tab: the preview page (web page, e-mail, PDF letter, social cards of the
 * last saved draft) framed inside the admin, next to the Edit tab.
 */
export function ChannelPreviewView(props: DocumentViewServerProps) {
  const collection = props.initPageResult.collectionConfig?.slug ?? ''
  // A custom document view is handed the document and the page's state, not always `id` itself.
  const id = props.initPageResult.docID ?? (props.doc?.id as string | number | undefined)
  const locale = props.initPageResult.locale?.code ?? props.locale?.code
  const language = props.i18n.language
  const style = { padding: '0 var(--gutter-h, 3rem) 2rem' }
  if (!isPreviewCollection(collection))
    return <div style={style}>{adminText('preview.notPreviewable', language)}</div>
  if (id === undefined || id === null || id === '')
    return <div style={style}>{adminText('preview.saveFirst', language)}</div>
  const src = previewPagePath(collection, id, locale, true)
  return (
    <div style={style} className="channel-preview">
      <iframe
        src={src}
        title={adminText('preview.frameTitle', language)}
        style={{ width: '100%', height: 'calc(100vh - 11rem)', minHeight: '40rem', border: 'none' }}
      />
    </div>
  )
}
