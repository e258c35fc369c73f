/**
 * Editors publish in the admin, the channels follow: a change to public content queues one debounced
 * publish job; running it publishes from the database and records the outcome in "Publish status".
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

let cms: TempCms
let payload: Payload
let outDir: string
// As if edited in the admin: the CLI does not queue publishes, the admin and API do.
const context = { queuePublishFromCli: true }

const waitingJobs = async () =>
  (
    await payload.find({
      collection: 'payload-jobs',
      where: { and: [{ queue: { equals: 'publish' } }, { completedAt: { exists: false } }] },
      overrideAccess: true,
    })
  ).docs

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  outDir = path.join(cms.dir, 'dist')
  process.env.BUDSTIKKE_PUBLISH_DEBOUNCE_SECONDS = '0'
  process.env.BUDSTIKKE_PUBLISH_ARGS = `--only newsletters --out ${outDir}`
})

afterAll(async () => cms?.close())

describe('publishing in the CMS', () => {
  it('does not queue a publish for a draft that was never public', async () => {
    await payload.create({
      collection: 'articles',
      data: { title: 'Kladde', _status: 'draft' },
      draft: true,
      overrideAccess: true,
      context,
    })
    expect(await waitingJobs()).toHaveLength(0)
  })

  it('queues one publish for many quick edits of public content', async () => {
    const doc = await payload.create({
      collection: 'articles',
      data: { title: 'Nyhed', _status: 'published', publishedAt: '2026-01-01T00:00:00Z' },
      overrideAccess: true,
      context,
    })
    for (let i = 0; i < 10; i++)
      await payload.update({
        collection: 'articles',
        id: doc.id,
        data: { summary: `Rettelse ${i}` },
        overrideAccess: true,
        context,
      })
    const jobs = await waitingJobs()
    expect(jobs).toHaveLength(1)
    expect((jobs[0].input as { reason: string }).reason).toBe('articles/nyhed published')
  })

  it('runs the publish and records the outcome for editors', async () => {
    await payload.jobs.run({ queue: 'publish' })
    expect(await waitingJobs()).toHaveLength(0)
    const status = await payload.findGlobal({ slug: 'publish-status', overrideAccess: true })
    expect(status.state).toBe('ok')
    expect(status.reason).toBe('articles/nyhed published')
    expect(status.log).toContain(`published into ${outDir}`)
    const snapshot = JSON.parse(await readFile(path.join(outDir, 'snapshot/snapshot.json'), 'utf8')) as {
      articles: { title: string; summary: string }[]
    }
    expect(snapshot.articles.map((a) => [a.title, a.summary])).toEqual([['Nyhed', 'Rettelse 9']])
  })

  it('queues a publish when a document is unpublished, deleted, or the organisation changes', async () => {
    const doc = (
      await payload.find({
        collection: 'articles',
        where: { title: { equals: 'Nyhed' } },
        overrideAccess: true,
      })
    ).docs[0]
    await payload.update({
      collection: 'articles',
      id: doc.id,
      data: { _status: 'draft' },
      overrideAccess: true,
      context,
    })
    expect((await waitingJobs()).map((j) => (j.input as { reason: string }).reason)).toEqual([
      'articles/nyhed unpublished',
    ])
    await payload.jobs.run({ queue: 'publish' })
    await payload.updateGlobal({
      slug: 'organisation',
      data: { name: 'Nyt navn', shortName: 'NN' },
      overrideAccess: true,
      context,
    })
    expect((await waitingJobs()).map((j) => (j.input as { reason: string }).reason)).toEqual([
      'organisation changed',
    ])
  })

  it('publishes a scheduled document when it is due, and the site follows without anyone clicking', async () => {
    await payload.jobs.run({ queue: 'publish' })
    const draft = await payload.create({
      collection: 'articles',
      data: { title: 'Planlagt nyhed', summary: 'Klar til mandag' },
      draft: true,
      overrideAccess: true,
    })
    // What the admin's "Schedule publish" does: a schedulePublish job on the default queue, due then.
    await payload.jobs.queue({
      task: 'schedulePublish',
      input: { type: 'publish', doc: { relationTo: 'articles', value: String(draft.id) } },
      waitUntil: new Date(Date.now() - 1000),
    })
    const cli = process.env.BUDSTIKKE_CLI
    delete process.env.BUDSTIKKE_CLI // the admin server runs the scheduled job, not the CLI
    try {
      await payload.jobs.run({ queue: 'default' })
    } finally {
      process.env.BUDSTIKKE_CLI = cli
    }
    const published = await payload.findByID({ collection: 'articles', id: draft.id, overrideAccess: true })
    expect(published._status).toBe('published')
    expect((await waitingJobs()).map((j) => (j.input as { reason: string }).reason)).toEqual([
      'articles/planlagt-nyhed published',
    ])
    process.env.BUDSTIKKE_PUBLISH_ARGS = `--only site --out ${outDir}`
    await payload.jobs.run({ queue: 'publish' })
    const page = await readFile(path.join(outDir, 'site/artikler/planlagt-nyhed/index.html'), 'utf8')
    expect(page).toContain('Planlagt nyhed')
    expect(page).toContain('Klar til mandag')
  })
})
