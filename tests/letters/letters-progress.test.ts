/**
 * A print run shows its progress (issue 17): on a terminal a bar that ends at the member file's row
 * count, in a log plain lines at the start and the end, nothing with --quiet, always on stderr (stdout
 * keeps the result line), and never a member's name, address or number.
 */
import { execFileSync } from 'node:child_process'
import { createReadStream, createWriteStream, writeFileSync } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { redraws, runCli, runCliOnTerminal, screen, userEnv } from '../helpers/run-cli.ts'
import { HEADER, fakeMembers, lettersArgs, memberRow, tempDir } from './helpers.ts'

const ROWS = 200
let dir: string
let recipients: string
let members: ReturnType<typeof fakeMembers>

const args = (out: string, file = recipients, ...extra: string[]) =>
  lettersArgs(file, path.join(dir, out), { extra })
const PROGRESS_LINE = /^letters: [\d,]+(\/[\d,]+)?( \(.*\))?$/

/** No member's name, address or number: progress is counts only. */
function expectNoMemberData(output: string): void {
  for (const m of [members[0], members[99], members[ROWS - 1]]) {
    for (const value of [m.first, m.line1, m.number]) expect(output).not.toContain(value)
  }
  expect(output).not.toContain('Fiktivsen')
}

beforeAll(() => {
  dir = tempDir('progress')
  recipients = path.join(dir, 'members.csv')
  members = fakeMembers(ROWS, 'P')
  writeFileSync(recipients, [HEADER, ...members.map((m) => memberRow(m))].join('\n') + '\n')
})

describe('letters progress', () => {
  // The bar shows rate and time once the run has lasted a second; a faster run ends without them.
  it('on a terminal draws a bar (with rate, past a second) that ends at the total', async () => {
    const run = await runCliOnTerminal(args('tty'))
    expect(run.code, run.terminal).toBe(0)
    const states = redraws(run.terminal).filter((line) => line.startsWith('letters '))
    expect(states[0]).toMatch(/^letters\s+░{24} 0\/200$/)
    expect(states.at(-1)).toMatch(/^letters\s+█{24} 200\/200( · [\d,.]+\/s · in [\d.]+ s)?$/)
    const shown = screen(run.terminal).filter(Boolean)
    // The bar stays on screen at its total, with the result line below it.
    expect(shown.at(-2)).toMatch(/^letters\s+█{24} 200\/200( · |$)/)
    expect(shown.at(-1)).toMatch(/^letters: wrote .*letters\.pdf \(200 printed, 0 rejected/)
    expectNoMemberData(run.terminal)
  })

  it('in a log prints plain lines at the start and the end on stderr; stdout has only the result', async () => {
    const run = await runCli(args('log'))
    expect(run.code, run.stderr).toBe(0)
    const progress = run.stderr.split('\n').filter((line) => PROGRESS_LINE.test(line))
    expect(progress[0]).toBe('letters: 0/200')
    expect(progress.at(-1)).toMatch(/^letters: 200\/200 \([\d,.]+\/s, in [\d.]+ s\)$/)
    expect(run.stderr).not.toMatch(/\r|\x1b/)
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^letters: wrote .*letters\.pdf \(200 printed, 0 rejected; see report\.json\)$/),
    ])
    expectNoMemberData(run.stdout + run.stderr)
  })

  it('on a terminal with CI=true prints the plain lines', async () => {
    const run = await runCliOnTerminal(args('ci'), { env: userEnv({ CI: 'true' }) })
    expect(run.code, run.terminal).toBe(0)
    expect(run.terminal).not.toContain('█')
    expect(run.terminal).toMatch(/^letters: 0\/200\r?$/m)
    expect(run.terminal).toMatch(/^letters: 200\/200 \(.*\)\r?$/m)
  })

  it('with --quiet prints no progress, but still its warnings and the result', async () => {
    for (const run of [
      await runCli(args('quiet', recipients, '--quiet')),
      await runCliOnTerminal(args('quiet-tty', recipients, '--quiet')).then((r) => ({
        code: r.code,
        stdout: r.terminal,
        stderr: r.terminal,
      })),
    ]) {
      expect(run.code, run.stderr).toBe(0)
      expect(run.stderr.split(/\r?\n/).filter((line) => PROGRESS_LINE.test(line))).toEqual([])
      expect(run.stderr).not.toContain('█')
      expect(run.stderr).toContain('letters: warning: members.csv has no branch column')
      expect(run.stdout).toMatch(/letters: wrote .*\(200 printed/)
    }
  })

  it('from a pipe (no total in advance) shows members done, then the total once known', async () => {
    const fifo = path.join(dir, 'members.fifo')
    execFileSync('mkfifo', [fifo])
    // The member file arrives through a named pipe, as from `export-members | budstikke letters --recipients /dev/stdin`.
    const [run] = await Promise.all([
      runCli(args('pipe', fifo)),
      pipeline(createReadStream(recipients), createWriteStream(fifo)),
    ])
    expect(run.code, run.stderr).toBe(0)
    const progress = run.stderr.split('\n').filter((line) => PROGRESS_LINE.test(line))
    expect(progress[0]).toBe('letters: 0')
    expect(progress.at(-1)).toMatch(/^letters: 200\/200 \(/)
    expectNoMemberData(run.stdout + run.stderr)
  })
})
