/**
 * The preview benchmark's measuring process (`tsx scripts/bench/preview-phase.ts COUNT`, started by
 * preview.bench.ts with BUDSTIKKE_DATA_DIR and BUDSTIKKE_PREVIEW_DIR set to temporary folders): the demo
 * content seeded into a fresh CMS, then a draft of one article saved and previewed COUNT + 1 times, the
 * title edited before each, through the admin's own preview store (export in this process, render in
 * the preview worker), as the Preview tab asks for it. Prints one JSON line of seconds.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { closePayload, openPayload } from '../../cms/payload-client.ts'
import { importFile } from '../../cms/import/import-content.ts'
import { previewState, waitForRender, type PreviewRequest } from '../../cms/preview/preview-store.ts'
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
      return (performance.now() - started) / 1000
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
const first = await previewSeconds(article, 'Udkast 0: lønforhandlingerne går i gang', 'title')
const warm: number[] = []
for (let i = 1; i <= count; i++)
  warm.push(await previewSeconds(article, `Udkast ${i}: lønforhandlingerne går i gang`, 'title'))
const letters: number[] = []
for (let i = 0; i <= Math.min(5, count); i++)
  letters.push(await previewSeconds(letter, `Velkommen i fagforeningen, brev ${i}`, 'subject'))
await closePayload()
console.log(JSON.stringify({ first, warm, letterFirst: letters[0], letterWarm: letters.slice(1) }))
process.exit(0)
