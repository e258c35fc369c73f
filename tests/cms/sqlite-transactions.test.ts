/**
 * Saves on the embedded SQLite database (issue 2): each Payload write runs in a transaction, and each
 * transaction used to leave one SQLite connection open for good (two open files and up to 2 MB each,
 * see cms/lib/sqlite-transactions.ts). An admin open for a week of editing would run out of files.
 * These tests save through the real Payload on a real SQLite file and count the process's open
 * handles on that file in /proc.
 */
import { createClient } from '@libsql/client'
import { readdirSync, readlinkSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Payload, PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serializeTransactions } from '../../cms/lib/sqlite-transactions.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

let cms: TempCms
let payload: Payload
let databaseFile: string

/** Open file descriptors of this process on the database file, its WAL and its shared-memory index. */
function openDatabaseFiles(): number {
  let count = 0
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(databaseFile)) count++
    } catch {
      // The descriptor closed between listing and reading.
    }
  }
  return count
}

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  databaseFile = path.join(cms.dir, 'budstikke.db')
  // One save first, so the adapter has opened whatever it keeps open.
  await payload.create({ collection: 'topics', data: { name: 'Løn', slug: 'loen' }, overrideAccess: true })
}, 120_000)

afterAll(async () => cms?.close())

describe('saves on SQLite', () => {
  it('keep no connection open: 300 saves leave no more files open than one', async () => {
    const before = openDatabaseFiles()
    for (let i = 0; i < 150; i++) {
      const doc = await payload.create({
        collection: 'articles',
        data: { title: `Artikel ${i}`, _status: 'published' },
        overrideAccess: true,
      })
      await payload.update({
        collection: 'articles',
        id: doc.id,
        data: { summary: `Resumé ${i}` },
        overrideAccess: true,
      })
    }
    const after = openDatabaseFiles()
    // Before the fix each save left two more (4 per article here: over 600 after this loop).
    expect(after - before).toBeLessThanOrEqual(2)
    expect((await payload.count({ collection: 'articles' })).totalDocs).toBe(150)
  }, 180_000)

  it('made at the same time wait for each other instead of failing with "database is locked"', async () => {
    const titles = Array.from({ length: 20 }, (_, i) => `Samtidig ${i}`)
    const results = await Promise.allSettled(
      titles.map((title) =>
        payload.create({
          collection: 'articles',
          data: { title, _status: 'published' },
          overrideAccess: true,
        }),
      ),
    )
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []))
    expect(failures).toEqual([])
    const saved = await payload.find({
      collection: 'articles',
      where: { title: { like: 'Samtidig' } },
      limit: 50,
      overrideAccess: true,
    })
    expect(saved.totalDocs).toBe(20)
  }, 120_000)

  it('rolled back leave nothing behind and no file open', async () => {
    const before = openDatabaseFiles()
    const transactionID = await payload.db.beginTransaction()
    expect(transactionID).toBeTruthy()
    const req = { payload, transactionID } as unknown as PayloadRequest
    await payload.create({
      collection: 'articles',
      data: { title: 'Fortrudt artikel', _status: 'published' },
      overrideAccess: true,
      req,
    })
    // Inside the transaction the article exists…
    const inside = await payload.find({
      collection: 'articles',
      where: { title: { equals: 'Fortrudt artikel' } },
      overrideAccess: true,
      req,
    })
    expect(inside.totalDocs).toBe(1)
    await payload.db.rollbackTransaction(transactionID as string)
    // …and after the rollback it never did.
    const outside = await payload.find({
      collection: 'articles',
      where: { title: { equals: 'Fortrudt artikel' } },
      overrideAccess: true,
    })
    expect(outside.totalDocs).toBe(0)
    expect(openDatabaseFiles() - before).toBeLessThanOrEqual(0)
  }, 60_000)
})

describe('a save that waits too long', () => {
  it('fails with a message that says the database is busy, and later saves still get their turn', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-turns-'))
    const config = { url: `file:${path.join(dir, 'turns.db')}` }
    const client = createClient(config)
    try {
      await client.execute('create table notes (text text)')
      serializeTransactions(client, config, { busyTimeoutMs: 300 })
      const first = await client.transaction('write')
      await first.execute({ sql: 'insert into notes values (?)', args: ['først'] })
      const started = performance.now()
      await expect(client.transaction('write')).rejects.toThrow(
        /^The database is busy: another save has been running for over 300 ms\. Try again\.$/,
      )
      expect(performance.now() - started).toBeGreaterThanOrEqual(250)
      await first.commit()
      const later = await client.transaction('write')
      await later.execute({ sql: 'insert into notes values (?)', args: ['senere'] })
      await later.commit()
      expect((await client.execute('select text from notes order by rowid')).rows.map((r) => r.text)).toEqual(
        ['først', 'senere'],
      )
    } finally {
      client.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('a write outside a transaction', () => {
  // Payload writes some rows on the client's own connection (a failed login counts the attempt there)
  // while another request's transaction may hold the write lock: it must wait its turn, not fail.
  it('waits for the open transaction instead of failing with "database is locked"', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-turns-'))
    const config = { url: `file:${path.join(dir, 'turns.db')}` }
    const client = createClient(config)
    try {
      await client.execute('create table notes (text text)')
      serializeTransactions(client, config, { busyTimeoutMs: 5_000 })
      const save = await client.transaction('write')
      await save.execute({ sql: 'insert into notes values (?)', args: ['gemt'] })
      const outside = client.execute({ sql: 'insert into notes values (?)', args: ['login-forsøg'] })
      await new Promise((resolve) => setTimeout(resolve, 100))
      await save.commit()
      await outside
      expect((await client.execute('select text from notes order by rowid')).rows.map((r) => r.text)).toEqual(
        ['gemt', 'login-forsøg'],
      )
    } finally {
      client.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
