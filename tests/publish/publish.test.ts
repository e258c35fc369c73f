/**
 * Publish as a whole: the output is swapped in only when every channel succeeded; a kill leaves the
 * previous output complete; two publishes into one folder never interleave.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { publishSnapshot } from '../../scripts/publish/publish.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

const root = path.resolve(import.meta.dirname, '../..')
const fixture = SAMPLE_SNAPSHOT_FILE
const quiet = () => {}
let outDir: string

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort()
}

beforeAll(async () => {
  outDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'budstikke-publish-')), 'dist')
  await publishSnapshot({ snapshotFile: fixture, outDir, only: ['newsletters'], full: false, log: quiet })
})

describe('publish', () => {
  it('writes the snapshot, the channel output and a report', async () => {
    const files = await listFiles(outDir)
    expect(files).toContain('snapshot/snapshot.json')
    expect(files).toContain('newsletters/index.html')
    const report = JSON.parse(await readFile(path.join(outDir, 'publish-report.json'), 'utf8')) as {
      channels: { channel: string; rendered: number }[]
    }
    expect(report.channels.map((c) => c.channel)).toEqual(['newsletters'])
    expect(report.channels[0].rendered).toBeGreaterThan(0)
  })

  it('refuses a second publish into the same folder while one runs', async () => {
    // Another live process holds the lock, as a running publish would.
    const other = spawn('sleep', ['30'])
    await writeFile(`${outDir}.lock`, JSON.stringify({ pid: other.pid, since: '2026-11-24T10:00:00.000Z' }))
    try {
      await expect(
        publishSnapshot({ snapshotFile: fixture, outDir, only: ['newsletters'], full: false, log: quiet }),
      ).rejects.toThrow(
        `another publish into ${outDir} is running (pid ${other.pid}, since 2026-11-24T10:00:00.000Z); try again when it has finished`,
      )
    } finally {
      other.kill()
      await rm(`${outDir}.lock`, { force: true })
    }
  })

  it('refuses an unknown channel before touching the output', async () => {
    const before = await listFiles(outDir)
    await expect(
      publishSnapshot({ snapshotFile: fixture, outDir, only: ['fax'], full: false, log: quiet }),
    ).rejects.toThrow('--only fax: unknown channel')
    expect(await listFiles(outDir)).toEqual(before)
  })

  it('from the command line, refuses a mistyped --only before exporting anything', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-publish-only-'))
    const out = path.join(dataDir, 'out')
    const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(
        path.join(root, 'node_modules/node/bin/node'),
        [path.join(root, 'scripts/bin/budstikke.mjs'), 'publish', '--only', 'sitee', '--out', out],
        {
          cwd: root,
          env: { ...process.env, BUDSTIKKE_DATA_DIR: dataDir, DATABASE_URI: '' },
        },
      )
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => (output += chunk))
      child.stderr.on('data', (chunk: Buffer) => (output += chunk))
      child.on('close', (code) => resolve({ code, output }))
    })
    expect(run.code).toBe(1)
    expect(run.output).toContain('--only sitee: unknown channel (known: cards, newsletters, site)')
    // Neither the CMS was opened (no database file, no export) nor the output folder created.
    expect(run.output).not.toContain('export:')
    expect(existsSync(path.join(dataDir, 'budstikke.db'))).toBe(false)
    expect(existsSync(out)).toBe(false)
    await rm(dataDir, { recursive: true, force: true })
  }, 60_000)

  it('leaves the previous output complete when killed halfway, and recovers on the next run', async () => {
    const before = await listFiles(outDir)
    const beforeReport = await readFile(path.join(outDir, 'publish-report.json'), 'utf8')
    const child = spawn(
      'npx',
      ['budstikke', 'publish', '--snapshot', fixture, '--only', 'newsletters', '--full', '--out', outDir],
      { cwd: root, detached: true },
    )
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        // Kill while the channel renders into the staging folder (--full: nothing is reused, so it takes a while).
        if (chunk.toString().includes('publish: newsletters…')) {
          process.kill(-(child.pid as number), 'SIGKILL')
          resolve()
        }
      })
      child.on('exit', () => reject(new Error('publish ended before it could be killed')))
    })
    await new Promise((resolve) => child.once('exit', resolve))
    expect(await listFiles(outDir)).toEqual(before)
    expect(await readFile(path.join(outDir, 'publish-report.json'), 'utf8')).toBe(beforeReport)
    expect(existsSync(`${outDir}.lock`)).toBe(true) // left behind by the killed run

    await publishSnapshot({ snapshotFile: fixture, outDir, only: ['newsletters'], full: false, log: quiet })
    const siblings = await readdir(path.dirname(outDir))
    expect(siblings.sort()).toEqual(['dist'])
  })
})
