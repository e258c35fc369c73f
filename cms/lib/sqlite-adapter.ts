/** Payload's SQLite adapter as Budstikke runs it; imported only when DATABASE_URI selects SQLite (database.ts). */
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { Client, Config } from '@libsql/client'
import type { BaseDatabaseAdapter, DatabaseAdapterObj } from 'payload'
import { addParentIndexes } from './parent-indexes.ts'
import { migrationsDir } from './paths.ts'
import { serializeTransactions, type ConnectionPragmas } from './sqlite-transactions.ts'
import { reusePreparedStatements } from './sqlite-statement-cache.ts'

export function sqliteDatabaseAdapter(url: string): DatabaseAdapterObj {
  const client: Config = { url }
  const pragmas: ConnectionPragmas = { busyTimeoutMs: 10_000, synchronous: 'NORMAL' }
  const adapter = sqliteAdapter({
    client,
    migrationDir: migrationsDir,
    // Never the dev "push": it prompts on data loss and exits 13 silently without a terminal.
    // The schema comes only from the committed migrations (`budstikke migrate`).
    push: false,
    busyTimeout: pragmas.busyTimeoutMs,
    // Lookups by parent on locales and texts tables, which Payload leaves unindexed (see parent-indexes.ts).
    afterSchemaInit: [addParentIndexes],
    // Transactions are off by default in Payload's SQLite adapter; the import needs them so that a
    // rejected item leaves nothing behind (not even its image upload).
    transactionOptions: {},
    // Write-ahead log: a commit is an append, not a rewrite plus fsync of the main file (import is commit-heavy).
    wal: { journalSizeLimit: 64 * 1024 * 1024, synchronous: pragmas.synchronous },
  })
  return withSerializedTransactions(adapter, client, pragmas)
}

/** Once the adapter has connected, its client's transactions share one connection, one at a time (see sqlite-transactions.ts). */
function withSerializedTransactions(
  adapterObj: DatabaseAdapterObj,
  client: Config,
  pragmas: ConnectionPragmas,
): DatabaseAdapterObj {
  return {
    ...adapterObj,
    init(args) {
      const adapter = adapterObj.init(args) as BaseDatabaseAdapter & { client?: Client }
      const connect = adapter.connect
      if (connect) {
        adapter.connect = async function connectAndPatch(this: typeof adapter, options) {
          await connect.call(this, options)
          if (this.client) serializeTransactions(this.client, client, pragmas)
          reusePreparedStatements()
        }
      }
      return adapter
    },
  }
}
