/**
 * The first pass of HTML → Lexical (html-to-lexical.ts `convertHtml`: parsing and building the tree,
 * about 1.5 ms a post) on a thread of its own, so that an import converts the next items while the
 * main thread writes this one: SQLite and Payload run synchronously on the main thread, so the
 * conversion would otherwise wait for the writes and the writes for it.
 *
 * At most `IN_FLIGHT` bodies wait for the thread (`room()`), so memory stays flat even when the
 * main thread has nothing to write (an unchanged export). A body the thread could not convert comes back as its error, which the import reports for
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
  /** Callers of `room()` waiting for answers to come back. */
  #roomWaiters: (() => void)[] = []

  /** `codeLanguages`: CODE_LANGUAGES of cms/fields/rich-text.ts (the thread does not load Payload's editor). */
  constructor(codeLanguages: ReadonlySet<string>) {
    // execArgv: [] drops `--import tsx` inherited from a `tsx` command line; the entry registers tsx itself.
    const worker = new Worker(new URL('./html-conversion-worker.mjs', import.meta.url), {
      execArgv: [],
      workerData: { codeLanguages: [...codeLanguages] },
    })
    this.#worker = worker
    worker.on('message', (answer: FromConversionThread) => {
      const resolve = this.#waiting.get(answer.id)
      this.#waiting.delete(answer.id)
      resolve?.('conversion' in answer ? answer.conversion : { error: answer.error })
      this.#wakeRoomWaiters()
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

  /** Resolves once fewer than IN_FLIGHT bodies wait for the thread (at once when it is gone). */
  async room(): Promise<void> {
    while (this.#worker && this.#waiting.size >= IN_FLIGHT)
      await new Promise<void>((resolve) => this.#roomWaiters.push(resolve))
  }

  #wakeRoomWaiters(): void {
    const waiters = this.#roomWaiters
    this.#roomWaiters = []
    for (const wake of waiters) wake()
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
    this.#wakeRoomWaiters()
  }
}
