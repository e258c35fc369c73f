/**
 * An import shows its progress (issue 17): items done of the file's items, as a bar on a terminal and
 * as plain lines at the start and the end in a log, on stderr (stdout keeps the result line), and
 * nothing with --quiet. A real Payload on a fresh SQLite file, through the CLI as users run it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redraws, runCli, runCliOnTerminal, screen, userEnv } from '../helpers/run-cli.ts'

const ARTICLES = 40
let dir: string
let file: string

const env = (extra: Record<string, string> = {}) =>
  userEnv({
    BUDSTIKKE_DATA_DIR: path.join(dir, 'data'),
    DATABASE_URI: '',
    BUDSTIKKE_LOG_LEVEL: 'warn',
    ...extra,
  })
const PROGRESS_LINE = /^import: items [\d,]+\/[\d,]+( \(.*\))?$/

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-import-progress-'))
  file = path.join(dir, 'content.json')
  const articles = Array.from({ length: ARTICLES }, (_, i) => ({
    slug: `nyhed-${i}`,
    title: `Nyhed nummer ${i} fra afdelingen`,
    summary: 'Kort nyt.',
    body: { markdown: `Tekst ${i}.` },
    publishedAt: '2026-03-01T09:00:00Z',
  }))
  await writeFile(file, JSON.stringify({ topics: [{ slug: 'loen', name: { da: 'Løn' } }], articles }))
})

afterAll(async () => rm(dir, { recursive: true, force: true }))

describe('import progress', () => {
  it('in a log prints plain lines at the start and the end on stderr; stdout has only the result', async () => {
    const run = await runCli(['import', file], { env: env() })
    expect(run.code, run.stderr).toBe(0)
    const progress = run.stderr.split('\n').filter((line) => PROGRESS_LINE.test(line))
    expect(progress[0]).toBe('import: items 0/41')
    expect(progress.at(-1)).toMatch(/^import: items 41\/41( \([\d,.]+\/s, in [\d.]+ s\))?$/)
    expect(run.stderr).not.toMatch(/\r|\x1b/)
    expect(run.stdout).toBe('import: 41 created, 0 updated, 0 unchanged, 0 rejected\n')
  })

  it('on a terminal draws a bar that ends at the total', async () => {
    const run = await runCliOnTerminal(['import', file], { env: env() })
    expect(run.code, run.terminal).toBe(0)
    const states = redraws(run.terminal).filter((line) => line.startsWith('items '))
    expect(states[0]).toMatch(/^items\s+░{24} 0\/41$/)
    expect(states.at(-1)).toMatch(/^items\s+█{24} 41\/41( · [\d,.]+\/s · in [\d.]+ s)?$/)
    const shown = screen(run.terminal).filter(Boolean)
    expect(shown.at(-2)).toMatch(/^items\s+█{24} 41\/41/)
    expect(shown.at(-1)).toBe('import: 0 created, 0 updated, 41 unchanged, 0 rejected')
  })

  it('with --quiet prints no progress, only the result', async () => {
    const run = await runCli(['import', file, '--quiet'], { env: env() })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr.split('\n').filter((line) => PROGRESS_LINE.test(line))).toEqual([])
    expect(run.stdout).toBe('import: 0 created, 0 updated, 41 unchanged, 0 rejected\n')
  })
})
