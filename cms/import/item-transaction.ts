/**
 * One transaction per imported item, without leaking a SQLite connection per item.
 *
 * Payload's SQLite adapter begins a transaction with drizzle's `transaction()`, which calls
 * @libsql/client's `transaction()`. That hands the client's connection over to the transaction and
 * lets the client open a new one on its next statement. Nobody closes the old connection (drizzle
 * does not call the transaction's `close()`, and that only rolls back): it lives until V8 collects
 * its small JS wrapper and runs the native finaliser, which in a long import hardly ever happens.
 * Each leaked connection keeps two file descriptors, its parsed schema and up to 2 MB of page cache,
 * so the process grew by 1–3 MB per item (10,000 articles: over 20 GB; 2,000 plain articles: 5.1 GB,
 * now 0.6 GB). Upstream: tursodatabase/libsql-client-ts#350. Guarded by tests/cms/import-memory.test.ts.
 *
 * So on SQLite the item's statements run on the client's own connection, between a BEGIN IMMEDIATE
 * and a COMMIT or ROLLBACK that we issue, registered as a Payload session so every operation given
 * this `req` (hooks included) joins it. The import must be the only user of that connection while
 * an item runs; it is in the CLI, where items are imported one after another and no jobs run.
 * Other adapters (MongoDB) use Payload's own transactions.
 *
 * Every other Payload write on SQLite (admin saves, seed, jobs) goes through cms/lib/sqlite-transactions.ts,
 * which fixes the same leak for them. The import keeps this path because it must report a failed COMMIT,
 * which Payload's `commitTransaction` swallows, and because one connection without a queue is all a
 * one-item-at-a-time import needs.
 */
import { randomUUID } from 'node:crypto'
import { commitTransaction, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'

interface SqliteClient {
  execute(sql: string): Promise<unknown>
}

interface SqliteAdapterParts {
  name: string
  client?: SqliteClient
  drizzle?: unknown
  sessions?: Record<string, { db: unknown; reject: () => Promise<void>; resolve: () => Promise<void> }>
  busyTimeout?: number
  wal?: boolean | { synchronous?: string }
}

const OWN_SESSION_PREFIX = 'budstikke-import-'

function sqliteParts(payload: Payload): (SqliteAdapterParts & { client: SqliteClient; sessions: NonNullable<SqliteAdapterParts['sessions']> }) | null {
  const db = payload.db as unknown as SqliteAdapterParts
  if (db.name !== 'sqlite' || !db.client || !db.sessions || !db.drizzle) return null
  return db as SqliteAdapterParts & { client: SqliteClient; sessions: NonNullable<SqliteAdapterParts['sessions']> }
}

/**
 * The adapter sets `busy_timeout` and `synchronous` only on the first connection it opens; by the
 * time the import runs (after migrations) the client may be on a later one with SQLite's defaults.
 * Apply the configured values to the connection the import writes on.
 */
export async function prepareImportConnection(payload: Payload): Promise<void> {
  const db = sqliteParts(payload)
  if (!db) return
  if (typeof db.busyTimeout === 'number' && db.busyTimeout > 0) await db.client.execute(`PRAGMA busy_timeout = ${Math.floor(db.busyTimeout)}`)
  const synchronous = typeof db.wal === 'object' ? db.wal.synchronous : undefined
  if (synchronous && /^(OFF|NORMAL|FULL|EXTRA)$/i.test(synchronous)) await db.client.execute(`PRAGMA synchronous = ${synchronous}`)
}

export async function beginItemTransaction(req: PayloadRequest): Promise<void> {
  const db = sqliteParts(req.payload)
  if (!db) {
    await initTransaction(req)
    return
  }
  await db.client.execute('BEGIN IMMEDIATE')
  const id = `${OWN_SESSION_PREFIX}${randomUUID()}`
  // Payload looks up `sessions[req.transactionID].db` for every query of this request: the plain
  // drizzle instance, i.e. the client's own connection, which is now inside our transaction.
  db.sessions[id] = {
    db: db.drizzle,
    resolve: async () => {
      await db.client.execute('COMMIT')
    },
    reject: async () => {
      await db.client.execute('ROLLBACK')
    },
  }
  req.transactionID = id
}

/** Commits the item. A failed COMMIT rolls back and throws (Payload's own commit would swallow it). */
export async function commitItemTransaction(req: PayloadRequest): Promise<void> {
  const id = req.transactionID
  const db = sqliteParts(req.payload)
  if (!db || typeof id !== 'string' || !id.startsWith(OWN_SESSION_PREFIX)) {
    await commitTransaction(req)
    return
  }
  const session = db.sessions[id]
  delete db.sessions[id]
  delete req.transactionID
  if (!session) return
  try {
    await session.resolve()
  } catch (error) {
    await session.reject().catch(() => undefined)
    throw error
  }
}

export async function rollbackItemTransaction(req: PayloadRequest): Promise<void> {
  const id = req.transactionID
  const db = sqliteParts(req.payload)
  if (!db || typeof id !== 'string' || !id.startsWith(OWN_SESSION_PREFIX)) {
    await killTransaction(req)
    return
  }
  const session = db.sessions[id]
  delete db.sessions[id]
  delete req.transactionID
  // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL); then ROLLBACK fails harmlessly.
  await session?.reject().catch(() => undefined)
}
