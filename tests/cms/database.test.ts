/**
 * Which database adapter DATABASE_URI selects. There is no MongoDB server on these machines, so this checks
 * the choice of adapter only; it never pretends to talk to MongoDB.
 */
import { describe, expect, it } from 'vitest'
import { databaseAdapter, databaseKind } from '../../cms/lib/database.ts'

describe('DATABASE_URI', () => {
  it('selects MongoDB for mongodb:// and mongodb+srv:// addresses', async () => {
    expect(databaseKind('mongodb://localhost:27017/budstikke')).toBe('mongodb')
    expect(databaseKind('mongodb+srv://cluster.example.net/budstikke')).toBe('mongodb')
    expect((await databaseAdapter('mongodb://localhost:27017/budstikke')).name).toBe('mongoose')
  })

  it('defaults to a SQLite file, and takes file: addresses as SQLite', async () => {
    expect(databaseKind(undefined)).toBe('sqlite')
    expect(databaseKind('file:/tmp/x.db')).toBe('sqlite')
    expect((await databaseAdapter('file:/tmp/budstikke-adapter-test.db')).name).toBe('sqlite')
  })
})
