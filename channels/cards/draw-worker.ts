/**
 * A drawing worker (a thread of its own): draws the cards it is sent and reports each as it is done.
 * Satori is synchronous JavaScript, so layout only runs on several cores from several threads; the
 * fonts and satori's layout engine are loaded once per worker, when it starts.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { CardBrand } from '../../templates/cards/view.ts'
import { drawCard, type DrawTask } from './draw-card.ts'
import { loadCardFonts } from './fonts.ts'
import type { FromWorker, ToWorker } from './card-drawers.ts'

const port = parentPort
if (!port) throw new Error('draw-worker.ts runs as a worker thread (see card-drawers.ts)')
const brand = (workerData as { brand: CardBrand }).brand
await loadCardFonts(brand.font)

port.on('message', async (message: ToWorker) => {
  for (const task of message.tasks as DrawTask[]) {
    const outcome = await drawCard(task, brand)
    port.postMessage({ bundle: message.bundle, outcome } satisfies FromWorker)
  }
})
port.postMessage({ ready: true } satisfies FromWorker)
