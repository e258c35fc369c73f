/**
 * Prepared statements reused per SQLite connection (cms/lib/sqlite-statement-cache.ts): preparing
 * anew at every `execute` was the largest single cost of a Payload write. A reused statement must
 * still give each call its own answer: new arguments, after a failed run, after a schema change.
 */
import { createClient, type Client } from '@libsql/client'
import { createRequire } from 'node:module'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reusePreparedStatements } from '../../cms/lib/sqlite-statement-cache.ts'

let dir: string
let file: string
let client: Client

beforeAll(async () => {
  reusePreparedStatements()
  dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-statements-'))
  file = path.join(dir, 'cache.db')
  client = createClient({ url: `file:${file}` })
  await client.execute('create table topics (id integer primary key, slug text unique not null)')
})

afterAll(async () => {
  client.close()
  await rm(dir, { recursive: true, force: true })
})

describe('prepared statements reused per connection', () => {
  it('prepares a statement once and hands the same one back', () => {
    type Db = { prepare(sql: string): unknown; close(): void }
    const Database = createRequire(import.meta.url)('libsql') as new (file: string) => Db
    const db = new Database(path.join(dir, 'identity.db'))
    expect(db.prepare('select 1')).toBe(db.prepare('select 1'))
    expect(db.prepare('select 2')).not.toBe(db.prepare('select 1'))
    db.close()
  })

  it('answers each call with its own arguments', async () => {
    const insert = 'insert into topics (slug) values (?) returning id, slug'
    const first = await client.execute({ sql: insert, args: ['loen'] })
    const second = await client.execute({ sql: insert, args: ['ferie'] })
    expect(first.rows.map((row) => row.slug)).toEqual(['loen'])
    expect(second.rows.map((row) => row.slug)).toEqual(['ferie'])
    const select = 'select slug from topics where slug = ?'
    expect((await client.execute({ sql: select, args: ['ferie'] })).rows.map((r) => r.slug)).toEqual([
      'ferie',
    ])
    expect((await client.execute({ sql: select, args: ['pension'] })).rows).toEqual([])
  })

  it('runs a statement again after it failed', async () => {
    const insert = 'insert into topics (slug) values (?)'
    await client.execute({ sql: insert, args: ['arbejdstid'] })
    await expect(client.execute({ sql: insert, args: ['arbejdstid'] })).rejects.toThrow(/UNIQUE/)
    await client.execute({ sql: insert, args: ['overenskomst'] })
    const all = await client.execute('select slug from topics order by id')
    expect(all.rows.map((row) => row.slug)).toEqual(['loen', 'ferie', 'arbejdstid', 'overenskomst'])
  })

  it('sees a column added after the statement was first prepared', async () => {
    const select = 'select * from topics where slug = ?'
    expect((await client.execute({ sql: select, args: ['loen'] })).columns).toEqual(['id', 'slug'])
    await client.execute('alter table topics add column name text')
    await client.execute({ sql: 'update topics set name = ? where slug = ?', args: ['Løn', 'loen'] })
    const after = await client.execute({ sql: select, args: ['loen'] })
    expect(after.columns).toEqual(['id', 'slug', 'name'])
    expect(after.rows[0].name).toBe('Løn')
  })

  it('sees a table changed through exec', async () => {
    const select = 'select * from topics where slug = ?'
    await client.execute({ sql: select, args: ['loen'] })
    await client.executeMultiple(
      "alter table topics add column colour text; update topics set colour = 'rød'",
    )
    const after = await client.execute({ sql: select, args: ['loen'] })
    expect(after.columns).toEqual(['id', 'slug', 'name', 'colour'])
    expect(after.rows[0].colour).toBe('rød')
  })

  it('runs a kept statement that returns no rows again, and one that does, with its columns', async () => {
    // The client asks each statement for its raw mode and columns at every run; a kept one answers
    // from memory (the raw mode of a statement without rows is refused every time).
    const update = 'update topics set name = ? where slug = ?'
    const first = await client.execute({ sql: update, args: ['Ferie', 'ferie'] })
    const second = await client.execute({ sql: update, args: ['Pension', 'pension'] })
    const third = await client.execute({ sql: update, args: ['Løn og ferie', 'loen'] })
    expect([first.rowsAffected, second.rowsAffected, third.rowsAffected]).toEqual([1, 0, 1])
    expect(third.rows).toEqual([])
    const select = 'select slug, name from topics where name is not null order by slug'
    for (let run = 0; run < 2; run++) {
      const result = await client.execute(select)
      expect(result.columns).toEqual(['slug', 'name'])
      expect(result.rows.map((row) => [row.slug, row.name])).toEqual([
        ['ferie', 'Ferie'],
        ['loen', 'Løn og ferie'],
      ])
    }
  })
})
