/**
 * Publish on a disk that fills up or turns read-only: one line naming the path and what to do (never a
 * stack trace, whichever process met the error: publish itself, the Astro build or Pagefind), a non-zero
 * exit, the previous output untouched, and no staging folder or lock left behind.
 * And a snapshot that does not validate is reported under the file name the user gave.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishSnapshot } from '../../scripts/publish/publish.ts'
import { fillDisk, mountTmpfs, type Tmpfs } from './helpers/tmpfs.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

const root = path.resolve(import.meta.dirname, '../..')
const fixture = SAMPLE_SNAPSHOT_FILE

/** Publish as an operator runs it; `--quiet` leaves only what is not progress on stderr (errors, warnings). */
function publishCli(
  out: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      path.join(root, 'node_modules/node/bin/node'),
      [
        path.join(root, 'scripts/bin/budstikke.mjs'),
        'publish',
        '--quiet',
        '--snapshot',
        fixture,
        '--out',
        out,
        ...args,
      ],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URI: '', ...env },
      },
    )
    let stderr = ''
    child.stdout.resume()
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('close', (code) => resolve({ code, stderr }))
  })
}

/** Every file of a folder with the hash of its bytes: the previous output must come out byte-identical. */
async function snapshotOf(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files: Record<string, string> = {}
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name)
    files[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex')
  }
  return files
}

/** Bytes the files under `dir` take on a tmpfs (whole pages). */
async function diskUse(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  let bytes = 0
  for (const entry of entries.filter((e) => e.isFile()))
    bytes += Math.ceil((await stat(path.join(entry.parentPath, entry.name))).size / 4096) * 4096
  return bytes
}

function expectOneLine(stderr: string, code: string, disk: string): void {
  const lines = stderr.trim().split('\n')
  expect(lines, stderr).toHaveLength(1)
  expect(lines[0]).toMatch(new RegExp(`^budstikke: ${disk}/\\S+.*: .*\\(${code}\\); .+ and run again$`))
}

const disk: Tmpfs | { skip: string } = await mountTmpfs(24)
if ('skip' in disk) console.warn(`publish on a failing disk: skipped: ${disk.skip}`)
// At the top level, so it runs also when a filter skips every test of the describe below.
afterAll(async () => {
  if (!('skip' in disk)) await disk.unmount()
})

describe.skipIf('skip' in disk)('publish on a failing disk', () => {
  let out: string
  let previous: Record<string, string>

  beforeAll(async () => {
    if ('skip' in disk) return
    out = path.join(disk.dir, 'dist')
    const first = await publishCli(out)
    expect(first.code, first.stderr).toBe(0)
    previous = await snapshotOf(out)
  })

  /** What is on the disk besides the output must be exactly what was there before (no staging, no lock). */
  async function expectPreviousIntact(extra: string[] = []): Promise<void> {
    if ('skip' in disk) return
    expect(await snapshotOf(out)).toEqual(previous)
    expect((await readdir(disk.dir)).sort()).toEqual(['dist', ...extra].sort())
  }

  /** Room left on the disk, given the room the output's parts before the site (snapshot, cards, newsletters) take. */
  it.each([
    ['for nothing (the lock)', () => 16 * 1024],
    ['for part of the pages', (beforeSite: number) => beforeSite - 800 * 1024],
    ['for the pages, not the search index', (beforeSite: number) => beforeSite + 256 * 1024],
  ])('disk full, with room %s: one line, previous output intact', async (_name, room) => {
    if ('skip' in disk) return
    const beforeSite = (
      await Promise.all(
        ['snapshot', 'social', 'newsletters', 'site/social'].map((d) => diskUse(path.join(out, d))),
      )
    ).reduce((a, b) => a + b, 0)
    const filler = await fillDisk(disk.dir, room(beforeSite))
    try {
      const run = await publishCli(out, ['--full'])
      expect(run.code).toBe(1)
      expectOneLine(run.stderr, 'ENOSPC', disk.dir)
      await expectPreviousIntact(['filler.bin'])
    } finally {
      await rm(filler)
    }
  })

  it('read-only disk: one line, previous output intact', async () => {
    if ('skip' in disk) return
    expect(spawnSync('mount', ['-o', 'remount,ro', disk.dir]).status).toBe(0)
    try {
      const run = await publishCli(out)
      expect(run.code).toBe(1)
      expectOneLine(run.stderr, 'EROFS', disk.dir)
      await expectPreviousIntact()
    } finally {
      spawnSync('mount', ['-o', 'remount,rw', disk.dir])
    }
  })
})

/**
 * The Astro build works in the project's scratch folder, not on the output's disk: this publish gets a
 * scratch folder of its own (BUDSTIKKE_SITE_WORK_ROOT, so builds of other tests are not touched) on a
 * tmpfs that is filled up, so the build itself (a child process, which used to print ~40 lines of
 * rolldown and Node stack) meets the full disk.
 */
describe.skipIf('skip' in disk)('publish when the disk of the Astro build is full', () => {
  const siteWork = path.join(root, `.tmp/site-work-full-${process.pid}`)
  let scratch: Tmpfs | { skip: string }
  let work: string
  let out: string
  let previous: Record<string, string>

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'budstikke-astro-full-'))
    out = path.join(work, 'dist')
    const first = await publishCli(out, ['--only', 'site'])
    expect(first.code, first.stderr).toBe(0)
    previous = await snapshotOf(out)
    await mkdir(siteWork, { recursive: true })
    scratch = await mountTmpfs(16, siteWork)
  })

  afterAll(async () => {
    if (scratch && !('skip' in scratch)) await scratch.unmount()
    await rm(siteWork, { recursive: true, force: true })
    await rm(work, { recursive: true, force: true })
  })

  it('one line naming the scratch folder, previous output intact', async () => {
    if ('skip' in scratch) throw new Error(scratch.skip)
    const filler = await fillDisk(siteWork, 64 * 1024)
    try {
      const run = await publishCli(out, ['--only', 'site', '--full'], { BUDSTIKKE_SITE_WORK_ROOT: siteWork })
      expect(run.code).toBe(1)
      expectOneLine(run.stderr, 'ENOSPC', siteWork)
      expect(await snapshotOf(out)).toEqual(previous)
      expect((await readdir(work)).sort()).toEqual(['dist'])
      expect(await readdir(siteWork)).toEqual(['filler.bin'])
    } finally {
      await rm(filler)
    }
  })
})

describe('publish --snapshot with an invalid file', () => {
  let work: string
  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'budstikke-bad-snapshot-'))
  })
  afterAll(async () => {
    await rm(work, { recursive: true, force: true })
  })

  it('names the file the user gave, not the staging copy', async () => {
    const snapshot = JSON.parse(await readFile(fixture, 'utf8')) as { articles: Array<{ title: unknown }> }
    snapshot.articles[0].title = 42
    const bad = path.join(work, 'my-snapshot.json')
    await writeFile(bad, JSON.stringify(snapshot))
    const publishing = publishSnapshot({
      snapshotFile: bad,
      outDir: path.join(work, 'dist'),
      only: ['newsletters'],
      full: false,
      log: () => {},
    })
    await expect(publishing).rejects.toThrow(`${bad} is not a valid snapshot:\n  articles[0].title:`)
    await expect(publishing).rejects.not.toThrow('staging')
  })

  it('names it when it is not JSON at all', async () => {
    const bad = path.join(work, 'cut.json')
    await writeFile(bad, '{"organisation": {')
    await expect(
      publishSnapshot({
        snapshotFile: bad,
        outDir: path.join(work, 'dist'),
        only: ['newsletters'],
        full: false,
        log: () => {},
      }),
    ).rejects.toThrow(`${bad}: cannot read snapshot:`)
  })
})
