/** Runs inside a worker thread: renders the batches it is sent, one at a time. */
import { parentPort, workerData } from 'node:worker_threads'
import type { RendererSetup } from './letter-renderer.ts'
import type { MemberFileEntry } from './member-file.ts'
import { renderBatch } from './render-batch.ts'

const { setup, pdfa } = workerData as { setup: RendererSetup; pdfa: boolean }

parentPort!.on('message', async ({ entries, file }: { entries: MemberFileEntry[]; file: string }) => {
  try {
    parentPort!.postMessage({ ok: true, result: await renderBatch(entries, file, setup, pdfa) })
  } catch (error) {
    const { message, code, path } = error as NodeJS.ErrnoException
    parentPort!.postMessage({ ok: false, error: message, code, path })
  }
})
