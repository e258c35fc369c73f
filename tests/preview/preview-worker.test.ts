/**
 * The admin's preview worker (cms/preview/preview-worker-client.ts → `budstikke preview-worker`): one
 * long-lived process that renders preview after preview with its renderers loaded, reports a bad job
 * without dying, and is replaced when it has died.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { PreviewManifest } from '../../channels/preview/preview-manifest.ts'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { existsSync } from 'node:fs'
import {
  previewWorkerPid,
  renderWithWorker,
  stopPreviewWorker,
  warmUpWorker,
} from '../../cms/preview/preview-worker-client.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

const FIXTURE = SAMPLE_SNAPSHOT_FILE
const TIMEOUT_MS = 5 * 60_000
let root: string

afterAll(async () => {
  const pid = previewWorkerPid()
  if (pid) process.kill(pid, 'SIGKILL')
  if (root) await rm(root, { recursive: true, force: true })
})

/** The fixture with article a1's Danish title changed, as the admin's export would write it. */
async function snapshotTitled(title: string, siteUrl?: string): Promise<string> {
  root ??= await mkdtemp(path.join(os.tmpdir(), 'preview-worker-'))
  const dir = await mkdtemp(path.join(root, 'snapshot-'))
  const snapshot = JSON.parse(await readFile(FIXTURE, 'utf8')) as Snapshot
  snapshot.articles.find((a) => a.id === 'a1' && a.locale === 'da')!.title = title
  if (siteUrl) snapshot.organisation.siteUrl = siteUrl
  await cp(path.join(path.dirname(FIXTURE), 'media'), path.join(dir, 'media'), { recursive: true })
  await writeFile(path.join(dir, 'snapshot.json'), JSON.stringify(snapshot))
  return path.join(dir, 'snapshot.json')
}

type WebPreview = Extract<PreviewManifest['channels']['web'], { status: 'ok' }>

async function preview(title: string, document = 'a1', siteUrl?: string): Promise<PreviewManifest> {
  const snapshotFile = await snapshotTitled(title, siteUrl)
  const outDir = path.join(path.dirname(snapshotFile), 'preview')
  await renderWithWorker({ collection: 'articles', document, locale: 'da', snapshotFile, outDir }, TIMEOUT_MS)
  const manifest = JSON.parse(await readFile(path.join(outDir, 'preview.json'), 'utf8')) as PreviewManifest
  for (const channel of ['web', 'email', 'cards'] as const)
    expect(manifest.channels[channel].status).toBe('ok')
  const web = manifest.channels.web as WebPreview
  expect(await readFile(path.join(outDir, web.path), 'utf8')).toContain(`<h1>${title}</h1>`)
  return manifest
}

describe('preview worker', () => {
  it('renders one preview after another in the same process, each showing its own draft', async () => {
    expect((await preview('Første udkast til afstemningen')).document.title).toBe(
      'Første udkast til afstemningen',
    )
    const pid = previewWorkerPid()
    expect(pid).toBeGreaterThan(0)
    expect((await preview('Andet udkast til afstemningen')).document.title).toBe(
      'Andet udkast til afstemningen',
    )
    expect(previewWorkerPid()).toBe(pid)
  }, 600_000)

  it('reports a job it cannot render, naming the document, and stays up', async () => {
    const pid = previewWorkerPid()
    await expect(preview('Udkast uden dokument', 'no-such-article')).rejects.toThrow(
      'articles/no-such-article: not in the preview snapshot',
    )
    expect(previewWorkerPid()).toBe(pid)
  }, 600_000)

  it('is replaced at the next preview when it has died', async () => {
    const pid = previewWorkerPid()!
    process.kill(pid, 'SIGKILL')
    await expect.poll(() => previewWorkerPid(), { timeout: 10_000 }).toBeUndefined()
    expect((await preview('Tredje udkast efter et nedbrud')).document.title).toBe(
      'Tredje udkast efter et nedbrud',
    )
    expect(previewWorkerPid()).not.toBe(pid)
  }, 600_000)

  it("is warmed up at the admin's start: the first preview then finds the page bundle built for the Organisation's site URL", async () => {
    stopPreviewWorker()
    await expect.poll(() => previewWorkerPid(), { timeout: 10_000 }).toBeUndefined()
    const siteUrl = 'https://fagforbundet-nord.example.org'
    const scratch = path.join(root, 'warm-up.partial-test')
    await warmUpWorker({ snapshotFile: FIXTURE, siteUrl, outDir: scratch }, TIMEOUT_MS)
    const pid = previewWorkerPid()
    expect(pid).toBeGreaterThan(0)
    expect(existsSync(scratch)).toBe(false)

    const manifest = await preview('Første udkast efter opstarten', 'a1', siteUrl)
    expect((manifest.channels.web as WebPreview).bundleSeconds).toBe(0)
    expect(previewWorkerPid()).toBe(pid)
    // Another site URL needs another bundle: the warm-up does not stand in for it.
    const moved = await preview('Udkast efter flytningen', 'a1', 'https://nord.example.net')
    expect((moved.channels.web as WebPreview).bundleSeconds).toBeGreaterThan(0)
  }, 600_000)
})
