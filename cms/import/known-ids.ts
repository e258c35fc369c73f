/**
 * What an import run has learnt about the database (a topic's id by its slug, a document's id and
 * import hash by its slug, a picture's media document by its bytes), so that it asks each once
 * instead of once per item.
 *
 * An entry is only as good as the writes that made it true: what an item learns is undone when the
 * item is rolled back (its savepoint, cms/import/item-transaction.ts), and everything is forgotten
 * when a batch is lost, since its items are imported again one by one. The run is the only writer of
 * what it learns about (the CLI import); an entry lives as long as the run.
 */
export class KnownIds {
  readonly #entries = new Map<string, unknown>()
  /** Undo steps of the item being written, newest last; `null` between items. */
  #undo: (() => void)[] | null = null

  get<T>(key: string): T | undefined {
    return this.#entries.get(key) as T | undefined
  }

  has(key: string): boolean {
    return this.#entries.has(key)
  }

  set(key: string, value: unknown): void {
    if (this.#undo) {
      const had = this.#entries.has(key)
      const previous = this.#entries.get(key)
      this.#undo.push(() => (had ? this.#entries.set(key, previous) : this.#entries.delete(key)))
    }
    this.#entries.set(key, value)
  }

  delete(key: string): void {
    if (!this.#entries.has(key)) return
    const previous = this.#entries.get(key)
    this.#undo?.push(() => this.#entries.set(key, previous))
    this.#entries.delete(key)
  }

  /** An item begins: what it learns from here on is undone if it is rolled back. */
  beginItem(): void {
    this.#undo = []
  }

  /** The item landed: keep what it learnt. */
  keepItem(): void {
    this.#undo = null
  }

  /** The item was rolled back: forget what it learnt. */
  undoItem(): void {
    for (const step of (this.#undo ?? []).reverse()) step()
    this.#undo = null
  }

  /** A batch was lost: nothing learnt since the run began can be trusted blindly any more. */
  clear(): void {
    this.#entries.clear()
    this.#undo = null
  }
}
