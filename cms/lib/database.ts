import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { DatabaseAdapterObj } from 'payload'
import { dataDir, migrationsDir } from './paths.ts'
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

/**
 * The adapter for DATABASE_URI. Only the adapter in use is imported: MongoDB's brings mongoose and the
 * MongoDB driver (about 450 modules), SQLite's Drizzle and libSQL (about 400), and every start of the CLI
 * and the admin pays for what it imports. Hence async, and Payload's config with it
 * (tests/cms/startup-modules.test.ts).
 */
export async function databaseAdapter(uri = setting('DATABASE_URI')): Promise<DatabaseAdapterObj> {
  if (databaseKind(uri) === 'mongodb') {
    const { mongooseAdapter } = await import('@payloadcms/db-mongodb')
    // MongoDB needs no migrations for its schema; indexes are built by Mongoose on connect.
    return mongooseAdapter({ url: uri as string, migrationDir: migrationsDir })
  }
  const { sqliteDatabaseAdapter } = await import('./sqlite-adapter.ts')
  return sqliteDatabaseAdapter(uri || defaultSqliteUri())
}
