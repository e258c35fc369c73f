/**
 * Indexes that Payload's SQLite schema lacks: the parent column of every `*_locales` and `*_texts` table.
 *
 * Payload reads a document's localized fields (and `hasMany` text values) with a correlated subquery
 * per row, `where _parent_id = <document id>`. The only index on a locales table is the unique
 * (`_locale`, `_parent_id`) pair, which SQLite cannot use for a lookup by parent alone, so each
 * document scanned the whole locales table: reading all articles was quadratic. Exporting 10,000
 * articles took 203 s, of which 191 s were inside SQLite; with these indexes, 10 s.
 * The `*_rels` tables and array tables already have such an index.
 *
 * Added through the adapter's `afterSchemaInit` hook, so Payload's migration generator sees them and
 * the committed migration `20261124_144850_parent_indexes` creates them.
 */
import { index } from '@payloadcms/db-sqlite/drizzle/sqlite-core'
import type { SQLiteAdapterArgs } from '@payloadcms/db-sqlite'

type SchemaHook = NonNullable<SQLiteAdapterArgs['afterSchemaInit']>[number]

/** Payload's column keys for the parent reference: `_parentID` in locales tables, `parent` in texts tables. */
const PARENT_COLUMN_BY_SUFFIX: Array<[suffix: string, column: string]> = [
  ['_locales', '_parentID'],
  ['_texts', 'parent'],
]

export const addParentIndexes: SchemaHook = ({ schema, extendTable }) => {
  for (const [tableName, table] of Object.entries(schema.tables)) {
    const match = PARENT_COLUMN_BY_SUFFIX.find(([suffix]) => tableName.endsWith(suffix))
    if (!match) continue
    const column = match[1]
    if (!(column in table)) continue
    extendTable({
      table,
      extraConfig: (t) => ({ parentLookup: index(`${tableName}_parent_lookup_idx`).on(t[column]) }),
    })
  }
  return schema
}
