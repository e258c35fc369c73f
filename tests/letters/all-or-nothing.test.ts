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
import { FIXTURE_SNAPSHOT, HEADER, fakeMembers, memberRow, pdfPages, tempDir } from './helpers.ts'

const PRINT_SET = ['letters.pdf', 'manifest.csv', 'rejected.csv', 'report.json']

function membersFile(dir: string, name: string, count: number, prefix = 'T'): string {
  const file = path.join(dir, name)
  writeFileSync(file, [HEADER, ...fakeMembers(count, prefix).map((m) => memberRow(m))].join('\n') + '\n')
  return file
}

function lettersArgs(recipients: string, out: string): string[] {
  return ['letters', '--snapshot', FIXTURE_SNAPSHOT, '--letter', 'velkommen', '--recipients', recipients, '--out', out, '--date', '2026-11-24']
}

/** Runs the CLI, optionally under a file-size limit in KB (writes past it fail with EFBIG). */
function budstikke(args: string[], fileSizeLimitKb?: number): SpawnSyncReturns<string> {
  const limit = fileSizeLimitKb ? `ulimit -f ${fileSizeLimitKb} && ` : ''
  return spawnSync('bash', ['-c', `${limit}exec npx budstikke "$@"`, 'budstikke', ...args], { encoding: 'utf8', cwd: path.resolve('.') })
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
const fingerprint = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, sha(path.join(dir, name))]))

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
  const lines = result.stderr.trim().split('\n').filter((line) => !/^letters: /.test(line))
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
    expectOneLine(failed, new RegExp(`${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), /EFBIG/, /previous print run .* unchanged/)
    expect(fingerprint(out)).toEqual(before)
    // No staging folder or half-written file is left beside the output either.
    expect(readdirSync(dir).sort()).toEqual(['few.csv', 'members.csv', 'out'])
  })

  it('after a kill, the previous run is intact and the next run clears the leftovers', async () => {
    const dir = tempDir('killed')
    const out = path.join(dir, 'out')
    const before = previousRun(dir, out)
    const big = membersFile(dir, 'members.csv', 8000)
    const child = spawn('npx', ['budstikke', ...lettersArgs(big, out)], { cwd: path.resolve('.'), detached: true, stdio: 'ignore' })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    // Kill the whole process group once the new PDF has grown past 1 MB (it is being written),
    // wherever the run writes it.
    const pdfs = () => [path.join(out, 'letters.pdf'), ...readdirSync(dir).filter((name) => name.startsWith('out.')).map((name) => path.join(dir, name, 'letters.pdf'))]
    const growing = () => pdfs().some((file) => existsSync(file) && statSync(file).size > 1 << 20)
    const deadline = Date.now() + 120_000
    while (!growing() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(growing(), 'the second run got to write its PDF').toBe(true)
    process.kill(-child.pid!, 'SIGKILL')
    await exited
    expect(fingerprint(out)).toEqual(before)
    const again = budstikke(lettersArgs(membersFile(dir, 'two.csv', 2, 'G'), out))
    expect(again.status, again.stderr).toBe(0)
    expect(readdirSync(dir).sort()).toEqual(['few.csv', 'members.csv', 'out', 'two.csv'])
    expect(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'))).toMatchObject({ printed: 2 })
    expect(pdfPages(path.join(out, 'letters.pdf'))).toBe(4)
  })

  it('replaces a longer batch run completely: no letters-0003.pdf of the previous run remains', () => {
    const dir = tempDir('batches')
    const out = path.join(dir, 'out')
    const first = budstikke([...lettersArgs(membersFile(dir, 'many.csv', 25), out), '--batch-size', '10', '--workers', '0'])
    expect(first.status, first.stderr).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['letters-0001.pdf', 'letters-0002.pdf', 'letters-0003.pdf', 'manifest.csv', 'rejected.csv', 'report.json'])
    const second = budstikke([...lettersArgs(membersFile(dir, 'few.csv', 12), out), '--batch-size', '10', '--workers', '0'])
    expect(second.status, second.stderr).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['letters-0001.pdf', 'letters-0002.pdf', 'manifest.csv', 'rejected.csv', 'report.json'])
  })
})

describe('leftovers of a killed print run', () => {
  /** A pid no process has: above the kernel's pid_max. */
  const GONE = 4_194_305

  it('puts back an output moved aside by a swap cut between its renames, and drops dead staging folders only', async () => {
    const dir = tempDir('leftovers')
    const out = path.join(dir, 'out')
    mkdirSync(`${out}.old-${GONE}-1`)
    writeFileSync(`${out}.old-${GONE}-1/report.json`, '{"printed":3}\n')
    mkdirSync(`${out}.staging-${GONE}-2`)
    writeFileSync(`${out}.staging-${GONE}-2/letters.pdf`, 'half a PDF')
    // A run still going in another process (here: the test runner's parent) keeps its staging folder.
    const live = `${out}.staging-${process.ppid}-1`
    mkdirSync(live)
    const staged = await stageFolder(out, { owns: isPrintRunFile, job: 'print run' })
    expect(readFileSync(path.join(out, 'report.json'), 'utf8')).toBe('{"printed":3}\n')
    expect(readdirSync(dir).sort()).toEqual(['out', path.basename(live), path.basename(staged.dir)].sort())
    await staged.discard()
    expect(readdirSync(dir).sort()).toEqual(['out', path.basename(live)].sort())
  })
})

describe('--out that is not a print run folder', () => {
  it('refuses a folder holding other files, and a file, keeping them as they were', () => {
    const dir = tempDir('foreign')
    const recipients = membersFile(dir, 'members.csv', 2)
    const notes = path.join(dir, 'notes')
    mkdirSync(notes)
    writeFileSync(path.join(notes, 'todo.txt'), 'husk kaffe\n')
    const refused = budstikke(lettersArgs(recipients, notes))
    expectOneLine(refused, /notes/, /todo\.txt/)
    expect(readdirSync(notes)).toEqual(['todo.txt'])
    const file = path.join(dir, 'some-file')
    writeFileSync(file, 'x')
    expectOneLine(budstikke(lettersArgs(recipients, file)), /some-file is a file/)
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
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { encoding: 'utf8' })
  if (mounted.status !== 0) return { skip: `mount -t tmpfs refused (${(mounted.stderr || mounted.error?.message || '').trim()}); needs root` }
  return { dir }
}

describe('--out on another file system (tmpfs)', () => {
  const big = mountTmpfs(64)
  const small = mountTmpfs(3)
  afterAll(() => {
    for (const m of [big, small]) if ('dir' in m) spawnSync('umount', [m.dir])
  })
  const skip = 'skip' in big ? big.skip : 'skip' in small ? small.skip : undefined
  if (skip) console.warn(`letters tmpfs tests skipped: ${skip}`)
  let dir: string
  beforeAll(() => {
    dir = tempDir('tmpfs-input')
  })

  it.skipIf(skip)('prints onto a separate tmpfs', () => {
    const out = path.join((big as { dir: string }).dir, 'print/run')
    const result = budstikke(lettersArgs(membersFile(dir, 'members.csv', 40), out))
    expect(result.status, result.stderr).toBe(0)
    expect(readdirSync(out).sort()).toEqual([...PRINT_SET].sort())
    // The welcome letter is one page with a blank back.
    expect(pdfPages(path.join(out, 'letters.pdf'))).toBe(80)
    expect(readdirSync(path.dirname(out))).toEqual(['run'])
  })

  it.skipIf(skip)('on a full tmpfs says so in one line naming the path, and keeps the previous run', () => {
    const out = path.join((small as { dir: string }).dir, 'run')
    const before = previousRun(dir, out)
    const failed = budstikke(lettersArgs(membersFile(dir, 'members.csv', 8000), out))
    expectOneLine(failed, new RegExp(out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), /ENOSPC|no space left/i)
    expect(fingerprint(out)).toEqual(before)
    expect(readdirSync((small as { dir: string }).dir)).toEqual(['run'])
  })
})
