/**
 * `--out /srv/www/dist` on another disk than the project (the README's own example): every scratch
 * folder whose content ends in a rename (staging, Astro's bundle and output, the image cache) must be on
 * the output's disk, or be copied across. A tmpfs stands in for the other disk. Two Astro builds: one
 * from scratch (and without Astro's image cache), one after an edit (with the cache, kept on the project's disk).
 */
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSources } from '../../channels/shared/content-hash.ts'
import { pageBundleDir } from '../../channels/site/page-bundle.ts'
import { ASTRO_ASSET_CACHE } from '../../channels/site/publish-step.ts'
import { SITE_SOURCES } from '../../channels/site/site-cache.ts'
import { publishSnapshot, type PublishReport } from '../../scripts/publish/publish.ts'
import { mountTmpfs, type Tmpfs } from './helpers/tmpfs.ts'
import { SAMPLE_SNAPSHOT_DIR } from '../../channels/snapshot/sample-snapshot.ts'

const SITE_URL = 'https://andet-drev.example.org'
let fixture: string

let disk: Tmpfs | { skip: string }
let work: string

const publish = (snapshotFile: string, outDir: string) =>
  publishSnapshot({ snapshotFile, outDir, full: false, log: () => {} })
const rendered = (report: PublishReport, channel: string) =>
  report.channels.find((c) => c.channel === channel)?.rendered

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'budstikke-otherfs-'))
  await cp(SAMPLE_SNAPSHOT_DIR, path.join(work, 'sample'), { recursive: true })
  fixture = path.join(work, 'sample/snapshot.json')
  const snapshot = JSON.parse(await readFile(fixture, 'utf8')) as { organisation: { siteUrl: string } }
  snapshot.organisation.siteUrl = SITE_URL
  await writeFile(fixture, JSON.stringify(snapshot, null, 2))
  disk = await mountTmpfs(64)
  if ('skip' in disk) console.warn(`skipped: ${disk.skip}`)
})

afterAll(async () => {
  if (!('skip' in disk)) await disk.unmount()
  await rm(work, { recursive: true, force: true })
})

describe('publish onto another file system', () => {
  it('publishes every channel, then rebuilds the site after an edit with the image cache', async (context) => {
    if ('skip' in disk) return context.skip(disk.skip)
    const out = path.join(disk.dir, 'srv/www/dist')
    // From scratch, as on a fresh machine: no image cache and no page bundle kept yet.
    await rm(ASTRO_ASSET_CACHE, { recursive: true, force: true })
    await rm(pageBundleDir(await hashSources(SITE_SOURCES), SITE_URL), { recursive: true, force: true })
    const first = await publish(fixture, out)
    expect(rendered(first, 'site')).toBeGreaterThan(20)
    expect(existsSync(path.join(out, 'site/index.html'))).toBe(true)
    expect(existsSync(path.join(out, 'newsletters/index.html'))).toBe(true)
    // The image cache came back to the project's disk, for the next build.
    expect((await readdir(ASTRO_ASSET_CACHE)).filter((f) => f.endsWith('.webp')).length).toBeGreaterThan(0)

    // An edit the site shows: a rebuild, with the image cache copied across and back.
    await cp(path.dirname(fixture), path.join(work, 'edited'), { recursive: true })
    const edited = path.join(work, 'edited/snapshot.json')
    const snapshot = JSON.parse(await readFile(edited, 'utf8')) as { organisation: { name: string } }
    snapshot.organisation.name = 'Fjordens Fagforbund'
    await writeFile(edited, JSON.stringify(snapshot, null, 2))
    const second = await publish(edited, out)
    expect(rendered(second, 'site')).toBeGreaterThan(20)
    expect(await readFile(path.join(out, 'site/index.html'), 'utf8')).toContain('Fjordens Fagforbund')
    expect((await readdir(ASTRO_ASSET_CACHE)).filter((f) => f.endsWith('.webp')).length).toBeGreaterThan(0)
    // Nothing but the output and its lock's folder on the other disk.
    expect(await readdir(path.join(disk.dir, 'srv/www'))).toEqual(['dist'])
  }, 300_000)
})
