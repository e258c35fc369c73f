/**
 * Deterministic output: the same member file, letter and --date give byte-identical PDFs, as a print
 * shop re-running a job would get them. In its own file, i.e. a fresh process: within one process,
 * print runs of *other* letters before it can still change the bytes (shared parsed-font state; see issue 5).
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderPrintRun } from '../../channels/letters/print-run.ts'
import type { LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { HEADER, fakeMembers, memberRow, snapshotWithLongLetter, tempDir } from './helpers.ts'

let loaded: LoadedSnapshot
beforeAll(async () => {
  loaded = await snapshotWithLongLetter()
})

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

async function printRun(csv: string, date: string, name: string): Promise<string> {
  const dir = tempDir(name)
  const recipients = path.join(dir, 'members.csv')
  writeFileSync(recipients, csv)
  const out = path.join(dir, 'out')
  await renderPrintRun(loaded, { recipients, outDir: out, date, letter: 'lang-brev', log: () => {} })
  return path.join(out, 'letters.pdf')
}

describe('deterministic output', () => {
  it('gives identical bytes for two runs with the same --date, and different bytes for another date', async () => {
    const csv = [HEADER, ...fakeMembers(20).map((m) => memberRow(m))].join('\n')
    const a = await printRun(csv, '2026-11-24', 'det-a')
    const b = await printRun(csv, '2026-11-24', 'det-b')
    const c = await printRun(csv, '2026-11-25', 'det-c')
    expect(sha(a)).toBe(sha(b))
    expect(sha(a)).not.toBe(sha(c))
  })
})
