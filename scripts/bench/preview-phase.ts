/**
 * The preview benchmark's measuring process (`tsx scripts/bench/preview-phase.ts COUNT`, started by
 * preview.bench.ts with BUDSTIKKE_DATA_DIR and BUDSTIKKE_PREVIEW_DIR set to temporary folders): the demo
 * content seeded into a fresh CMS, then a draft of one article saved and previewed COUNT + 1 times, the
 * title edited before each, through the admin's own preview store (export in this process, render in
 * the preview worker), as the Preview tab asks for it: first with no worker running, then after the
 * admin's start-up warm-up (a new worker), then COUNT warm previews, then a letter. Prints one JSON
 * line of seconds (with the median of each step of the warm previews and the CPU seconds used).
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { closePayload, openPayload } from '../../cms/payload-client.ts'
import { importFile } from '../../cms/import/import-content.ts'
import type { PreviewManifest } from '../../channels/preview/preview-manifest.ts'
import {
  previewState,
  waitForFiles,
  waitForRender,
  type PreviewRequest,
} from '../../cms/preview/preview-store.ts'
import { previewWorkerPid, stopPreviewWorker } from '../../cms/preview/preview-worker-client.ts'
import { warmPreviews } from '../../cms/preview/warm-at-boot.ts'
import { writeDemoContent } from '../seed/demo-content.ts'

const count = Number(process.argv[2] ?? 20)
const payload = await openPayload()
const seedDir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-bench-preview-seed-'))
try {
  const report = await importFile(payload, await writeDemoContent(seedDir))
  if (report.rejected.length > 0) throw new Error(`seed rejected: ${JSON.stringify(report.rejected[0])}`)
} finally {
  await rm(seedDir, { recursive: true, force: true })
}

const manifests: PreviewManifest[] = []

/** From the request to a finished preview, as the admin's route sees it (it waits, then asks again). */
async function previewSeconds(request: PreviewRequest, title: string, field: string): Promise<number> {
  await payload.update({
    collection: request.collection,
    id: request.id,
    data: { [field]: title },
    draft: true,
    locale: request.locale,
    overrideAccess: true,
  })
  const doc = (await payload.findByID({
    collection: request.collection,
    id: request.id,
    draft: true,
    depth: 0,
    locale: request.locale,
    overrideAccess: true,
  })) as unknown as Record<string, unknown>
  const draft = { title, updatedAt: String(doc.updatedAt), label: `${request.collection}/${request.id}` }
  const started = performance.now()
  for (;;) {
    const state = await previewState(payload, request, draft)
    if (state.state === 'ready') {
      if (state.manifest.document.title !== title)
        throw new Error(`preview shows "${state.manifest.document.title}", not "${title}"`)
      manifests.push(state.manifest)
      const seconds = (performance.now() - started) / 1000
      // An editor looks at a preview before saving again: its cards are drawn meanwhile (not timed).
      await waitForFiles(state.key, 600_000)
      return seconds
    }
    if (state.state === 'failed') throw new Error(`preview failed: ${state.message}`)
    await waitForRender(state.key, 600_000)
  }
}

async function firstId(payload: Payload, collection: 'articles' | 'letters'): Promise<string> {
  const found = await payload.find({ collection, limit: 1, depth: 0, overrideAccess: true, sort: 'id' })
  const doc = found.docs[0] as { id?: string | number } | undefined
  if (!doc?.id) throw new Error(`the demo content has no ${collection}`)
  return String(doc.id)
}

const article: PreviewRequest = {
  collection: 'articles',
  id: await firstId(payload, 'articles'),
  locale: 'da',
}
const letter: PreviewRequest = { collection: 'letters', id: await firstId(payload, 'letters'), locale: 'da' }
// The first preview with no worker running (as before the admin warmed it at start) ...
const first = await previewSeconds(article, 'Udkast 0: lønforhandlingerne går i gang', 'title')
// ... and after a start of the admin: a new worker, warmed up as the admin's onInit does it.
stopPreviewWorker()
await waitUntil(() => previewWorkerPid() === undefined)
const warmUp = await warmPreviews(payload)
const firstAfterWarmUp = await previewSeconds(article, 'Udkast A: lønforhandlingerne går i gang', 'title')
manifests.length = 0
const warm: number[] = []
for (let i = 1; i <= count; i++)
  warm.push(await previewSeconds(article, `Udkast ${i}: lønforhandlingerne går i gang`, 'title'))
const profile = profileOf(manifests)
const letters: number[] = []
for (let i = 0; i <= Math.min(5, count); i++)
  letters.push(await previewSeconds(letter, `Velkommen i fagforeningen, brev ${i}`, 'subject'))
const pid = previewWorkerPid()
const workerCpu = pid ? cpuSecondsOf(pid) : null
await closePayload()
console.log(
  JSON.stringify({
    first,
    warmUp,
    firstAfterWarmUp,
    warm,
    letterFirst: letters[0],
    letterWarm: letters.slice(1),
    profile,
    cpu: { admin: cpuSeconds(process.cpuUsage()), worker: workerCpu },
  }),
)
process.exit(0)

async function waitUntil(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 50))
}

/** Median seconds of each step the warm previews' manifests record (export, each channel, the worker's total). */
function profileOf(list: PreviewManifest[]): Record<string, number> {
  const steps: Record<string, number[]> = {}
  const add = (name: string, value: number | undefined) => {
    if (value !== undefined) (steps[name] ??= []).push(value)
  }
  for (const manifest of list) {
    add('export', manifest.seconds.export)
    add('render', manifest.seconds.total)
    for (const [name, channel] of Object.entries(manifest.channels))
      if (channel.status !== 'not-applicable') add(name, channel.seconds)
  }
  return Object.fromEntries(
    Object.entries(steps).map(([name, values]) => [
      name,
      values.toSorted((a, b) => a - b)[values.length >> 1],
    ]),
  )
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return Math.round((usage.user + usage.system) / 1e4) / 100
}

/** User + system CPU seconds of a running process (/proc/PID/stat, clock ticks of 1/100 s). */
function cpuSecondsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}
