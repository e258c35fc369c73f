/**
 * The dispatch ledger: one row per (dispatch, member number) saying how that member was reached.
 * SQLite through Node's built-in `node:sqlite`, in its own file in the data folder (never the CMS
 * database: a dispatch must not hold the CMS's write lock while it talks to an SMTP server).
 *
 * It holds member numbers, buckets, statuses, reasons (which name fields, never their content),
 * message ids, locales and times: never names, addresses or e-mail addresses.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { DatabaseSync, type StatementSync } from 'node:sqlite'
import type { Bucket } from './plan-member.ts'

/**
 * `sending` is written (and committed) before the SMTP conversation starts and `emailed` after the
 * 250 reply, so a process killed in between leaves `sending` behind; the next run turns that into
 * `uncertain` (the message may or may not have arrived).
 */
export type LedgerStatus =
  | 'not_in_segment'
  | 'opted_out'
  | 'rejected'
  | 'sending'
  | 'emailed'
  | 'exported'
  | 'failed'
  | 'uncertain'
  | 'print_pending'
  | 'printed'

/** A member is reached once one of these is recorded; a later run neither sends nor prints again. */
export const REACHED: ReadonlySet<LedgerStatus> = new Set(['emailed', 'exported', 'printed'])

export interface LedgerRow {
  status: LedgerStatus
  bucket: Bucket
  hardBounce: boolean
}

export interface LedgerWrite {
  memberNumber: string
  bucket: Bucket
  status: LedgerStatus
  reason?: string | null
  messageId?: string | null
  locale?: string | null
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outcomes (
  dispatch TEXT NOT NULL,
  member_number TEXT NOT NULL,
  bucket TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  message_id TEXT,
  locale TEXT,
  hard_bounce INTEGER NOT NULL DEFAULT 0,
  run_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (dispatch, member_number)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS outcomes_run ON outcomes (dispatch, run_id, status);
CREATE INDEX IF NOT EXISTS outcomes_updated ON outcomes (updated_at);
`

export function ledgerFile(dataDir: string): string {
  return path.join(dataDir, 'dispatch', 'ledger.sqlite')
}

export class DispatchLedger {
  private readonly db: DatabaseSync
  private readonly getRow: StatementSync
  private readonly upsert: StatementSync
  private readonly touch: StatementSync
  private readonly setBounce: StatementSync
  /** Buffered plan outcomes; a string is a member seen again without a new outcome. */
  private pending: Array<LedgerWrite | string> = []

  constructor(
    file: string,
    private readonly dispatch: string,
    private readonly runId: string,
  ) {
    mkdirSync(path.dirname(file), { recursive: true })
    this.db = new DatabaseSync(file)
    // WAL + NORMAL: a committed row survives a killed process (the OS has it); 10 s of patience with a purge.
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;')
    this.db.exec(SCHEMA)
    this.getRow = this.db.prepare(
      'SELECT status, bucket, hard_bounce FROM outcomes WHERE dispatch = ? AND member_number = ?',
    )
    this.upsert = this.db
      .prepare(`INSERT INTO outcomes (dispatch, member_number, bucket, status, reason, message_id, locale, run_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (dispatch, member_number) DO UPDATE SET bucket = excluded.bucket, status = excluded.status,
        reason = coalesce(excluded.reason, CASE WHEN excluded.status = 'printed' THEN outcomes.reason END),
        message_id = coalesce(excluded.message_id, outcomes.message_id), locale = coalesce(excluded.locale, outcomes.locale),
        run_id = excluded.run_id, updated_at = excluded.updated_at`)
    this.touch = this.db.prepare('UPDATE outcomes SET run_id = ? WHERE dispatch = ? AND member_number = ?')
    this.setBounce = this.db.prepare(
      'UPDATE outcomes SET hard_bounce = 1, updated_at = ? WHERE dispatch = ? AND member_number = ?',
    )
  }

  /** Messages left `sending` by a process that died: the SMTP server may or may not have taken them. */
  markLeftoversUncertain(): number {
    const result = this.db
      .prepare(
        `UPDATE outcomes SET status = 'uncertain', updated_at = ? WHERE dispatch = ? AND status = 'sending'`,
      )
      .run(new Date().toISOString(), this.dispatch)
    return Number(result.changes)
  }

  get(memberNumber: string): LedgerRow | undefined {
    const row = this.getRow.get(this.dispatch, memberNumber) as
      { status: LedgerStatus; bucket: Bucket; hard_bounce: number } | undefined
    return row && { status: row.status, bucket: row.bucket, hardBounce: row.hard_bounce === 1 }
  }

  /** Records that this run saw the member without changing the outcome (a member reached before). */
  seen(memberNumber: string): void {
    this.pending.push(memberNumber)
    if (this.pending.length >= 1000) this.flush()
  }

  /** Buffered write for plan outcomes (written in one transaction per thousand rows). */
  later(write: LedgerWrite): void {
    this.pending.push(write)
    if (this.pending.length >= 1000) this.flush()
  }

  /** Immediate, committed write: `sending` must be on disk before the SMTP conversation starts. */
  now(write: LedgerWrite): void {
    this.flush()
    this.write(write)
  }

  markHardBounce(memberNumber: string): boolean {
    this.flush()
    return Number(this.setBounce.run(new Date().toISOString(), this.dispatch, memberNumber).changes) > 0
  }

  flush(): void {
    if (this.pending.length === 0) return
    const batch = this.pending
    this.pending = []
    this.db.exec('BEGIN')
    try {
      for (const write of batch) {
        if (typeof write === 'string') this.touch.run(this.runId, this.dispatch, write)
        else this.write(write)
      }
      this.db.exec('COMMIT')
    } catch (error) {
      this.db.exec('ROLLBACK')
      throw error
    }
  }

  private write(w: LedgerWrite): void {
    const now = new Date().toISOString()
    this.upsert.run(
      this.dispatch,
      w.memberNumber,
      w.bucket,
      w.status,
      w.reason ?? null,
      w.messageId ?? null,
      w.locale ?? null,
      this.runId,
      now,
      now,
    )
  }

  /** Member numbers of this run with one of the statuses, in member-number order. */
  membersWithStatus(statuses: LedgerStatus[]): string[] {
    this.flush()
    const marks = statuses.map(() => '?').join(', ')
    const rows = this.db
      .prepare(
        `SELECT member_number FROM outcomes WHERE dispatch = ? AND run_id = ? AND status IN (${marks}) ORDER BY member_number`,
      )
      .all(this.dispatch, this.runId, ...statuses)
    return rows.map((r) => String(r.member_number))
  }

  /** Counts of this run's rows by status, reason, locale and bounce (for the report). */
  summary(): Array<{
    status: LedgerStatus
    reason: string | null
    locale: string | null
    hard_bounce: number
    n: number
  }> {
    this.flush()
    return this.db
      .prepare(
        'SELECT status, reason, locale, hard_bounce, count(*) AS n FROM outcomes WHERE dispatch = ? AND run_id = ? GROUP BY status, reason, locale, hard_bounce',
      )
      .all(this.dispatch, this.runId) as Array<{
      status: LedgerStatus
      reason: string | null
      locale: string | null
      hard_bounce: number
      n: number
    }>
  }

  close(): void {
    this.flush()
    this.db.close()
  }
}

/** `dispatch purge --older-than 180d`: removes rows not updated for that long, in every dispatch. */
export function purgeLedger(file: string, olderThanDays: number, now = new Date()): number {
  mkdirSync(path.dirname(file), { recursive: true })
  const db = new DatabaseSync(file)
  try {
    db.exec('PRAGMA busy_timeout = 10000;')
    db.exec(SCHEMA)
    const cutoff = new Date(now.getTime() - olderThanDays * 86_400_000).toISOString()
    return Number(db.prepare('DELETE FROM outcomes WHERE updated_at < ?').run(cutoff).changes)
  } finally {
    db.close()
  }
}
