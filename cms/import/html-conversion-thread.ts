/**
 * The first pass of HTML → Lexical (html-to-lexical.ts `convertHtml`: parsing and building the tree,
 * about 1.5 ms a post) on a thread of its own, so that an import converts the next items while the
 * main thread writes this one: SQLite and Payload run synchronously on the main thread, so the
 * conversion would otherwise wait for the writes and the writes for it.
 *
 * At most `IN_FLIGHT` bodies wait for the thread (`full`): when the main thread has little to write
 * (an unchanged export), later bodies are not sent, and converted on the main thread if needed, so
 * memory stays flat and the main thread never waits for a conversion it may not need. A body the thread could not convert comes back as its error, which the import reports for
 * that item as it would have on the main thread. If the thread itself stops (it fails to start, or
 * dies), every body not yet answered, and every later one, is answered `null`: the import then
 * converts it on the main thread, as without the thread, and nothing else changes.
 */
import { Worker } from 'node:worker_threads'
import type { HtmlConversion } from './html-to-lexical.ts'

/** A body's first pass, or the message of the error it ended in. */
export type BodyConversion = HtmlConversion | { error: string }

export interface ToConversionThread {
  id: number
  html: string
}
export type FromConversionThread = { id: number; conversion: HtmlConversion } | { id: number; error: string }

/** Bodies sent and not yet answered, at most. */
const IN_FLIGHT = 128

export class HtmlConversionThread {
  #worker: Worker | null
  #nextId = 0
  readonly #waiting = new Map<number, (answer: BodyConversion | null) => void>()

  /** `codeLanguages`: CODE_LANGUAGES of cms/fields/rich-text.ts (the thread does not load Payload's editor). */
  constructor(codeLanguages: ReadonlySet<string>) {
    // execArgv: [] drops `--import tsx` inherited from a `tsx` command line; the entry registers tsx itself.
    const worker = new Worker(new URL('./html-conversion-worker.mjs', import.meta.url), {
      execArgv: [],
      workerData: { codeLanguages: [...codeLanguages] },
      // V8 lets a thread's heap grow far before it collects: uncapped, RSS grew ~120 MB over 5,000
      // posts; at 256 MB it stays flat (at 128 MB the collector ran all the time and tripled the CPU).
      // A body too large for it ends the thread, and the main thread converts from there on.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    })
    this.#worker = worker
    worker.on('message', (answer: FromConversionThread) => {
      const resolve = this.#waiting.get(answer.id)
      this.#waiting.delete(answer.id)
      resolve?.('conversion' in answer ? answer.conversion : { error: answer.error })
    })
    worker.on('error', () => this.#stopped())
    worker.on('exit', () => this.#stopped())
  }

  /** The body's first pass; `null` when the thread is gone (convert on the main thread instead). */
  convert(html: string): Promise<BodyConversion | null> {
    if (!this.#worker) return Promise.resolve(null)
    const id = this.#nextId++
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve)
      this.#worker!.postMessage({ id, html } satisfies ToConversionThread)
    })
  }

  /** Whether IN_FLIGHT bodies wait for the thread already (or it is gone): send no more for now. */
  get full(): boolean {
    return !this.#worker || this.#waiting.size >= IN_FLIGHT
  }

  /** Ends the thread (the import calls it however it ends, so the thread never keeps the process alive). */
  async close(): Promise<void> {
    const worker = this.#worker
    this.#stopped()
    await worker?.terminate()
  }

  #stopped(): void {
    this.#worker = null
    for (const resolve of this.#waiting.values()) resolve(null)
    this.#waiting.clear()
  }
}
