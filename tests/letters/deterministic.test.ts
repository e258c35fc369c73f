/**
 * Deterministic output: the same member file, letter and --date give byte-identical PDFs, as a print
 * shop re-running a job would get them, whatever else the process is doing at the time. pdfkit
 * decodes PNG transparency on libuv's thread pool, and when that decode finished used to decide
 * object numbers; so the runs here also compete with other runs and with a busy thread pool.
 */
import { createHash, pbkdf2 } from 'node:crypto'
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

/** Keeps libuv's four pool threads busy for a while, delaying any zlib or file work queued behind them. */
function busyThreadPool(): Promise<unknown> {
  return Promise.all(
    Array.from(
      { length: 4 },
      () => new Promise((resolve) => pbkdf2('x', 'y', 400_000, 32, 'sha256', resolve)),
    ),
  )
}

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
  it('gives identical bytes for the same --date, alone or beside other work, and different bytes for another date', async () => {
    // 100 letters: long enough for file writes to back up and the event loop to turn mid-document.
    const csv = [HEADER, ...fakeMembers(100).map((m) => memberRow(m))].join('\n')
    const other = [HEADER, ...fakeMembers(60, 'U').map((m) => memberRow(m))].join('\n')
    const first = sha(await printRun(csv, '2026-11-24', 'det-first'))
    expect(sha(await printRun(csv, '2026-11-24', 'det-again')), 'run again').toBe(first)
    const [beside] = await Promise.all([
      printRun(csv, '2026-11-24', 'det-beside'),
      printRun(other, '2026-11-24', 'det-other'),
    ])
    expect(sha(beside), 'beside another print run').toBe(first)
    const [crowded] = await Promise.all([printRun(csv, '2026-11-24', 'det-crowded'), busyThreadPool()])
    expect(sha(crowded), 'thread pool busy').toBe(first)
    expect(sha(await printRun(csv, '2026-11-25', 'det-other-date'))).not.toBe(first)
  })
})
