/**
 * Reading older snapshots: versions 1 and 2 hold internal links with only their target (`collection`,
 * `key`) and the export's site path. Upgrading settles each link's locale, path and URL by the rule of
 * channels/snapshot/links.ts, judged at the snapshot's own `generatedAt` (what it held was published
 * then). A link whose target is not in the snapshot is left as it was: a channel settles it again with
 * its build date and shows it as text, with its warning.
 */
import { linkResolver, settleSnapshotLinks } from './links.ts'
import { SNAPSHOT_VERSION, type Snapshot } from './schema.ts'

export function upgradeSnapshot(snapshot: Snapshot): Snapshot {
  if (snapshot.version === SNAPSHOT_VERSION) return snapshot
  const resolve = linkResolver(snapshot, new Date(snapshot.generatedAt))
  const upgraded = settleSnapshotLinks(snapshot, (target, locale) => resolve(target, locale) ?? target)
  return { ...upgraded.snapshot, version: SNAPSHOT_VERSION }
}
