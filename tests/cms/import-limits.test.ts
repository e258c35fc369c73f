/**
 * Drafts keep the limits of published text, and impossible dates are refused instead of rolled over
 * (2026-02-30 was stored as 2026-03-02): through the import command, and through Payload itself as the
 * admin saves a draft.
 */
import { execFile } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

let cms: TempCms
let payload: Payload
let baseDir: string

const HUGE_TITLE = 'Overenskomst '.repeat(800_000).slice(0, 10_000_000)

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  baseDir = path.join(cms.dir, 'import')
  await mkdir(baseDir, { recursive: true })
})

afterAll(async () => cms?.close())

interface Run {
  code: number
  stdout: string
  stderr: string
}

async function runImport(file: string): Promise<Run> {
  const run = promisify(execFile)('npx', ['budstikke', 'import', file], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, BUDSTIKKE_DATA_DIR: cms.dir },
    maxBuffer: 64 * 1024 * 1024,
  })
  return run.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: Run) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  )
}

async function slugsInDatabase(collection: 'articles' | 'benefits' | 'campaigns'): Promise<string[]> {
  const { docs } = await payload.find({
    collection,
    draft: true,
    overrideAccess: true,
    limit: 100,
    pagination: false,
  })
  return docs.map((doc) => String(doc.slug))
}

describe('import', () => {
  it('refuses a draft whose title is over the limit, and impossible dates, naming item and field', async () => {
    const file = path.join(baseDir, 'limits.json')
    await writeFile(
      file,
      JSON.stringify({
        articles: [
          { slug: 'kaempe-kladde', status: 'draft', title: HUGE_TITLE },
          { slug: 'skuddag-der-ikke-findes', title: 'Den 30. februar', publishedAt: '2026-02-30T00:00:00Z' },
          { slug: 'klokken-25', title: 'Klokken 25', publishedAt: '2026-05-01T25:00:00Z' },
          { slug: 'almindelig-kladde', status: 'draft', title: 'En almindelig kladde' },
          { slug: 'rigtig-dato', title: 'Skuddag', publishedAt: '2028-02-29T12:00:00Z' },
        ],
        benefits: [{ slug: 'april-har-30', name: 'Rabat', category: 'Fritid', validTo: '2026-04-31' }],
        campaigns: [
          { slug: 'lang-tekst', status: 'draft', title: 'Kampagne', newsletterText: 'x'.repeat(40_001) },
        ],
      }),
    )
    const run = await runImport(file)
    expect(run.code, run.stderr).toBe(1)
    expect(run.stderr).toContain('limits.json: articles[0].title: longer than 40,000 characters')
    expect(run.stderr).toContain(
      'limits.json: articles[1].publishedAt: not a real date: 2026-02 has no day 30 (it has 28)',
    )
    expect(run.stderr).toContain(
      'limits.json: articles[2].publishedAt: not a real date: there is no time 25:00',
    )
    expect(run.stderr).toContain(
      'limits.json: benefits[0].validTo: not a real date: 2026-04 has no day 31 (it has 30)',
    )
    expect(run.stderr).toContain('limits.json: campaigns[0].newsletterText: longer than 40,000 characters')
    expect(run.stdout, run.stderr.slice(0, 3000)).toContain('2 created, 0 updated, 0 unchanged, 5 rejected')

    const articles = await slugsInDatabase('articles')
    expect(articles).toEqual(expect.arrayContaining(['almindelig-kladde', 'rigtig-dato']))
    for (const refused of ['kaempe-kladde', 'skuddag-der-ikke-findes', 'klokken-25'])
      expect(articles).not.toContain(refused)
    expect(await slugsInDatabase('benefits')).not.toContain('april-har-30')
    expect(await slugsInDatabase('campaigns')).not.toContain('lang-tekst')
    const leapDay = await payload.find({
      collection: 'articles',
      where: { slug: { equals: 'rigtig-dato' } },
      overrideAccess: true,
    })
    expect(leapDay.docs[0]?.publishedAt).toBe('2028-02-29T12:00:00.000Z')
  }, 180_000)
})

describe('a draft saved in the CMS', () => {
  it('is refused when a text is over the limit, naming the field; a draft at the limit is kept', async () => {
    const save = (title: string, summary = 'Kort') =>
      payload.create({
        collection: 'articles',
        draft: true,
        data: { title, summary, _status: 'draft' },
        overrideAccess: true,
      })
    await expect(save(HUGE_TITLE)).rejects.toThrow(/The following field is invalid: title/)
    await expect(save('Kladde', 'y'.repeat(40_001))).rejects.toMatchObject({
      data: { errors: [{ path: 'summary', message: 'longer than 40,000 characters (40,001)' }] },
    })
    const kept = await save('z'.repeat(40_000))
    expect(kept.title).toHaveLength(40_000)
    // An update of the draft gets the same check.
    await expect(
      payload.update({
        collection: 'articles',
        id: kept.id,
        draft: true,
        data: { title: HUGE_TITLE },
        overrideAccess: true,
      }),
    ).rejects.toThrow(/title/)
    const stored = await payload.findByID({
      collection: 'articles',
      id: kept.id,
      draft: true,
      overrideAccess: true,
    })
    expect(stored.title).toHaveLength(40_000)
  }, 60_000)
})
