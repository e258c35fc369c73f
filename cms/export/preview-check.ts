/**
 * A preview's draft may not yet satisfy what publishing requires (Payload validates required fields
 * only on publish): name the document and field instead of a JSON path into a snapshot the editor
 * never sees.
 */
import { PRIMARY_FIELD } from '../../channels/snapshot/collections.ts'
import { formatPath } from '../../channels/snapshot/read-snapshot.ts'
import { pageSchema, snapshotSchema, type Locale, type Snapshot } from '../../channels/snapshot/schema.ts'
import type { ChannelWarning } from '../../channels/types.ts'
import { PreviewExportError, type PreviewTarget } from './export-context.ts'

export function checkPreviewEntries(
  snapshot: Snapshot,
  target: PreviewTarget,
  warnings: ChannelWarning[],
): void {
  const entries = (snapshot[target.collection] as Array<{ id: string; slug: string; locale: Locale }>).filter(
    (entry) => entry.id === String(target.id),
  )
  if (entries.length === 0) {
    const primary = PRIMARY_FIELD[target.collection]
    // A page left out names itself by its key (its parent is not published, or its slug is the site's).
    const skipped =
      warnings.find((w) => w.document === `${target.collection}/${target.id}`) ??
      (target.collection === 'pages' ? warnings.find((w) => w.document.startsWith('pages/')) : undefined)
    throw new PreviewExportError(
      skipped
        ? `${skipped.document} ${skipped.field}: ${skipped.message}`
        : `${target.collection}/${target.id} ${primary}: empty in every locale; fill it in and save the draft to preview it`,
    )
  }
  const schema = target.collection === 'pages' ? pageSchema : snapshotSchema.shape[target.collection].element
  const problems: string[] = []
  for (const entry of entries) {
    const result = schema.safeParse(entry)
    if (result.success) continue
    for (const issue of result.error.issues.slice(0, 5))
      problems.push(
        `${target.collection}/${entry.slug} (${entry.locale}) ${formatPath(issue.path)}: ${issue.message}`,
      )
  }
  if (problems.length > 0) throw new PreviewExportError(problems.join('\n'))
}
