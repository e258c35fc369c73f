/**
 * Reading a document's translations must not scan every document's translations (issue 2, export and
 * import speed): Payload looks up `*_locales` and `*_texts` rows by parent, per document. Without an
 * index on the parent column that lookup scanned the whole table, and exporting 10,000 articles took
 * 203 s instead of 9 s (see cms/lib/parent-indexes.ts). Checked on the migrated SQLite file, with
 * SQLite's own query planner.
 */
import type { Client } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

let cms: TempCms
let client: Client

beforeAll(async () => {
  cms = await startTempCms()
  client = (cms.payload.db as unknown as { client: Client }).client
}, 120_000)

afterAll(async () => cms?.close())

async function childTables(): Promise<Array<{ table: string; parent: string }>> {
  const rows = await client.execute(
    `select m.name as tbl, p.name as col from sqlite_master m join pragma_table_info(m.name) p
     where m.type = 'table' and (m.name like '%\\_locales' escape '\\' or m.name like '%\\_texts' escape '\\')
       and p.name in ('_parent_id', 'parent_id')`,
  )
  return rows.rows.map((row) => ({ table: String(row.tbl), parent: String(row.col) }))
}

describe('translations and text lists', () => {
  it('exist for every content collection, the taxonomies and the Organisation global', async () => {
    const tables = (await childTables()).map((t) => t.table)
    for (const expected of [
      'articles_locales',
      '_articles_v_locales',
      'articles_texts',
      'benefits_locales',
      'campaigns_locales',
      'newsletters_locales',
      'letters_locales',
      'topics_locales',
      'segments_locales',
      'organisation_locales',
    ]) {
      expect(tables).toContain(expected)
    }
  })

  it('are found by their document through an index, not by scanning the table', async () => {
    const scans: string[] = []
    for (const { table, parent } of await childTables()) {
      const plan = await client.execute({
        sql: `explain query plan select * from "${table}" where "${parent}" = ?`,
        args: [1],
      })
      const details = plan.rows.map((row) => String(row.detail))
      if (!details.some((detail) => /^SEARCH .* USING (COVERING )?INDEX .*\(/.test(detail)))
        scans.push(`${table}: ${details.join('; ')}`)
    }
    expect(scans).toEqual([])
  })
})
