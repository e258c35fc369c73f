/**
 * Draws many cards: in the calling thread, or in a pool of drawing workers (draw-worker.ts), each
 * given a few documents at a time. Where the time goes (2 cores, 200–600 cards, measured
 * 2026-11): sharp's rasterising and PNG encoding run on libvips' own threads, about 60 % of a card's
 * CPU time; satori, the pixel blending and garbage collection run on the JavaScript thread. Drawing
 * in the calling thread already kept both cores ~90 % busy, and two workers were no faster (19 against
 * 20 cards/s) while each costs ~2 CPU-seconds to start (satori, sharp and the layouts loaded per
 * thread) and ~150 MB. The JavaScript thread limits the calling thread to roughly 25 cards/s, so
 * workers are used from 4 cores up, one per two cores. sharp's own setting, `sharp.concurrency()`,
 * is left at its default (one libvips thread per image on glibc Linux): three formats of two cards
 * are in flight at once, more images than cores, and two threads per image measured no faster.
 */
import os from 'node:os'
import { Worker } from 'node:worker_threads'
import type { CardBrand } from '../../templates/cards/view.ts'
import { drawCard, type DrawOutcome, type DrawTask } from './draw-card.ts'

export type ToWorker = { bundle: number; tasks: DrawTask[] }
export type FromWorker = { ready: true } | { bundle: number; outcome: DrawOutcome }

/** Cards a worker must have to draw before starting it pays. */
const CARDS_PER_WORKER = 16
/** Below this many cores, libvips' threads and one JavaScript thread already fill the machine. */
const CORES_FOR_WORKERS = 4
/** More workers than this only add memory: sharp's own threads are shared by the whole process. */
const MAX_WORKERS = 4
/** Documents sent to a worker before it reports back: the next is laid out while the last is rasterised. */
const IN_FLIGHT_PER_WORKER = 2

/** Workers worth starting for `cards` cards on this machine (0: draw in the calling thread). */
export function defaultWorkerCount(cards: number, cores = os.availableParallelism()): number {
  if (cores < CORES_FOR_WORKERS) return 0
  const count = Math.min(Math.floor(cores / 2), MAX_WORKERS, Math.floor(cards / CARDS_PER_WORKER))
  return count >= 2 ? count : 0
}

/**
 * Draws every bundle (the cards of one document, all locales: they share a photo, decoded once) and
 * calls `onCard` as each card is done. Rejects only when a worker itself fails; a card that cannot be
 * drawn is an outcome with an `error`.
 */
export async function drawCards(
  bundles: DrawTask[][],
  brand: CardBrand,
  workers: number,
  onCard: (outcome: DrawOutcome) => void,
): Promise<void> {
  if (bundles.length === 0) return
  if (workers <= 0) return drawHere(bundles, brand, onCard)
  return drawInWorkers(bundles, brand, Math.min(workers, bundles.length), onCard)
}

async function drawHere(
  bundles: DrawTask[][],
  brand: CardBrand,
  onCard: (outcome: DrawOutcome) => void,
): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < bundles.length) {
      for (const task of bundles[next++]) onCard(await drawCard(task, brand))
    }
  }
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT_PER_WORKER, bundles.length) }, lane))
}

function drawInWorkers(
  bundles: DrawTask[][],
  brand: CardBrand,
  count: number,
  onCard: (outcome: DrawOutcome) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const remaining = bundles.map((b) => b.length)
    let next = 0
    let unfinished = bundles.length
    let settled = false
    const pool: { worker: Worker; inFlight: number }[] = []

    const stop = async (error?: Error) => {
      if (settled) return
      settled = true
      await Promise.all(pool.map((p) => p.worker.terminate()))
      if (error) reject(error)
      else resolve()
    }
    const feed = (slot: (typeof pool)[number]) => {
      while (slot.inFlight < IN_FLIGHT_PER_WORKER && next < bundles.length) {
        const bundle = next++
        slot.inFlight++
        slot.worker.postMessage({ bundle, tasks: bundles[bundle] } satisfies ToWorker)
      }
    }

    for (let i = 0; i < count; i++) {
      // execArgv: [] drops `--import tsx` inherited from a `tsx` command line; the entry registers tsx itself.
      const worker = new Worker(new URL('./draw-worker.mjs', import.meta.url), {
        workerData: { brand },
        execArgv: [],
      })
      const slot = { worker, inFlight: 0 }
      pool.push(slot)
      worker.on('message', (message: FromWorker) => {
        if ('ready' in message || settled) return
        try {
          onCard(message.outcome)
        } catch (error) {
          void stop(error as Error)
          return
        }
        if (--remaining[message.bundle] > 0) return
        slot.inFlight--
        if (--unfinished === 0) void stop()
        else feed(slot)
      })
      worker.on('error', (error) => void stop(new Error(`cards: a drawing worker failed: ${error.message}`)))
      worker.on('exit', (code) => {
        if (!settled)
          void stop(new Error(`cards: a drawing worker stopped (exit code ${code}) with cards left to draw`))
      })
      feed(slot)
    }
  })
}
