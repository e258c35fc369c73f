/**
 * Previews in the admin: each is rendered once per document version (exported here, then rendered by
 * the preview worker, a long-lived child process that keeps the renderers warm and out of the admin
 * server: preview-worker-client.ts) into a cache folder outside any publish output, and served from
 * there until the draft or anything it shows changes.
 * One render runs at a time (two cores); at most `BUDSTIKKE_PREVIEW_KEEP` previews are kept.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { CollectionSlug, Payload, TypedUser } from 'payload'
import { PREVIEW_MANIFEST, type PreviewManifest } from '../../channels/preview/preview-manifest.ts'
import type { Locale } from '../../channels/snapshot/schema.ts'
import { writePreviewSnapshot } from '../export/export-snapshot.ts'
import { dataDir, rootDir } from '../lib/paths.ts'
import type { PreviewCollection } from './preview-paths.ts'
import { renderWithWorker } from './preview-worker-client.ts'
import { setting } from '../../channels/shared/config.ts'

/** Bumped when the preview folder's layout changes, so old cached previews are not served. */
const PREVIEW_FORMAT = 2
/** A render that takes longer than this is stopped and reported. */
const RENDER_TIMEOUT_MS = 5 * 60_000
/** Collections whose changes can alter what a preview shows (related documents, images, the brand). */
const STAMPED: CollectionSlug[] = [
  'articles',
  'benefits',
  'campaigns',
  'newsletters',
  'letters',
  // A page's path is made of its ancestors' slugs.
  'pages',
  'media',
  'topics',
  'segments',
]

export function previewRoot(): string {
  return path.resolve(
    /*turbopackIgnore: true*/ setting('BUDSTIKKE_PREVIEW_DIR') ?? path.join(rootDir, '.tmp/preview'),
  )
}

function keepCount(): number {
  return setting('BUDSTIKKE_PREVIEW_KEEP')
}

export interface PreviewRequest {
  collection: PreviewCollection
  id: string
  locale: Locale
}

export interface DraftInfo {
  /** The title, name or subject as the last saved draft has it (may be empty). */
  title: string
  updatedAt: string
  /** `articles/12`: how the page names the document before the preview has been made. */
  label: string
}

export type PreviewState =
  | { state: 'rendering'; key: string; draft: DraftInfo; startedAt: number; queued: boolean }
  | { state: 'ready'; key: string; draft: DraftInfo; dir: string; manifest: PreviewManifest }
  | { state: 'failed'; key: string; draft: DraftInfo; message: string }

interface Job {
  /** `finishing`: shown (its preview.json is there) while the cards are drawn. */
  state: 'queued' | 'rendering' | 'finishing' | 'failed'
  startedAt: number
  message?: string
  /** Settles when the preview can be shown (or has failed). */
  done: Promise<void>
  /** Settles when every file of the preview is written (the next render waits for it). */
  finished: Promise<void>
}

interface Store {
  jobs: Map<string, Job>
  /** Renders run one after another (each from when the previous one is shown). */
  chain: Promise<void>
}

// Kept on globalThis: Next's dev server may load this module more than once (hot reloads).
const store: Store = ((globalThis as { __budstikkePreviews?: Store }).__budstikkePreviews ??= {
  jobs: new Map(),
  chain: Promise.resolve(),
})

/**
 * Reads the draft as the signed-in user may (null when it does not exist or they may not read it).
 */
export async function readDraft(
  payload: Payload,
  user: TypedUser,
  request: PreviewRequest,
): Promise<DraftInfo | null> {
  const collection = payload.collections[request.collection]?.config
  if (!collection) return null
  const titleField = collection.admin?.useAsTitle ?? 'id'
  let doc: Record<string, unknown>
  try {
    doc = (await payload.findByID({
      collection: request.collection,
      id: request.id,
      draft: true,
      depth: 0,
      locale: request.locale,
      fallbackLocale: false,
      user,
      overrideAccess: false,
    })) as unknown as Record<string, unknown>
  } catch {
    return null
  }
  const title = typeof doc[titleField] === 'string' ? (doc[titleField] as string) : ''
  return { title, updatedAt: String(doc.updatedAt ?? ''), label: `${request.collection}/${request.id}` }
}

/** The cache key: this draft, this locale, and the last change to anything a preview may show. */
async function previewKey(payload: Payload, request: PreviewRequest, draft: DraftInfo): Promise<string> {
  const stamps = await Promise.all(
    STAMPED.map(async (collection) => {
      const result = await payload.find({
        collection,
        sort: '-updatedAt',
        limit: 1,
        depth: 0,
        overrideAccess: true,
        select: { updatedAt: true },
      })
      return String((result.docs[0] as { updatedAt?: string } | undefined)?.updatedAt ?? '')
    }),
  )
  const organisation = (await payload.findGlobal({
    slug: 'organisation',
    depth: 0,
    overrideAccess: true,
  })) as { updatedAt?: string }
  const hash = createHash('sha256')
    .update(
      JSON.stringify([
        PREVIEW_FORMAT,
        dataDir(),
        request,
        draft.updatedAt,
        stamps,
        organisation.updatedAt ?? '',
      ]),
    )
    .digest('hex')
    .slice(0, 16)
  return `${request.collection}-${request.id.replace(/[^A-Za-z0-9_-]/g, '_')}-${request.locale}-${hash}`
}

export function previewDir(key: string): string {
  return path.join(previewRoot(), key)
}

/**
 * Where the preview of this draft stands; starts rendering it when nothing is cached or running.
 * `retry` renders again after a failure (e.g. once the editor has fixed the field named in the error).
 */
export async function previewState(
  payload: Payload,
  request: PreviewRequest,
  draft: DraftInfo,
  options: { retry?: boolean } = {},
): Promise<PreviewState> {
  const key = await previewKey(payload, request, draft)
  const dir = previewDir(key)
  const manifest = await readManifest(dir)
  let job = store.jobs.get(key)
  // Shown before its cards were drawn: ready, unless nothing is drawing them any more (the admin restarted).
  if (manifest && (manifest.complete !== false || job?.state === 'finishing'))
    return { state: 'ready', key, draft, dir, manifest }
  if (job?.state === 'failed' && options.retry) {
    store.jobs.delete(key)
    job = undefined
  }
  if (!job) job = startRender(payload, key, request)
  if (job.state === 'failed')
    return { state: 'failed', key, draft, message: job.message ?? 'the preview could not be made' }
  return { state: 'rendering', key, draft, startedAt: job.startedAt, queued: job.state === 'queued' }
}

/**
 * Waits for the rest of a shown preview's files (the cards, the site copy's other pages): a file asked
 * for before it is written is answered once it is.
 */
export async function waitForFiles(key: string, timeoutMs: number): Promise<void> {
  const job = store.jobs.get(key)
  if (job?.state !== 'finishing') return
  await Promise.race([job.finished, new Promise((resolve) => setTimeout(resolve, timeoutMs))])
}

/** Waits for a started render (tests, and a short wait before answering "still rendering"). */
export async function waitForRender(key: string, timeoutMs: number): Promise<void> {
  const job = store.jobs.get(key)
  if (!job) return
  await Promise.race([job.done, new Promise((resolve) => setTimeout(resolve, timeoutMs))])
}

async function readManifest(dir: string): Promise<PreviewManifest | null> {
  try {
    return JSON.parse(await readFile(path.join(dir, PREVIEW_MANIFEST), 'utf8')) as PreviewManifest
  } catch {
    return null
  }
}

function startRender(payload: Payload, key: string, request: PreviewRequest): Job {
  let shown = () => {}
  const job: Job = {
    state: 'queued',
    startedAt: Date.now(),
    done: new Promise<void>((resolve) => (shown = resolve)),
    finished: Promise.resolve(),
  }
  job.finished = store.chain.then(async () => {
    job.state = 'rendering'
    job.startedAt = Date.now()
    try {
      await render(payload, key, request, () => {
        job.state = 'finishing'
        shown()
      })
      store.jobs.delete(key)
    } catch (error) {
      if ((job.state as Job['state']) === 'finishing') {
        // Shown, then the rest failed (the worker died): the folder is gone, the next request renders anew.
        store.jobs.delete(key)
        payload.logger.warn(`preview ${key}: ${(error as Error).message.split('\n')[0]}`)
      } else {
        job.state = 'failed'
        job.message = (error as Error).message
      }
    } finally {
      shown()
    }
    await prune().catch(() => undefined)
  })
  // The next render starts once this one is shown (the worker draws its cards meanwhile).
  store.chain = job.done
  store.jobs.set(key, job)
  return job
}

/**
 * The draft is exported here, with the admin's own (already open) Payload: half a second, where a
 * child would spend seconds loading Payload first. The channels then render it in the preview worker,
 * into the preview's own folder: it counts as made once the worker has written its `preview.json`
 * (`onShown`; the cards follow). A folder left without one (a render that failed or was killed) is
 * replaced by the next render.
 */
async function render(
  payload: Payload,
  key: string,
  request: PreviewRequest,
  onShown: () => void,
): Promise<void> {
  const dir = previewDir(key)
  await rm(dir, { recursive: true, force: true })
  try {
    const snapshotFile = path.join(dir, 'snapshot', 'snapshot.json')
    await writePreviewSnapshot(payload, snapshotFile, { collection: request.collection, id: request.id })
    await renderWithWorker(
      {
        collection: request.collection,
        document: request.id,
        locale: request.locale,
        snapshotFile,
        outDir: dir,
      },
      RENDER_TIMEOUT_MS,
      onShown,
    )
    if (!existsSync(path.join(dir, PREVIEW_MANIFEST)))
      throw new Error(
        `${request.collection}/${request.id}: the preview renderer wrote no ${PREVIEW_MANIFEST}`,
      )
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}

/** Keeps the newest previews; leftovers of interrupted renders go after a quarter of an hour. */
async function prune(): Promise<void> {
  const root = previewRoot()
  const entries = await readdir(root, { withFileTypes: true }).catch(() => [])
  const folders = await Promise.all(
    entries
      .filter((e) => e.isDirectory())
      .map(async (e) => ({ name: e.name, mtime: (await stat(path.join(root, e.name))).mtimeMs })),
  )
  const partials = folders.filter((f) => f.name.includes('.partial-') && Date.now() - f.mtime > 15 * 60_000)
  const done = folders
    .filter((f) => !f.name.includes('.partial-') && f.name !== 'cli')
    .sort((a, b) => b.mtime - a.mtime)
  for (const folder of [...partials, ...done.slice(keepCount())])
    await rm(path.join(root, folder.name), { recursive: true, force: true })
}
