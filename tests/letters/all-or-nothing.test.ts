/**
 * A print run is all or nothing for the print shop: the new letters PDF(s), manifest.csv, rejected.csv
 * and report.json appear together, or the previous run's files stay exactly as they were. The runs
 * here fail midway for real: a file-size limit (`ulimit -f`, any user) or a full tmpfs (root only).
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPrintRunFile } from '../../channels/letters/print-run.ts'
import { stageFolder } from '../../channels/shared/staged-folder.ts'
import { HEADER, fakeMembers, lettersArgs, memberRow, pdfPages, tempDir } from './helpers.ts'

const PRINT_SET = ['letters.pdf', 'manifest.csv', 'rejected.csv', 'report.json']

function membersFile(dir: string, name: string, count: number, prefix = 'T'): string {
  const file = path.join(dir, name)
  writeFileSync(file, [HEADER, ...fakeMembers(count, prefix).map((m) => memberRow(m))].join('\n') + '\n')
  return file
}

/** Runs the CLI, optionally under a file-size limit in KB (writes past it fail with EFBIG). */
function budstikke(args: string[], fileSizeLimitKb?: number): SpawnSyncReturns<string> {
  const limit = fileSizeLimitKb ? `ulimit -f ${fileSizeLimitKb} && ` : ''
  return spawnSync('bash', ['-c', `${limit}exec npx budstikke "$@"`, 'budstikke', ...args], {
    encoding: 'utf8',
    cwd: path.resolve('.'),
  })
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
/** Every entry of the folder (hidden ones too) with its content hash; a folder counts as "dir". */
const fingerprint = (dir: string, visibleOnly = false) =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((name) => !visibleOnly || !name.startsWith('.'))
      .sort()
      .map((name) => [
        name,
        statSync(path.join(dir, name)).isDirectory() ? 'dir' : sha(path.join(dir, name)),
      ]),
  )

/** A first, good run into `out` (3 letters); returns its files' hashes. */
function previousRun(dir: string, out: string): Record<string, string> {
  const good = budstikke(lettersArgs(membersFile(dir, 'few.csv', 3, 'F'), out))
  expect(good.status, good.stderr).toBe(0)
  expect(readdirSync(out).sort()).toEqual([...PRINT_SET].sort())
  return fingerprint(out)
}

/** The error output is one line naming the place, without a stack trace. */
function expectOneLine(result: SpawnSyncReturns<string>, ...mentions: RegExp[]): void {
  expect(result.status, result.stdout).toBe(1)
  const lines = result.stderr
    .trim()
    .split('\n')
    .filter((line) => !/^letters: /.test(line))
  expect(lines, result.stderr).toHaveLength(1)
  for (const mention of mentions) expect(lines[0]).toMatch(mention)
  expect(result.stderr).not.toMatch(/\n\s+at |node:internal|Error: E[A-Z]+:/)
}

describe('a print run that fails midway', () => {
  it('leaves the previous run exactly as it was, with no partial PDF and one line saying what happened', () => {
    const dir = tempDir('midway')
    const out = path.join(dir, 'out')
    const before = previousRun(dir, out)
    // 8,000 letters make a PDF of several MB: the 2 MB limit stops it well after the first letters.
    const big = membersFile(dir, 'members.csv', 8000)
    const failed = budstikke(lettersArgs(big, out), 2048)
    expectOneLine(
      failed,
      new RegExp(`${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      /EFBIG/,
      /previous print run .* unchanged/,
    )
    expect(fingerprint(out)).toEqual(before)
    // No staging folder or half-written file is left beside the output either.
    expect(readdirSync(dir).sort()).toEqual(['few.csv', 'members.csv', 'out'])
  })

  it('after a kill, the previous run is intact and the next run clears the leftovers', async () => {
    const dir = tempDir('killed')
    const out = path.join(dir, 'out')
    const before = previousRun(dir, out)
    const big = membersFile(dir, 'members.csv', 8000)
    const child = spawn('npx', ['budstikke', ...lettersArgs(big, out)], {
      cwd: path.resolve('.'),
      detached: true,
      stdio: 'ignore',
    })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    // Kill the whole process group once the new PDF has grown past 1 MB (it is being written),
    // wherever the run writes it.
    const pdfs = () => [
      path.join(out, 'letters.pdf'),
      ...readdirSync(out)
        .filter((name) => name.startsWith('.'))
        .map((name) => path.join(out, name, 'letters.pdf')),
    ]
    const growing = () => pdfs().some((file) => existsSync(file) && statSync(file).size > 1 << 20)
    const deadline = Date.now() + 120_000
    while (!growing() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(growing(), 'the second run got to write its PDF').toBe(true)
    process.kill(-child.pid!, 'SIGKILL')
    await exited
    // What the print shop sees is the previous run; the killed run's staging folder is hidden.
    expect(fingerprint(out, true)).toEqual(before)
    const again = budstikke(lettersArgs(membersFile(dir, 'two.csv', 2, 'G'), out))
    expect(again.status, again.stderr).toBe(0)
    expect(readdirSync(dir).sort()).toEqual(['few.csv', 'members.csv', 'out', 'two.csv'])
    expect(readdirSync(out).sort()).toEqual([...PRINT_SET].sort())
    expect(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'))).toMatchObject({ printed: 2 })
    expect(pdfPages(path.join(out, 'letters.pdf'))).toBe(4)
  })

  it('replaces a longer batch run completely: no letters-0003.pdf of the previous run remains', () => {
    const dir = tempDir('batches')
    const out = path.join(dir, 'out')
    const first = budstikke([
      ...lettersArgs(membersFile(dir, 'many.csv', 25), out),
      '--batch-size',
      '10',
      '--workers',
      '0',
    ])
    expect(first.status, first.stderr).toBe(0)
    expect(readdirSync(out).sort()).toEqual([
      'letters-0001.pdf',
      'letters-0002.pdf',
      'letters-0003.pdf',
      'manifest.csv',
      'rejected.csv',
      'report.json',
    ])
    const second = budstikke([
      ...lettersArgs(membersFile(dir, 'few.csv', 12), out),
      '--batch-size',
      '10',
      '--workers',
      '0',
    ])
    expect(second.status, second.stderr).toBe(0)
    expect(readdirSync(out).sort()).toEqual([
      'letters-0001.pdf',
      'letters-0002.pdf',
      'manifest.csv',
      'rejected.csv',
      'report.json',
    ])
  })
})

describe('leftovers of a killed print run', () => {
  /** A pid no process has: above the kernel's largest pid_max. */
  const GONE = 4_194_305
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, text)
  }

  it('finishes a swap cut halfway, drops an unfinished staging folder, and takes over a dead or empty lock', async () => {
    const out = path.join(tempDir('leftovers'), 'out')
    // Killed during step 2: the complete new set waits, one old file was already moved aside.
    write(path.join(out, `.budstikke-complete-${GONE}-1/report.json`), 'new report')
    write(path.join(out, `.budstikke-complete-${GONE}-1/letters.pdf`), 'new PDF')
    write(path.join(out, `.budstikke-old-${GONE}-1/manifest.csv`), 'old manifest')
    write(path.join(out, 'report.json'), 'old report')
    write(path.join(out, 'letters-0009.pdf'), 'old batch')
    write(path.join(out, `.budstikke-staging-${GONE}-2/letters.pdf`), 'half a PDF')
    write(path.join(out, 'noter.txt'), 'not ours')
    write(path.join(out, '.budstikke-lock'), '')
    const staged = await stageFolder(out, { owns: isPrintRunFile, job: 'print run' })
    expect(
      readdirSync(out)
        .filter((name) => !name.startsWith('.'))
        .sort(),
    ).toEqual(['letters.pdf', 'noter.txt', 'report.json'])
    expect(readFileSync(path.join(out, 'report.json'), 'utf8')).toBe('new report')
    await staged.discard()
    expect(readdirSync(out).sort()).toEqual(['letters.pdf', 'noter.txt', 'report.json'])
  })

  it('finishes a swap cut after the old files were moved aside', async () => {
    const out = path.join(tempDir('leftovers-late'), 'out')
    write(path.join(out, `.budstikke-complete-${GONE}-1/manifest.csv`), 'new manifest')
    write(path.join(out, `.budstikke-complete-${GONE}-1/.old-moved`), '')
    write(path.join(out, 'report.json'), 'new report')
    write(path.join(out, `.budstikke-old-${GONE}-1/report.json`), 'old report')
    await (await stageFolder(out, { owns: isPrintRunFile, job: 'print run' })).discard()
    expect(readdirSync(out).sort()).toEqual(['manifest.csv', 'report.json'])
    expect(readFileSync(path.join(out, 'report.json'), 'utf8')).toBe('new report')
  })

  it('refuses a second run into a folder while the first holds it', async () => {
    const out = path.join(tempDir('busy'), 'out')
    write(
      path.join(out, '.budstikke-lock'),
      JSON.stringify({ pid: process.ppid, since: '2026-11-24T10:00:00.000Z' }),
    )
    await expect(stageFolder(out, { owns: isPrintRunFile, job: 'print run' })).rejects.toThrow(
      `--out ${out}: another print run into this folder is running (pid ${process.ppid}`,
    )
  })
})

describe('--out that holds other things', () => {
  it("replaces only a print run's own files in a folder, keeping the rest, and refuses a file", () => {
    const dir = tempDir('foreign')
    const notes = path.join(dir, 'notes')
    mkdirSync(notes)
    writeFileSync(path.join(notes, 'todo.txt'), 'husk kaffe\n')
    const recipients = membersFile(notes, 'members.csv', 25)
    const first = budstikke([...lettersArgs(recipients, notes), '--batch-size', '10', '--workers', '0'])
    expect(first.status, first.stderr).toBe(0)
    const second = budstikke(lettersArgs(membersFile(dir, 'two.csv', 2), notes))
    expect(second.status, second.stderr).toBe(0)
    expect(readdirSync(notes).sort()).toEqual([...PRINT_SET, 'members.csv', 'todo.txt'].sort())
    expect(readFileSync(path.join(notes, 'todo.txt'), 'utf8')).toBe('husk kaffe\n')
    const file = path.join(dir, 'some-file')
    writeFileSync(file, 'x')
    expectOneLine(budstikke(lettersArgs(path.join(dir, 'two.csv'), file)), /some-file is a file/)
    expect(readFileSync(file, 'utf8')).toBe('x')
  })

  it('creates a missing parent folder and accepts an empty folder', () => {
    const dir = tempDir('fresh')
    const recipients = membersFile(dir, 'members.csv', 2)
    const nested = budstikke(lettersArgs(recipients, path.join(dir, 'a/b/out')))
    expect(nested.status, nested.stderr).toBe(0)
    expect(readdirSync(path.join(dir, 'a/b/out')).sort()).toEqual([...PRINT_SET].sort())
    mkdirSync(path.join(dir, 'empty'))
    expect(budstikke(lettersArgs(recipients, path.join(dir, 'empty'))).status).toBe(0)
  })
})

/** A tmpfs of `sizeMb` at a fresh folder, or the reason it could not be mounted. */
function mountTmpfs(sizeMb: number): { dir: string } | { skip: string } {
  const dir = tempDir('tmpfs')
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], {
    encoding: 'utf8',
  })
  if (mounted.status !== 0)
    return {
      skip: `mount -t tmpfs refused (${(mounted.stderr || mounted.error?.message || '').trim()}); needs root`,
    }
  return { dir }
}

describe('--out on another file system (tmpfs)', () => {
  // Mounted when the tests run (not when the file is collected), so a filtered run mounts nothing.
  let big: ReturnType<typeof mountTmpfs>
  let small: ReturnType<typeof mountTmpfs>
  let skip: string | undefined
  let dir: string
  beforeAll(() => {
    big = mountTmpfs(64)
    small = mountTmpfs(3)
    skip = 'skip' in big ? big.skip : 'skip' in small ? small.skip : undefined
    if (skip) console.warn(`letters tmpfs tests skipped: ${skip}`)
    dir = tempDir('tmpfs-input')
  })
  afterAll(() => {
    for (const m of [big, small]) if (m && 'dir' in m) spawnSync('umount', [m.dir])
  })

  it('prints onto a separate tmpfs, into a folder on it and into the mount point itself', (context) => {
    if (skip || !('dir' in big)) return context.skip(skip)
    const mount = big.dir
    for (const out of [path.join(mount, 'print/run'), mount]) {
      const result = budstikke(lettersArgs(membersFile(dir, 'members.csv', 40), out))
      expect(result.status, result.stderr).toBe(0)
      expect(
        readdirSync(out)
          .filter((name) => name !== 'print')
          .sort(),
      ).toEqual([...PRINT_SET].sort())
      // The welcome letter is one page with a blank back.
      expect(pdfPages(path.join(out, 'letters.pdf'))).toBe(80)
    }
    expect(readdirSync(path.join(mount, 'print'))).toEqual(['run'])
  })

  it('on a full tmpfs says so in one line naming the path, and keeps the previous run', (context) => {
    if (skip || !('dir' in small)) return context.skip(skip)
    const out = small.dir
    const before = previousRun(dir, out)
    const failed = budstikke(lettersArgs(membersFile(dir, 'members.csv', 8000), out))
    expectOneLine(failed, new RegExp(out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), /ENOSPC|no space left/i)
    // fingerprint() lists hidden names too: no staging folder or lock is left behind.
    expect(fingerprint(out)).toEqual(before)
  })
})
