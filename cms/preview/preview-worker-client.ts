/**
 * The admin's side of the preview worker (channels/preview/preview-worker.ts): a long-lived
 * `budstikke preview-worker` child, started when the admin starts (warm-at-boot.ts; else at the first
 * preview) and reused, so the renderers (and the
 * site's Astro page bundle) stay loaded between previews. Astro, MJML, pdfkit and satori stay out of
 * the admin server's own process, where they could stall it.
 *
 * The worker is started again when it has died, when a render overran its time (it is stopped), and
 * when the channel or site sources changed since it started (a developer editing a template sees the
 * change at the next preview, as with the one-off renderer before).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {
  PreviewJob,
  PreviewJobResult,
  PreviewWarmUp,
  PreviewWorkerMessage,
} from '../../channels/preview/preview-worker-protocol.ts'
import { cliChildEnv } from '../lib/child-env.ts'
import { rootDir } from '../lib/paths.ts'

/** What the worker renders with: a change to any of these starts a new worker. */
const SOURCES = ['channels', 'site', 'templates', 'astro.config.mjs', 'package-lock.json']

interface Pending {
  resolve: () => void
  reject: (error: Error) => void
  /** The preview's first `preview.json` is written (the cards are still being drawn). */
  shown?: () => void
}

interface Worker {
  child: ChildProcess
  sources: string
  pending: Map<number, Pending>
  /** The worker's last lines of output, for the message when it dies. */
  output: string[]
  /** Lowered for the warm-up at the admin's start; back to normal for an editor's preview. */
  lowPriority: boolean
}

interface State {
  worker?: Worker
  nextId: number
}

// Kept on globalThis: Next's dev server may load this module more than once (hot reloads).
const state: State = ((globalThis as { __budstikkePreviewWorker?: State }).__budstikkePreviewWorker ??= {
  nextId: 1,
})

/**
 * Renders one preview into `job.outDir` with the warm worker; rejects with the message naming what
 * failed. `onShown` is called when the preview can be shown (its cards are drawn after).
 */
export async function renderWithWorker(
  job: Omit<PreviewJob, 'id' | 'kind'>,
  timeoutMs: number,
  onShown?: () => void,
): Promise<void> {
  const worker = currentWorker()
  // An editor waits for this one: the warm-up's low priority no longer applies.
  normalPriority(worker)
  await send(worker, { ...job, kind: 'preview', id: state.nextId++ }, timeoutMs, onShown)
}

/**
 * Starts the worker (unless one runs) and has it render a throwaway preview of `warmUp.snapshotFile`
 * for the site URL given (channels/preview/preview-warm-up.ts), at low priority where the admin may
 * raise it again when an editor's preview comes. Resolves when the warm-up is done.
 */
export async function warmUpWorker(
  warmUp: Omit<PreviewWarmUp, 'id' | 'kind'>,
  timeoutMs: number,
): Promise<void> {
  const fresh = !state.worker
  const worker = currentWorker()
  if (fresh) lowPriority(worker)
  try {
    await send(worker, { ...warmUp, kind: 'warm-up', id: state.nextId++ }, timeoutMs)
  } finally {
    normalPriority(worker)
  }
}

function currentWorker(): Worker {
  const sources = sourcesStamp()
  if (state.worker && state.worker.sources !== sources) stopWorker(state.worker, 'the renderers changed')
  return (state.worker ??= startWorker(sources))
}

function send(
  worker: Worker,
  message: PreviewWorkerMessage,
  timeoutMs: number,
  shown?: () => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stopWorker(worker, `stopped after ${timeoutMs / 1000} s`)
    }, timeoutMs)
    worker.pending.set(message.id, {
      resolve: () => {
        clearTimeout(timer)
        resolve()
      },
      reject: (error) => {
        clearTimeout(timer)
        reject(error)
      },
      shown,
    })
    worker.child.send(message, (error) => {
      if (error) stopWorker(worker, `cannot reach the preview renderer: ${error.message}`)
    })
  })
}

/** Nice value of the warm-up: the admin's own start (Next compiling, the first pages) goes first. */
const WARM_UP_NICE = 10

function lowPriority(worker: Worker): void {
  // Lowered only where it can be raised again: otherwise every later preview would stay behind.
  if (!worker.child.pid || !mayRaisePriority()) return
  try {
    os.setPriority(worker.child.pid, WARM_UP_NICE)
    worker.lowPriority = true
  } catch {
    // Not lowered: the warm-up runs at normal priority.
  }
}

function normalPriority(worker: Worker): void {
  if (!worker.lowPriority || !worker.child.pid) return
  worker.lowPriority = false
  try {
    os.setPriority(worker.child.pid, os.getPriority())
  } catch {
    // The worker has gone (a new one is started at the next preview).
  }
}

/**
 * Whether this process may give a child back a lower nice value: as root, or when the nice limit
 * (RLIMIT_NICE, 20 - lowest nice allowed) reaches the admin's own nice value.
 */
function mayRaisePriority(): boolean {
  if (process.getuid?.() === 0) return true
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max nice priority'))
    const limit = Number(line?.split(/\s{2,}/)[1])
    return Number.isFinite(limit) && 20 - limit <= os.getPriority()
  } catch {
    return false
  }
}

/** Stops the running worker, if any (the benchmark measures a start without one). */
export function stopPreviewWorker(): void {
  if (state.worker) stopWorker(state.worker, 'stopped by the admin')
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
  const worker: Worker = { child, sources, pending: new Map(), output: [], lowPriority: false }
  const keep = (chunk: Buffer) => {
    worker.output.push(...chunk.toString().split('\n').filter(Boolean))
    worker.output.splice(0, Math.max(0, worker.output.length - 30))
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  child.on('message', (message: PreviewJobResult) => {
    const pending = worker.pending.get(message.id)
    if (!pending) return
    if ('shown' in message) return pending.shown?.()
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
