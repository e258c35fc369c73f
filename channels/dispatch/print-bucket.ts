/**
 * The print bucket through the letters channel: the members whose ledger row says `print_pending`
 * are copied (their member-file columns, re-read with the same rules) into a member file of their
 * own, the print run renders it into `DIR/print/` exactly as `budstikke letters` would, and its
 * manifest and rejections go back into the ledger.
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { csvRecords } from '../letters/csv-records.ts'
import { readMemberFile } from '../letters/member-file.ts'
import { MemberNumberSet } from '../letters/member-numbers.ts'
import { BRANCH_COLUMN, MEMBER_COLUMNS } from '../letters/member-row.ts'
import { renderPrintRun, type PrintRunReport } from '../letters/print-run.ts'
import type { LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import type { DispatchTarget } from './dispatch-target.ts'
import type { DispatchLedger } from './ledger.ts'
import { setAside } from './output-folders.ts'
import { printedLetters } from './printed-letters.ts'

export interface PrintBucketOptions {
  loaded: LoadedSnapshot
  target: DispatchTarget
  members: string
  /** `DIR/print`. */
  outDir: string
  ledger: DispatchLedger
  date?: string
  log: (line: string) => void
}

const PRINT_COLUMNS = [...MEMBER_COLUMNS.filter((c) => c !== 'email' && c !== 'segments'), BRANCH_COLUMN]

/** Every cell quoted (RFC 4180), so the print run reads back exactly what the member file held. */
function quotedRow(cells: string[]): string {
  return cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',') + '\n'
}

/** The first column of a CSV the print run wrote; a `'` it put before a formula-like value is taken off. */
async function* firstColumns(file: string): AsyncGenerator<string[]> {
  async function* chunks(): AsyncGenerator<string> {
    for await (const chunk of createReadStream(file, { encoding: 'utf8' })) yield chunk as string
  }
  let header = true
  for await (const record of csvRecords(chunks(), ',')) {
    if ('error' in record) continue
    if (header) {
      header = false
      continue
    }
    yield record.fields.map((f) => (/^'[\s=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(f) ? f.slice(1) : f))
  }
}

/** Renders the pending letters; null when there is nothing to print. Output is replaced only when a letter was printed. */
export async function runPrintBucket(options: PrintBucketOptions): Promise<PrintRunReport | null> {
  const { ledger, outDir } = options
  const pendingFile = `${outDir}.members.csv`
  const out = createWriteStream(pendingFile, { mode: 0o600 })
  out.write(quotedRow(PRINT_COLUMNS))
  const taken = new MemberNumberSet()
  let rows = 0
  const label = path.basename(options.members)
  const entries = readMemberFile(options.members, {
    defaultCountry: options.loaded.snapshot.organisation.postalAddress.country,
    label,
  })
  for await (const entry of entries) {
    const memberNumber = entry.ok ? entry.member.memberNumber : entry.memberNumber
    if (
      !memberNumber ||
      !entry.columns ||
      ledger.get(memberNumber)?.status !== 'print_pending' ||
      !taken.add(memberNumber)
    )
      continue
    if (!entry.ok) {
      // A member moved to print by a 5xx whose row has no complete postal address.
      ledger.now({
        memberNumber,
        bucket: 'rejected',
        status: 'rejected',
        reason: `e-mail refused and ${entry.reason}`,
      })
      continue
    }
    const columns = entry.columns
    if (!out.write(quotedRow(PRINT_COLUMNS.map((c) => columns[c] ?? '')))) await once(out, 'drain')
    rows++
  }
  out.end()
  await once(out, 'finish')
  // Rendered beside the previous output first: a rerun whose letters are all rejected again (an
  // address that still does not fit the window) must not cost the previous run's PDF.
  const staging = `${outDir}.new`
  try {
    if (rows === 0) return null
    await rm(staging, { recursive: true, force: true })
    const letters = await printedLetters(options.loaded, options.target)
    let report: PrintRunReport
    try {
      report = await renderPrintRun(letters.loaded, {
        letter: letters.letter,
        recipients: pendingFile,
        outDir: staging,
        date: options.date,
        log: options.log,
      })
    } finally {
      await letters.dispose()
    }
    for await (const [memberNumber] of firstColumns(path.join(staging, 'manifest.csv')))
      ledger.later({ memberNumber, bucket: 'print', status: 'printed' })
    for await (const [, memberNumber, reason] of firstColumns(path.join(staging, 'rejected.csv'))) {
      if (memberNumber)
        ledger.later({ memberNumber, bucket: 'rejected', status: 'rejected', reason: `print: ${reason}` })
    }
    ledger.flush()
    if (report.printed === 0) {
      await rm(staging, { recursive: true, force: true })
      return report
    }
    const previous = await setAside(outDir)
    if (previous) options.log(`dispatch: previous print output kept in ${previous}`)
    await rename(staging, outDir)
    return report
  } finally {
    await rm(pendingFile, { force: true })
  }
}
