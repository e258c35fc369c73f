/**
 * The import's transactions, on SQLite issued by us rather than by Payload: several items share one
 * transaction (a batch), each item in a savepoint of its own.
 *
 * Payload's `commitTransaction` swallows a failed COMMIT (it rolls back and returns), so an item whose
 * commit failed (disk full, another process holding the lock) would be counted as imported. Here the
 * statements run on the client's own connection, between a BEGIN IMMEDIATE and a COMMIT or ROLLBACK
 * that we issue. Each item is a SAVEPOINT registered as a Payload session, so every operation given
 * the item's `req` (hooks included) joins it, and a failing item is rolled back to its savepoint
 * alone: the items before it in the batch stay. A failed COMMIT rolls the batch back and throws;
 * the importer then imports the batch's items once more, each alone (cms/import/import-content.ts).
 *
 * Why batches: one transaction per item made the commit (and Payload's begin/commit bookkeeping) a
 * large share of each item's time; a batch is committed after a number of items or a short time, so
 * the write lock is never held long (an admin saving meanwhile waits for it, as for any save).
 *
 * The import must be the only user of that connection while a batch runs; it is in the CLI, where
 * items are imported one after another and no jobs run. Every other Payload write on SQLite goes
 * through the adapter's transactions, which cms/lib/sqlite-transactions.ts makes share one extra
 * connection (that module also explains the libsql connection leak both paths avoid; guarded for the
 * import by tests/cms/import-memory.test.ts). Other adapters (MongoDB) use Payload's own transactions,
 * one per item, with no batch.
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

type SqliteParts = SqliteAdapterParts & {
  client: SqliteClient
  sessions: NonNullable<SqliteAdapterParts['sessions']>
}

const OWN_SESSION_PREFIX = 'budstikke-import-'

function sqliteParts(payload: Payload): SqliteParts | null {
  const db = payload.db as unknown as SqliteAdapterParts
  if (db.name !== 'sqlite' || !db.client || !db.sessions || !db.drizzle) return null
  return db as SqliteParts
}

/**
 * One SQLite transaction around several items. `lost` is set when SQLite ended it by itself (it rolls
 * the whole transaction back after some errors, e.g. SQLITE_FULL): the items before are gone too.
 */
export class ItemBatch {
  #open = false
  #lost = false
  #savepoints = 0

  private constructor(private readonly db: SqliteParts) {}

  /** A batch on SQLite; `null` on other adapters (one Payload transaction per item). */
  static of(payload: Payload): ItemBatch | null {
    const db = sqliteParts(payload)
    return db ? new ItemBatch(db) : null
  }

  get open(): boolean {
    return this.#open
  }

  /** Whether SQLite rolled the batch back by itself since it began. */
  get lost(): boolean {
    return this.#lost
  }

  async begin(): Promise<void> {
    await this.db.client.execute('BEGIN IMMEDIATE')
    this.#open = true
    this.#lost = false
  }

  /** Commits the batch. A failed COMMIT rolls back and throws (Payload's own commit would swallow it). */
  async commit(): Promise<void> {
    this.#open = false
    try {
      await this.db.client.execute('COMMIT')
    } catch (error) {
      await this.db.client.execute('ROLLBACK').catch(() => undefined)
      throw error
    }
  }

  /** Ends a lost or failed batch; SQLite may have rolled back already, then ROLLBACK fails harmlessly. */
  async rollback(): Promise<void> {
    this.#open = false
    await this.db.client.execute('ROLLBACK').catch(() => undefined)
  }

  /** Registers the item's savepoint as a Payload session on `req`. */
  async beginItem(req: PayloadRequest): Promise<void> {
    const name = `budstikke_item_${++this.#savepoints}`
    const { client } = this.db
    await client.execute(`SAVEPOINT ${name}`)
    const id = `${OWN_SESSION_PREFIX}${randomUUID()}`
    // Payload looks up `sessions[req.transactionID].db` for every query of this request: the plain
    // drizzle instance, i.e. the client's own connection, which is now inside the batch.
    this.db.sessions[id] = {
      db: this.db.drizzle,
      resolve: async () => {
        try {
          await client.execute(`RELEASE SAVEPOINT ${name}`)
        } catch (error) {
          // No such savepoint: SQLite ended the transaction itself, with the batch's items in it.
          this.#lost = true
          throw error
        }
      },
      reject: async () => {
        try {
          await client.execute(`ROLLBACK TO SAVEPOINT ${name}`)
          await client.execute(`RELEASE SAVEPOINT ${name}`)
        } catch {
          this.#lost = true
        }
      },
    }
    req.transactionID = id
  }
}

/** Begins the item's transaction: a savepoint of `batch` when one is open, else a transaction of its own. */
export async function beginItemTransaction(req: PayloadRequest, batch?: ItemBatch | null): Promise<void> {
  if (batch?.open) return batch.beginItem(req)
  const db = sqliteParts(req.payload)
  if (!db) {
    await initTransaction(req)
    return
  }
  await db.client.execute('BEGIN IMMEDIATE')
  const id = `${OWN_SESSION_PREFIX}${randomUUID()}`
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

/**
 * Commits the item (releases its savepoint in a batch). A failed COMMIT rolls back and throws
 * (Payload's own commit would swallow it).
 */
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
