/**
 * Payload transactions on the embedded SQLite file: one connection for all of them, one at a time.
 *
 * Payload's SQLite adapter begins each transaction through drizzle, which calls @libsql/client's
 * `transaction()`. Two things go wrong with that in a long-running admin:
 * - It hands the client's connection to the transaction and opens a new one for the client. The
 *   handed-over connection is never freed: closing it does not release it either (libsql keeps the
 *   native connection alive until V8 collects every statement prepared on it, measured here: two
 *   files stay open after `close()`). Every save leaked two open files and up to 2 MB
 *   (upstream: tursodatabase/libsql-client-ts#350).
 * - libsql runs SQLite synchronously on the JS thread. When a second save begins while the first one
 *   holds the write lock, SQLite's busy wait blocks the very thread that would finish the first save,
 *   so the second fails with SQLITE_BUSY (at once, since the new connection lost the adapter's
 *   `busy_timeout`, or after blocking the whole server for the timeout).
 *
 * So the client's `transaction()` is replaced. All transactions run on one extra connection, opened
 * once with the adapter's pragmas, and a transaction that begins while another is open waits for it
 * without blocking the thread (a queue here, not SQLite's busy wait). The client's own connection
 * keeps serving reads outside transactions: in WAL mode they see the last commit, never a save in
 * progress. A transaction that cannot begin within the busy timeout fails with a message that says so.
 *
 * Writes outside a transaction take a turn too. Payload makes some on the client's connection while
 * another request's transaction may hold the write lock (a failed login counts the attempt that way;
 * forgot-password reserved its interval that way). Without a turn SQLite's busy wait froze the server
 * for the busy timeout and then failed with "database is locked"; with one the write waits for the
 * open transaction to end, as a save does. Reads need no turn: in WAL mode they never wait for a writer.
 * Guarded by tests/cms/sqlite-transactions.test.ts and tests/cms/auth-endpoints.test.ts.
 */
import {
  createClient,
  type Client,
  type Config,
  type InArgs,
  type InStatement,
  type ResultSet,
  type Transaction,
  type TransactionMode,
} from '@libsql/client'

export interface ConnectionPragmas {
  busyTimeoutMs: number
  synchronous?: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA'
}

const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN TRANSACTION READONLY',
  deferred: 'BEGIN DEFERRED',
}

/** Hands out the shared connection to one transaction at a time, first come first served. */
class TransactionTurns {
  #last: Promise<void> = Promise.resolve()

  /** Resolves with a `release` once every earlier turn has ended; rejects after `timeoutMs`. */
  async take(timeoutMs: number): Promise<() => void> {
    let release!: () => void
    const mine = new Promise<void>((resolve) => (release = resolve))
    const previous = this.#last
    this.#last = previous.then(() => mine)
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
    )
    const outcome = await Promise.race([previous.then(() => 'ready' as const), timedOut])
    clearTimeout(timer)
    if (outcome === 'timeout') {
      // Give the turn up once it comes, so later transactions are not stuck behind this one.
      void previous.then(release)
      const waited = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`
      throw new Error(`The database is busy: another save has been running for over ${waited}. Try again.`)
    }
    return release
  }
}

/** A libsql transaction on the shared transaction connection; ending it gives the next one its turn. */
class TurnTransaction implements Transaction {
  #connection: Client
  #release: () => void
  #open = true

  constructor(connection: Client, release: () => void) {
    this.#connection = connection
    this.#release = release
  }

  get closed(): boolean {
    return !this.#open
  }

  execute(statement: InStatement): Promise<ResultSet> {
    if (!this.#open) return Promise.reject(new Error('The SQLite transaction has already ended'))
    return this.#connection.execute(statement)
  }

  async batch(statements: InStatement[]): Promise<ResultSet[]> {
    const results: ResultSet[] = []
    for (const statement of statements) results.push(await this.execute(statement))
    return results
  }

  /** The client's `executeMultiple` rolls back any open transaction when it returns; drizzle and Payload never call it here. */
  executeMultiple(): Promise<void> {
    return Promise.reject(
      new Error(
        'executeMultiple is not available inside a Budstikke SQLite transaction; use execute or batch',
      ),
    )
  }

  async commit(): Promise<void> {
    if (!this.#open) throw new Error('The SQLite transaction has already ended')
    try {
      await this.#connection.execute('COMMIT')
    } catch (error) {
      // SQLite keeps the transaction open after a failed COMMIT (e.g. SQLITE_BUSY from another process): undo it.
      await this.#connection.execute('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      this.#end()
    }
  }

  async rollback(): Promise<void> {
    if (!this.#open) return
    try {
      // SQLite may have rolled back by itself already (e.g. after SQLITE_FULL); then ROLLBACK fails harmlessly.
      await this.#connection.execute('ROLLBACK').catch(() => undefined)
    } finally {
      this.#end()
    }
  }

  close(): void {
    if (!this.#open) return
    void this.rollback()
  }

  #end(): void {
    this.#open = false
    this.#release()
  }
}

/** Statements that only read (`select …`, `explain …`); everything else may write and takes a turn. */
function isRead(statement: InStatement): boolean {
  const sql = typeof statement === 'string' ? statement : statement.sql
  return /^\s*(select|explain)\b/i.test(sql)
}

const patched = new WeakSet<Client>()

/**
 * Replaces `client.transaction()` as described above. Only for local SQLite files (`file:`); other
 * libsql protocols are left alone. Idempotent. Closing the client closes the transaction connection too.
 */
export function serializeTransactions(client: Client, config: Config, pragmas: ConnectionPragmas): void {
  if (client.protocol !== 'file' || patched.has(client)) return
  patched.add(client)
  const turns = new TransactionTurns()
  let connection: Promise<Client> | undefined

  const open = async (): Promise<Client> => {
    const opened = createClient(config)
    await opened.execute(`PRAGMA busy_timeout = ${Math.floor(pragmas.busyTimeoutMs)}`)
    if (pragmas.synchronous) await opened.execute(`PRAGMA synchronous = ${pragmas.synchronous}`)
    return opened
  }

  client.transaction = async (mode: TransactionMode = 'write') => {
    const release = await turns.take(pragmas.busyTimeoutMs)
    try {
      connection ??= open().catch((error: unknown) => {
        connection = undefined
        throw error
      })
      const shared = await connection
      await shared.execute(BEGIN[mode])
      return new TurnTransaction(shared, release)
    } catch (error) {
      release()
      throw error
    }
  }

  /** Runs `work` on the client's own connection once no transaction holds the write lock. */
  const inTurn = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await turns.take(pragmas.busyTimeoutMs)
    try {
      return await work()
    } finally {
      release()
    }
  }
  const execute = client.execute.bind(client) as (
    statement: InStatement | string,
    args?: InArgs,
  ) => Promise<ResultSet>
  client.execute = ((statement: InStatement | string, args?: InArgs) =>
    isRead(statement)
      ? execute(statement, args)
      : inTurn(() => execute(statement, args))) as Client['execute']
  const batch = client.batch.bind(client)
  client.batch = (statements, mode) =>
    mode === 'read' ? batch(statements, mode) : inTurn(() => batch(statements, mode))
  const executeMultiple = client.executeMultiple.bind(client)
  client.executeMultiple = (sql) => inTurn(() => executeMultiple(sql))

  const closeClient = client.close.bind(client)
  client.close = () => {
    closeClient()
    void connection?.then((shared) => shared.close()).catch(() => undefined)
  }
}
