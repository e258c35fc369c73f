/** The conversion thread: the first, database-free pass of HTML → Lexical for each body it is sent. */
import { parentPort, workerData } from 'node:worker_threads'
import { convertHtml } from './html-to-lexical.ts'
import type { FromConversionThread, ToConversionThread } from './html-conversion-thread.ts'

const port = parentPort
if (!port)
  throw new Error('html-conversion-worker-main.ts runs as a worker thread (see html-conversion-thread.ts)')
const codeLanguages = new Set((workerData as { codeLanguages: string[] }).codeLanguages)
port.on('message', ({ id, html }: ToConversionThread) => {
  let answer: FromConversionThread
  try {
    answer = { id, conversion: convertHtml(html, codeLanguages) }
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(answer)
})
