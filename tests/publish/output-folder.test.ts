/**
 * Publish replaces its output folder whole, so `--out` must point at a folder a publish wrote (or an
 * empty or missing one): a typo such as `--out notes`, `--out .` or `--out ~` must never delete a folder.
 * The refusals that could harm a real folder on the old code run in a child process inside a temp folder
 * (its cwd and HOME), so even there they can only ever touch the test's own files.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishSnapshot } from '../../scripts/publish/publish.ts'
import { OUTPUT_MARKER } from '../../scripts/publish/output-folder.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

const root = path.resolve(import.meta.dirname, '../..')
const fixture = SAMPLE_SNAPSHOT_FILE
const quiet = () => {}
let work: string

/** The quickest real publish: the newsletters only. */
const publish = (outDir: string) =>
  publishSnapshot({ snapshotFile: fixture, outDir, only: ['newsletters'], full: false, log: quiet })

/** `budstikke publish --snapshot <fixture> --out <out>` from `cwd`, with HOME set to `home`. */
function cli(out: string, cwd: string, home: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      path.join(root, 'node_modules/node/bin/node'),
      [
        path.join(root, 'scripts/bin/budstikke.mjs'),
        'publish',
        '--only',
        'newsletters',
        '--snapshot',
        fixture,
        '--out',
        out,
      ],
      {
        cwd,
        env: { ...process.env, HOME: home, BUDSTIKKE_DATA_DIR: path.join(home, 'data'), DATABASE_URI: '' },
      },
    )
    let stderr = ''
    child.stdout.resume()
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('close', (code) => resolve({ code, stderr }))
  })
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort()
}

/** A folder of someone's notes, as `--out notes` would find it. */
async function notesFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, 'todo.txt'), 'hi\n')
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'budstikke-out-'))
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('publish --out', () => {
  it('refuses a folder with other files and leaves it as it was', async () => {
    const notes = path.join(work, 'notes')
    await notesFolder(notes)
    await expect(publish(notes)).rejects.toThrow(
      `--out ${notes}: that folder was not written by publish (it has no publish-report.json and ${OUTPUT_MARKER})`,
    )
    expect(await listFiles(notes)).toEqual(['todo.txt'])
    expect(await readFile(path.join(notes, 'todo.txt'), 'utf8')).toBe('hi\n')
    expect(existsSync(`${notes}.lock`)).toBe(false)
  })

  it('refuses a regular file and leaves it a file', async () => {
    const file = path.join(work, 'some-file')
    await writeFile(file, 'keep me\n')
    await expect(publish(file)).rejects.toThrow(`--out ${file}: that is a file, not a folder`)
    expect(await readFile(file, 'utf8')).toBe('keep me\n')
  })

  it('refuses a literal ~ (no shell expanded it, as in BUDSTIKKE_PUBLISH_ARGS)', async () => {
    await expect(publish('~/dist')).rejects.toThrow(
      '--out ~/dist: "~" is only your home folder in a shell; give the full path',
    )
    expect(existsSync(path.join(process.cwd(), '~'))).toBe(false)
  })

  it('creates a missing parent folder instead of failing on the lock', async () => {
    const out = path.join(work, 'srv/www/dist')
    await publish(out)
    expect(existsSync(path.join(out, 'newsletters/index.html'))).toBe(true)
    expect(existsSync(path.join(out, OUTPUT_MARKER))).toBe(true)
  })

  it('accepts an empty folder, and replaces the output of an earlier publish', async () => {
    const out = path.join(work, 'empty')
    await mkdir(out)
    await publish(out)
    expect(await listFiles(out)).toContain('publish-report.json')
    const firstReport = await readFile(path.join(out, 'publish-report.json'), 'utf8')
    await publish(out)
    expect(await readFile(path.join(out, 'publish-report.json'), 'utf8')).not.toBe(firstReport)
  })

  it('accepts an output written before the marker existed (a report, no marker) and marks it', async () => {
    const out = path.join(work, 'legacy')
    await publish(out)
    await rm(path.join(out, OUTPUT_MARKER))
    await publish(out)
    expect(existsSync(path.join(out, OUTPUT_MARKER))).toBe(true)
  })

  it('from the command line: one line and exit 1 for `--out notes`, `--out .` and the home folder; nothing deleted', async () => {
    const home = path.join(work, 'home')
    await notesFolder(home)
    const cwd = path.join(home, 'project')
    await notesFolder(cwd)
    await notesFolder(path.join(cwd, 'notes'))
    for (const [out, why] of [
      ['notes', 'that folder was not written by publish'],
      ['.', 'that is the current folder'],
      [home, 'that holds the current folder'],
    ]) {
      const run = await cli(out, cwd, home)
      expect(run.code, out).toBe(1)
      expect(run.stderr.trim().split('\n'), out).toEqual([
        expect.stringMatching(
          new RegExp(`^budstikke: --out ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${why}`),
        ),
      ])
    }
    for (const dir of [home, cwd, path.join(cwd, 'notes')])
      expect(await readFile(path.join(dir, 'todo.txt'), 'utf8')).toBe('hi\n')
    // An empty home is refused too: it is never an output folder.
    const emptyHome = path.join(work, 'empty-home')
    await mkdir(emptyHome)
    const run = await cli(emptyHome, cwd, emptyHome)
    expect(run.stderr).toContain(`--out ${emptyHome}: that is your home folder`)
    expect(await readdir(emptyHome)).toEqual([])
  }, 60_000)
})
