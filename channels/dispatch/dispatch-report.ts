/**
 * report.json of a dispatch: the reconciliation. `read` must equal not_in_segment + opted_out +
 * emailed + printed + rejected + uncertain; members whose e-mail failed with a 4xx (`failed`) are in
 * none of these, so the sum does not hold until a later run has reached them.
 * Counts and member numbers only: no names, addresses or e-mail addresses.
 */
import type { LedgerStatus } from './ledger.ts'

export interface DispatchReport {
  dispatch: string
  kind: 'edition' | 'campaign'
  key: string
  dry_run: boolean
  read: number
  not_in_segment: number
  opted_out: number
  emailed: number
  printed: number
  rejected: number
  uncertain: number
  /** 4xx after the retries (or a broken connection): retried by the next run. */
  failed: number
  /** Part of `printed`: members whose address hard-bounced after an earlier run e-mailed them. */
  printed_after_bounce: number
  /** What this run did (a rerun of a finished dispatch does nothing). */
  this_run: { emailed: number; printed: number; moved_to_print_after_5xx: number; retried_after_4xx: number }
  /** Counts by reason, per bucket (reasons name fields, never their content). */
  reasons: Record<'rejected' | 'opted_out' | 'printed' | 'failed', Record<string, number>>
  /** E-mails and letters per locale (the locale the member got). */
  locales: Record<string, { emailed: number; printed: number }>
  uncertain_members: string[]
  failed_members: string[]
  bounces: { hard: number; soft: number; hard_matched: number }
  email: { mode: 'smtp' | 'export' | 'none'; files?: string[] }
  print: { files: string[]; pages: number; sheets: number; seconds: number } | null
  /** read equals the sum of the buckets and nothing is uncertain: the dispatch is complete. */
  balanced: boolean
  seconds: number
}

const BUCKET_OF: Record<
  LedgerStatus,
  'not_in_segment' | 'opted_out' | 'emailed' | 'printed' | 'rejected' | 'uncertain' | 'failed'
> = {
  not_in_segment: 'not_in_segment',
  opted_out: 'opted_out',
  rejected: 'rejected',
  emailed: 'emailed',
  exported: 'emailed',
  printed: 'printed',
  sending: 'uncertain',
  uncertain: 'uncertain',
  failed: 'failed',
  // Left pending only when the print run itself failed: not reached.
  print_pending: 'failed',
}

export type SummaryRow = {
  status: LedgerStatus
  reason: string | null
  locale: string | null
  hard_bounce: number
  n: number
}

export function countBuckets(
  rows: SummaryRow[],
  report: Pick<
    DispatchReport,
    | 'not_in_segment'
    | 'opted_out'
    | 'emailed'
    | 'printed'
    | 'rejected'
    | 'uncertain'
    | 'failed'
    | 'printed_after_bounce'
    | 'reasons'
    | 'locales'
  >,
): void {
  for (const row of rows) {
    const bucket = BUCKET_OF[row.status]
    report[bucket] += row.n
    if (row.status === 'printed' && row.hard_bounce) report.printed_after_bounce += row.n
    if (
      row.reason &&
      (bucket === 'rejected' || bucket === 'opted_out' || bucket === 'printed' || bucket === 'failed')
    ) {
      report.reasons[bucket][row.reason] = (report.reasons[bucket][row.reason] ?? 0) + row.n
    }
    if ((bucket === 'emailed' || bucket === 'printed') && row.locale) {
      const locale = (report.locales[row.locale] ??= { emailed: 0, printed: 0 })
      locale[bucket] += row.n
    }
  }
}

export function isBalanced(report: DispatchReport): boolean {
  const sum =
    report.not_in_segment +
    report.opted_out +
    report.emailed +
    report.printed +
    report.rejected +
    report.uncertain
  return sum === report.read && report.uncertain === 0
}
