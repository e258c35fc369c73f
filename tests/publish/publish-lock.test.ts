/**
 * The publish lock under faults: a lock file that is empty (a full disk while writing it), garbled or
 * cut short names no running publish and must not block every later one; one that still names a
 * running process does. And a full disk must not leave an empty lock behind in the first place.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishSnapshot } from '../../scripts/publish/publish.ts'
import { fillDisk, mountTmpfs, type Tmpfs } from './helpers/tmpfs.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

const fixture = SAMPLE_SNAPSHOT_FILE
const quiet = () => {}
let work: string

const publish = (outDir: string) =>
  publishSnapshot({ snapshotFile: fixture, outDir, only: ['newsletters'], full: false, log: quiet })

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'budstikke-lock-'))
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('publish lock', () => {
  it.each([
    ['empty', ''],
    ['garbage', '\u0000\u0000garbage'],
    ['cut short, naming no pid', '{"pi'],
    ['JSON without a pid', '{"since":"2026-11-24T10:00:00.000Z"}'],
    ['cut short, naming a process that is gone', '{"pid":999999999,"since":"2026-11'],
  ])('takes over a lock file that is %s', async (_name, content) => {
    const out = path.join(work, `dist-${_name.replace(/\W+/g, '-')}`)
    await writeFile(`${out}.lock`, content)
    await publish(out)
    expect(existsSync(path.join(out, 'newsletters/index.html'))).toBe(true)
    expect(existsSync(`${out}.lock`)).toBe(false)
  })

  it('still refuses when a cut-short lock names a running process', async () => {
    const out = path.join(work, 'dist-busy')
    const other = spawn('sleep', ['30'])
    await writeFile(`${out}.lock`, `{"pid":${other.pid},"since":"2026-1`)
    try {
      await expect(publish(out)).rejects.toThrow(`another publish into ${out} is running (pid ${other.pid}`)
    } finally {
      other.kill()
    }
  })

  describe('on a full disk', () => {
    let disk: Tmpfs | { skip: string }
    beforeAll(async () => {
      disk = await mountTmpfs(8)
      if ('skip' in disk) console.warn(`skipped: ${disk.skip}`)
    })
    afterAll(async () => {
      if (!('skip' in disk)) await disk.unmount()
    })

    it('fails without leaving a lock, and the next publish runs once there is room', async (context) => {
      if ('skip' in disk) return context.skip(disk.skip)
      const out = path.join(disk.dir, 'dist')
      const filler = await fillDisk(disk.dir, 0)
      await expect(publish(out)).rejects.toMatchObject({ code: 'ENOSPC' })
      expect((await readdir(disk.dir)).sort()).toEqual(['filler.bin'])
      await rm(filler)
      await publish(out)
      expect(existsSync(path.join(out, 'newsletters/index.html'))).toBe(true)
    })
  })
})
