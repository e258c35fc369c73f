/**
 * The admin's side of the preview worker (channels/preview/preview-worker.ts): a long-lived
 * `budstikke preview-worker` child, started at the first preview and reused, so the renderers (and the
 * site's Astro page bundle) stay loaded between previews. Astro, MJML, pdfkit and satori stay out of
 * the admin server's own process, where they could stall it.
 *
 * The worker is started again when it has died, when a render overran its time (it is stopped), and
 * when the channel or site sources changed since it started (a developer editing a template sees the
 * change at the next preview, as with the one-off renderer before).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { PreviewJob, PreviewJobResult } from '../../channels/preview/preview-worker-protocol.ts'
import { cliChildEnv } from '../lib/child-env.ts'
import { rootDir } from '../lib/paths.ts'

/** What the worker renders with: a change to any of these starts a new worker. */
const SOURCES = ['channels', 'site', 'templates', 'astro.config.mjs', 'package-lock.json']

interface Pending {
  resolve: () => void
  reject: (error: Error) => void
}

interface Worker {
  child: ChildProcess
  sources: string
  pending: Map<number, Pending>
  /** The worker's last lines of output, for the message when it dies. */
  output: string[]
}

interface State {
  worker?: Worker
  nextId: number
}

// Kept on globalThis: Next's dev server may load this module more than once (hot reloads).
const state: State = ((globalThis as { __budstikkePreviewWorker?: State }).__budstikkePreviewWorker ??= {
  nextId: 1,
})

/** Renders one preview into `job.outDir` with the warm worker; rejects with the message naming what failed. */
export async function renderWithWorker(job: Omit<PreviewJob, 'id'>, timeoutMs: number): Promise<void> {
  const sources = sourcesStamp()
  if (state.worker && state.worker.sources !== sources) stopWorker(state.worker, 'the renderers changed')
  const worker = (state.worker ??= startWorker(sources))
  const id = state.nextId++
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stopWorker(worker, `stopped after ${timeoutMs / 1000} s`)
    }, timeoutMs)
    worker.pending.set(id, {
      resolve: () => {
        clearTimeout(timer)
        resolve()
      },
      reject: (error) => {
        clearTimeout(timer)
        reject(error)
      },
    })
    worker.child.send({ ...job, id } satisfies PreviewJob, (error) => {
      if (error) stopWorker(worker, `cannot reach the preview renderer: ${error.message}`)
    })
  })
}

/** The running worker's process id (none before the first preview, or after it stopped). */
export function previewWorkerPid(): number | undefined {
  return state.worker?.child.pid
}

function startWorker(sources: string): Worker {
  const child = spawn(
    process.execPath,
    [path.join(/*turbopackIgnore: true*/ rootDir, 'scripts/bin/budstikke.mjs'), 'preview-worker'],
    {
      cwd: rootDir,
      env: cliChildEnv({ BUDSTIKKE_LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  )
  const worker: Worker = { child, sources, pending: new Map(), output: [] }
  const keep = (chunk: Buffer) => {
    worker.output.push(...chunk.toString().split('\n').filter(Boolean))
    worker.output.splice(0, Math.max(0, worker.output.length - 30))
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  child.on('message', (message: PreviewJobResult) => {
    const pending = worker.pending.get(message.id)
    if (!pending) return
    worker.pending.delete(message.id)
    if (message.ok) pending.resolve()
    else pending.reject(new Error(message.message))
  })
  child.on('error', (error) => worker.output.push(error.message))
  child.on('exit', (code, signal) => {
    if (state.worker === worker) state.worker = undefined
    const why = `the preview renderer stopped (${signal ?? `exit ${code}`})`
    for (const pending of worker.pending.values())
      pending.reject(new Error(`${why}:\n${worker.output.join('\n')}`))
    worker.pending.clear()
  })
  // The admin may exit while the worker idles; the worker ends when its channel closes.
  child.unref()
  child.channel?.unref()
  return worker
}

function stopWorker(worker: Worker, reason: string): void {
  if (state.worker === worker) state.worker = undefined
  worker.output.push(reason)
  worker.child.kill('SIGKILL')
}

/** Sizes and modification times of the renderers' sources: cheap (a few hundred files), and changes with any edit. */
function sourcesStamp(): string {
  const hash = createHash('sha256')
  const visit = (file: string) => {
    let info
    try {
      info = statSync(file)
    } catch {
      return
    }
    if (info.isDirectory()) {
      for (const name of readdirSync(file).sort()) if (!name.startsWith('.')) visit(path.join(file, name))
    } else hash.update(`${file}\0${info.size}\0${info.mtimeMs}\n`)
  }
  for (const source of SOURCES) visit(path.join(/*turbopackIgnore: true*/ rootDir, source))
  return hash.digest('hex')
}
