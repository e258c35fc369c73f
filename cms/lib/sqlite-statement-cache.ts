/**
 * Prepared statements reused on each SQLite connection.
 *
 * @libsql/client prepares every statement anew (`db.prepare(sql)` in each `execute`), and Payload's
 * drizzle queries repeat the same few dozen SQL texts with new arguments: preparing was the largest
 * single cost of a write (about a seventh of a WordPress import's CPU time). So `prepare` keeps the
 * last statements of each connection by their SQL text and hands a known one back, reset by its next
 * run. The client runs each statement to the end synchronously (`all` or `run`) before it returns, so
 * one statement is never in use twice at once. Only queries (`select`, `insert`, `update`, `delete`,
 * `with`) are kept; a statement that may change the schema (`create`, `alter`, `drop`, anything else
 * than a query, a transaction or a pragma) or an `exec` forgets the statements of every connection (the
 * schema may have changed under another connection to the same file), since a kept `select *` would
 * go on answering with the columns it was prepared with (tested). `close`
 * forgets them too: libsql keeps a native connection open while any statement prepared on it lives.
 *
 * A kept statement also remembers what the client asks it at every run without need: its result
 * columns (a native call that builds every column's description, made twice per run) and its raw and
 * safe-integer modes (flags that stay set on the native statement; `raw` throws, building an error,
 * for a statement that returns no rows). Together that was about a tenth of an import's CPU time.
 * Columns are remembered only for a statement that names its columns: `select *` or `returning *`
 * could gain a column when another process changes the table.
 */
import { createRequire } from 'node:module'

interface Statement {
  columns(): unknown[]
  raw(toggle?: boolean): Statement
  safeIntegers(toggle?: boolean): Statement
}
interface LibsqlDatabase {
  prepare(sql: string): Statement
  exec(sql: string): unknown
  close(): void
}
interface DatabaseClass {
  prototype: LibsqlDatabase
}

/** Enough for every statement shape of Payload's collections; the oldest is dropped past it. */
const STATEMENTS_PER_CONNECTION = 500

const QUERY = /^\s*(select|insert|update|delete|with)\b/i
/** Statements that leave the schema alone and need not be kept: transactions and pragmas. */
const SCHEMA_SAFE = /^\s*(begin|commit|end|rollback|savepoint|release|pragma)\b/i
/** A result whose columns depend on the table's current columns. */
const STAR_COLUMNS = /^\s*select\s+(?:distinct\s+)?\*|\breturning\s+\*/i

interface Cache {
  /** The schema generation its statements were prepared in. */
  generation: number
  statements: Map<string, Statement>
}
const caches = new WeakMap<LibsqlDatabase, Cache>()
/** Counts statements that may have changed the schema; a cache from an earlier generation is dropped. */
let generation = 0
let installed = false

/** Idempotent; affects every libsql connection of the process. */
export function reusePreparedStatements(): void {
  if (installed) return
  installed = true
  // @libsql/client loads `libsql` through require, so this is the same class it uses.
  let Database: DatabaseClass
  try {
    Database = createRequire(import.meta.url)('libsql') as DatabaseClass
  } catch {
    // A bundle without the native module (not the SQLite adapter's): nothing to speed up.
    return
  }
  const prepare = Database.prototype.prepare
  const close = Database.prototype.close
  const exec = Database.prototype.exec
  Database.prototype.prepare = function (this: LibsqlDatabase, sql: string): Statement {
    if (!QUERY.test(sql)) {
      if (!SCHEMA_SAFE.test(sql)) generation++
      return prepare.call(this, sql)
    }
    let kept = caches.get(this)
    if (kept?.generation !== generation) caches.set(this, (kept = { generation, statements: new Map() }))
    const cache = kept.statements
    const known = cache.get(sql)
    if (known) {
      // Most recently used last, so the first entry is the one to drop.
      cache.delete(sql)
      cache.set(sql, known)
      return known
    }
    const statement = remembering(prepare.call(this, sql), !STAR_COLUMNS.test(sql))
    cache.set(sql, statement)
    if (cache.size > STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value as string)
    return statement
  }
  Database.prototype.exec = function (this: LibsqlDatabase, sql: string): unknown {
    generation++
    return exec.call(this, sql)
  }
  Database.prototype.close = function (this: LibsqlDatabase): void {
    caches.delete(this)
    close.call(this)
  }
}

/**
 * The statement, answering repeated `columns()` from memory (when `keepColumns`) and skipping a
 * `raw()` or `safeIntegers()` that would set the mode it already has (a `raw` that threw throws the
 * same error again: the statement returns no rows, and never will).
 */
function remembering(statement: Statement, keepColumns: boolean): Statement {
  const { columns, raw, safeIntegers } = statement
  let keptColumns: unknown[] | undefined
  if (keepColumns)
    statement.columns = function (this: Statement) {
      return (keptColumns ??= columns.call(this))
    }
  let rawMode: { toggle: boolean; error?: unknown } | undefined
  statement.raw = function (this: Statement, toggle = true) {
    if (rawMode?.toggle === toggle) {
      if (rawMode.error !== undefined) throw rawMode.error
      return this
    }
    try {
      raw.call(this, toggle)
      rawMode = { toggle }
    } catch (error) {
      rawMode = { toggle, error }
      throw error
    }
    return this
  }
  let safe: boolean | undefined
  statement.safeIntegers = function (this: Statement, toggle = true) {
    if (safe !== toggle) {
      safeIntegers.call(this, toggle)
      safe = toggle
    }
    return this
  }
  return statement
}
