import type { LoadedSnapshot } from './snapshot/read-snapshot.ts'

/** A problem a channel met and worked around (or skipped): names the document and field. */
export interface ChannelWarning {
  /** e.g. `articles/ok26-afstemning (da)` or `newsletters/marts-2026 (sv)`. */
  document: string
  field?: string
  message: string
}

/** What a channel tells `publish-report.json`. */
export interface ChannelResult {
  channel: string
  rendered: number
  reused: number
  warnings: ChannelWarning[]
  seconds: number
}

export interface PublishContext {
  loaded: LoadedSnapshot
  /** The output folder being built (e.g. `dist/`): every channel writes under its own subfolder. */
  outDir: string
  /** The previous complete output (the folder `outDir` will replace), if any: where unchanged outputs can be copied from. */
  previousOutDir?: string
  /** Ignore caches and render everything. */
  full: boolean
  /** Log a progress line (plain text; never member data). */
  log: (line: string) => void
}

/**
 * A channel's part of `budstikke publish`. Each channel folder exports one as `publishStep`
 * from `channels/<name>/publish-step.ts`; publish runs them in ascending `order`
 * (cards before the site, because pages point at the cards).
 */
export interface PublishStep {
  name: string
  order: number
  run(context: PublishContext): Promise<ChannelResult>
}

export function documentLabel(collection: string, doc: { slug: string; locale: string }): string {
  return `${collection}/${doc.slug} (${doc.locale})`
}
