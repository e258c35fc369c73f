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
  /** How the channel made its output, when it has several ways (site: `page bundle` or `astro`). */
  way?: string
}

export interface PublishContext {
  loaded: LoadedSnapshot
  /** The output folder being built (e.g. `dist/`): every channel writes under its own subfolder. */
  outDir: string
  /** The previous complete output (the folder `outDir` will replace), if any: where unchanged outputs can be copied from. */
  previousOutDir?: string
  /** Ignore caches and render everything. */
  full: boolean
  /** The date every channel judges visibility against (default: BUDSTIKKE_BUILD_DATE, else now). */
  buildDate?: Date
  /** Log a progress line (plain text; never member data). */
  log: (line: string) => void
  /**
   * Items done of the channel's total, for the progress display (a bar on a terminal, a line every
   * few seconds in CI logs). Call with (0, total) once the total is known, then as items finish.
   * Optional so a channel can be run on its own (tests, single-channel commands).
   */
  progress?: (done: number, total: number) => void
}

/**
 * A channel's part of `budstikke publish`. Each channel folder exports one as `publishStep`
 * from `channels/<name>/publish-step.ts`; publish runs them in ascending `order`
 * (cards before the site, because pages point at the cards).
 */
export interface PublishStep {
  name: string
  order: number
  /**
   * Paths under the output folder this channel writes (default: a folder named after the channel).
   * `publish --only` keeps the previous output of every channel it does not run.
   */
  outputs?: string[]
  run(context: PublishContext): Promise<ChannelResult>
}

export function documentLabel(collection: string, doc: { slug: string; locale: string }): string {
  return `${collection}/${doc.slug} (${doc.locale})`
}
