import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Client, Config } from '@libsql/client'
import type { BaseDatabaseAdapter, DatabaseAdapterObj } from 'payload'
import { addParentIndexes } from './parent-indexes.ts'
import { dataDir, migrationsDir } from './paths.ts'
import { serializeTransactions, type ConnectionPragmas } from './sqlite-transactions.ts'
import { reusePreparedStatements } from './sqlite-statement-cache.ts'
import { setting } from '../../channels/shared/config.ts'

export type DatabaseKind = 'sqlite' | 'mongodb'

/** `DATABASE_URI=mongodb://…` (or `mongodb+srv://`) selects MongoDB; anything else (or nothing) is a SQLite file. */
export function databaseKind(uri: string | undefined): DatabaseKind {
  return uri && /^mongodb(\+srv)?:\/\//.test(uri) ? 'mongodb' : 'sqlite'
}

export function defaultSqliteUri(): string {
  mkdirSync(dataDir(), { recursive: true })
  return `file:${path.join(dataDir(), 'budstikke.db')}`
}

export function databaseAdapter(uri = setting('DATABASE_URI')): DatabaseAdapterObj {
  if (databaseKind(uri) === 'mongodb') {
    // MongoDB needs no migrations for its schema; indexes are built by Mongoose on connect.
    return mongooseAdapter({ url: uri as string, migrationDir: migrationsDir })
  }
  const client: Config = { url: uri || defaultSqliteUri() }
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
