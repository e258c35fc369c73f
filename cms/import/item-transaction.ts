/**
 * One transaction per imported item, on SQLite issued by us rather than by Payload.
 *
 * Payload's `commitTransaction` swallows a failed COMMIT (it rolls back and returns), so an item whose
 * commit failed (disk full, another process holding the lock) would be counted as imported. Here the
 * item's statements run on the client's own connection, between a BEGIN IMMEDIATE and a COMMIT or
 * ROLLBACK that we issue, registered as a Payload session so every operation given this `req` (hooks
 * included) joins it; a failed COMMIT rolls back and throws, and the item is reported.
 *
 * The import must be the only user of that connection while an item runs; it is in the CLI, where
 * items are imported one after another and no jobs run. Every other Payload write on SQLite goes
 * through the adapter's transactions, which cms/lib/sqlite-transactions.ts makes share one extra
 * connection (that module also explains the libsql connection leak both paths avoid; guarded for the
 * import by tests/cms/import-memory.test.ts). Other adapters (MongoDB) use Payload's own transactions.
 */
import { randomUUID } from 'node:crypto'
import {
  commitTransaction,
  initTransaction,
  killTransaction,
  type Payload,
  type PayloadRequest,
} from 'payload'

interface SqliteClient {
  execute(sql: string): Promise<unknown>
}

interface SqliteAdapterParts {
  name: string
  client?: SqliteClient
  drizzle?: unknown
  sessions?: Record<string, OwnSession>
}

interface OwnSession {
  db: unknown
  reject: () => Promise<void>
  resolve: () => Promise<void>
}

const OWN_SESSION_PREFIX = 'budstikke-import-'

function sqliteParts(
  payload: Payload,
):
  | (SqliteAdapterParts & { client: SqliteClient; sessions: NonNullable<SqliteAdapterParts['sessions']> })
  | null {
  const db = payload.db as unknown as SqliteAdapterParts
  if (db.name !== 'sqlite' || !db.client || !db.sessions || !db.drizzle) return null
  return db as SqliteAdapterParts & {
    client: SqliteClient
    sessions: NonNullable<SqliteAdapterParts['sessions']>
  }
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

/**
 * Removes this request's own session from the adapter and returns it; `undefined` when the request's
 * transaction is Payload's (another adapter), so the caller uses Payload's commit or rollback.
 */
function takeOwnSession(req: PayloadRequest): { session: OwnSession | undefined } | undefined {
  const id = req.transactionID
  const db = sqliteParts(req.payload)
  if (!db || typeof id !== 'string' || !id.startsWith(OWN_SESSION_PREFIX)) return undefined
  const session = db.sessions[id]
  delete db.sessions[id]
  delete req.transactionID
  return { session }
}

/** Commits the item. A failed COMMIT rolls back and throws (Payload's own commit would swallow it). */
export async function commitItemTransaction(req: PayloadRequest): Promise<void> {
  const own = takeOwnSession(req)
  if (!own) {
    await commitTransaction(req)
    return
  }
  if (!own.session) return
  try {
    await own.session.resolve()
  } catch (error) {
    await own.session.reject().catch(() => undefined)
    throw error
  }
}

export async function rollbackItemTransaction(req: PayloadRequest): Promise<void> {
  const own = takeOwnSession(req)
  if (!own) {
    await killTransaction(req)
    return
  }
  // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL); then ROLLBACK fails harmlessly.
  await own.session?.reject().catch(() => undefined)
}
