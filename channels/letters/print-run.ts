/**
 * A print run: one published Letter × a member file → letters.pdf (or batches), manifest.csv,
 * rejected.csv and report.json. `renderPrintRun(loaded, options)` is what the CLI calls; it takes an
 * already loaded snapshot so a caller can export from the CMS first.
 *
 * All or nothing for the print shop: the files are written into a hidden staging folder inside `--out`
 * (so on its file system) and swapped in as one set only when the run is complete, so a failure (disk
 * full, a kill) leaves the previous run's files exactly as they were and never a partial PDF beside an
 * old report (see channels/shared/staged-folder.ts).
 *
 * Memory stays flat: the member file is streamed, a single PDF is written as letters are rendered,
 * batches are handed to worker threads a few at a time, and manifest/rejection rows are written
 * as soon as they are final (batches are committed in order, so the files are deterministic).
 */
import { createWriteStream, existsSync, type WriteStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { DEFAULT_ENVELOPE, envelopePreset } from '../../templates/letters/envelopes.ts'
import { mediaPath, type LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import { localeSchema, type Locale } from '../snapshot/schema.ts'
import { fileSystemErrorLine, isFileSystemError } from '../shared/file-system-errors.ts'
import { stageFolder, type StagedFolder } from '../shared/staged-folder.ts'
import type { LetterVersion, RendererSetup } from './letter-renderer.ts'
import { readMemberFile, type MemberFileEntry, type MemberFileInfo } from './member-file.ts'
import { csvCell } from './csv-cells.ts'
import { preparePrintImages } from './print-images.ts'
import {
  renderBatch,
  type BatchResult,
  type BatchSink,
  type ManifestRow,
  type RejectedRow,
} from './render-batch.ts'
import { linkResolver, settleField } from '../snapshot/links.ts'
import { defaultBuildDate } from '../snapshot/visibility.ts'

export interface PrintRunOptions {
  /** Letter slug or key. */
  letter: string
  recipients: string
  outDir: string
  /** Print every letter in this locale; without it each member gets their `locale` when the letter has it. */
  locale?: Locale
  envelope?: string
  /** Letters per file (`letters-0001.pdf`…); without it one `letters.pdf`. */
  batchSize?: number
  /** Worker threads for batches (default: one per core). 0 renders in this thread. */
  workers?: number
  bleedMm?: number
  pdfa?: boolean
  /** `YYYY-MM-DD`: the date printed on the letters and stamped in the PDF (fixed bytes). */
  date?: string
  log?: (line: string) => void
  /** Members done (printed or rejected) so far, as their rows are written; counts only, never member data. */
  onProgress?: (done: number) => void
}

export interface PrintRunReport {
  letter: string
  envelope: string
  read: number
  printed: number
  rejected: number
  pages: number
  blank_pages: number
  sheets: number
  files: string[]
  encoding: string
  delimiter: string
  warnings: string[]
  seconds: number
}

export function parseRunDate(value: string | undefined): Date {
  if (!value) {
    const now = new Date()
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null
  if (!date || date.toISOString().slice(0, 10) !== value)
    throw new Error(`--date "${value}" is not a date (YYYY-MM-DD)`)
  return date
}

/** Everything a renderer needs, as plain cloneable data (it is sent to worker threads). */
export function buildRendererSetup(
  loaded: LoadedSnapshot,
  options: PrintRunOptions,
  hasBranchColumn: boolean,
): RendererSetup {
  const { snapshot } = loaded
  const matches = snapshot.letters.filter((l) => l.key === options.letter || l.slug === options.letter)
  if (matches.length === 0)
    throw new Error(
      `letters/${options.letter}: no published letter with that slug in the snapshot (known: ${[...new Set(snapshot.letters.map((l) => l.key))].join(', ') || 'none'})`,
    )
  const key = matches[0].key
  const versions: Partial<Record<Locale, LetterVersion>> = {}
  const fileOf = (media: Parameters<typeof mediaPath>[1], label: string) => {
    const file = mediaPath(loaded, media)
    if (!existsSync(file)) throw new Error(`${label}: media file ${media.file} is missing`)
    return file
  }
  const linkWarnings: string[] = []
  const resolveLink = linkResolver(snapshot, defaultBuildDate())
  for (const exported of snapshot.letters.filter((l) => l.key === key)) {
    const label = `letters/${exported.slug} (${exported.locale})`
    // Paper cannot be updated later: a link to something not published prints as text, without its address.
    const { blocks: body, unlinked } = settleField(resolveLink, exported.body, exported.locale)
    for (const { target } of unlinked)
      linkWarnings.push(
        `${label} body: a link points at ${target.collection}/${target.key}, which is not published; printed as text`,
      )
    const letter = { ...exported, body }
    const imagePaths = new Map<string, string>()
    const walk = (blocks: typeof letter.body) =>
      blocks.forEach(
        (b, i) => b.type === 'image' && imagePaths.set(b.image.id, fileOf(b.image, `${label} body[${i}]`)),
      )
    walk(letter.body)
    versions[letter.locale] = {
      letter,
      imagePaths,
      signaturePath: letter.signature.image
        ? fileOf(letter.signature.image, `${label} signature.image`)
        : null,
    }
  }
  const locale =
    options.locale ??
    (versions[snapshot.defaultLocale] ? snapshot.defaultLocale : (Object.keys(versions)[0] as Locale))
  if (!versions[locale])
    throw new Error(
      `letters/${options.letter}: no ${locale} version (has ${Object.keys(versions).join(', ')})`,
    )
  const org = snapshot.organisation
  return {
    organisation: org,
    versions,
    locale,
    fixedLocale: options.locale !== undefined,
    date: parseRunDate(options.date),
    envelope: envelopePreset(options.envelope ?? DEFAULT_ENVELOPE),
    bleedMm: options.bleedMm ?? 0,
    logoPath: org.logo ? fileOf(org.logo, 'organisation.logo') : null,
    hasBranchColumn,
    linkWarnings,
  }
}

/** Names a print run writes into `--out`: the previous run's are replaced as a set, other files are left alone. */
export function isPrintRunFile(name: string): boolean {
  return /^(letters(-\d{4})?\.pdf|manifest\.csv|rejected\.csv|report\.json)$/.test(name)
}

class CsvOut {
  private readonly stream: WriteStream
  private failure: Error | undefined
  constructor(file: string, header: string[]) {
    this.stream = createWriteStream(file)
    // Kept for the next row or close(): an unhandled 'error' event would crash the process instead.
    this.stream.on('error', (error) => (this.failure ??= error))
    this.stream.write(header.join(',') + '\n')
  }
  async row(fields: Array<string | number>): Promise<void> {
    if (this.failure) throw this.failure
    if (!this.stream.write(fields.map(csvCell).join(',') + '\n')) await once(this.stream, 'drain')
  }
  async close(): Promise<void> {
    if (!this.failure) this.stream.end()
    await finished(this.stream)
    if (this.failure) throw this.failure
  }
}

/** Pulls up to `size` printable members (with the rejections read between them) from the stream. */
async function nextBatch(
  entries: AsyncIterator<MemberFileEntry>,
  size: number,
): Promise<MemberFileEntry[] | null> {
  const batch: MemberFileEntry[] = []
  let members = 0
  while (members < size) {
    const next = await entries.next()
    if (next.done) break
    batch.push(next.value)
    if (next.value.ok) members++
  }
  return batch.length ? batch : null
}

/**
 * V8 sizes each thread's young generation by the machine's memory (up to 128 MB here) and lets it
 * fill before collecting; a batch worker's live data is ~30 MB. 16 MB measured the same letters per
 * CPU-second and ~120 MB less RSS per worker. Old space: room for fonts, one batch's entries and
 * rows (~2 KB a letter at most) and a margin, so a leak stops the worker instead of the machine.
 */
function workerLimits(batchSize: number): {
  maxYoungGenerationSizeMb: number
  maxOldGenerationSizeMb: number
} {
  return { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 + Math.ceil((batchSize * 2) / 1024) }
}

interface WorkerHandle {
  worker: Worker
  busy: boolean
}

/** A small pool: each worker renders one batch at a time; results come back as BatchResult. */
class BatchPool {
  private readonly idle: WorkerHandle[] = []
  private readonly waiting: Array<(handle: WorkerHandle) => void> = []
  private readonly all: WorkerHandle[] = []
  constructor(count: number, setup: RendererSetup, pdfa: boolean, batchSize: number) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(new URL('./batch-worker.mjs', import.meta.url), {
        workerData: { setup, pdfa },
        resourceLimits: workerLimits(batchSize),
      })
      const handle = { worker, busy: false }
      this.all.push(handle)
      this.idle.push(handle)
    }
  }
  private async acquire(): Promise<WorkerHandle> {
    const handle = this.idle.pop()
    if (handle) return handle
    return new Promise((resolve) => this.waiting.push(resolve))
  }
  private release(handle: WorkerHandle): void {
    const next = this.waiting.shift()
    if (next) next(handle)
    else this.idle.push(handle)
  }
  async render(entries: MemberFileEntry[], file: string): Promise<BatchResult> {
    const handle = await this.acquire()
    try {
      return await new Promise<BatchResult>((resolve, reject) => {
        const onMessage = (
          message:
            { ok: true; result: BatchResult } | { ok: false; error: string; code?: string; path?: string },
        ) => {
          handle.worker.off('error', onError)
          if (message.ok) resolve(message.result)
          // The code and path survive the thread boundary, so a full disk reads the same as in one thread.
          else reject(Object.assign(new Error(message.error), { code: message.code, path: message.path }))
        }
        const onError = (error: Error) => {
          handle.worker.off('message', onMessage)
          reject(error)
        }
        handle.worker.once('message', onMessage)
        handle.worker.once('error', onError)
        handle.worker.postMessage({ entries, file })
      })
    } finally {
      this.release(handle)
    }
  }
  async close(): Promise<void> {
    await Promise.all(this.all.map((h) => h.worker.terminate()))
  }
}

export async function renderPrintRun(
  loaded: LoadedSnapshot,
  options: PrintRunOptions,
): Promise<PrintRunReport> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  if (options.locale) localeSchema.parse(options.locale)
  if (options.batchSize !== undefined && (!Number.isInteger(options.batchSize) || options.batchSize < 1))
    throw new Error(`--batch-size must be a whole number ≥ 1`)
  if (options.bleedMm !== undefined && !(options.bleedMm >= 0 && options.bleedMm <= 10))
    throw new Error(`--bleed must be between 0 and 10 mm`)
  // Validate the letter and envelope before reading any member data or touching the output folder.
  buildRendererSetup(loaded, options, false)
  const outDir = path.resolve(options.outDir)
  const hadPrevious = existsSync(path.join(outDir, 'report.json'))
  let staged: StagedFolder | undefined
  try {
    staged = await stageFolder(outDir, { owns: isPrintRunFile, job: 'print run' })
    const report = await renderInto(staged.dir, loaded, options, started)
    await staged.commit()
    for (const warning of report.warnings) log(`letters: warning: ${warning}`)
    log(
      `letters: ${report.printed} printed, ${report.rejected} rejected, ${report.pages} pages on ${report.sheets} sheets in ${report.seconds} s`,
    )
    return report
  } catch (error) {
    await staged?.discard().catch(() => {})
    if (!isFileSystemError(error)) throw error
    // Name the user's --out (or the member file), not the staging copy the error happened in.
    const where =
      typeof error.path === 'string' && staged && error.path.startsWith(staged.dir)
        ? path.join(outDir, path.relative(staged.dir, error.path))
        : (error.path ?? outDir)
    throw new Error(
      fileSystemErrorLine(
        error,
        where,
        hadPrevious
          ? `nothing was replaced: the previous print run in ${outDir} is unchanged`
          : `no print run was written to ${outDir}`,
      ),
    )
  }
}

/** The run itself, into `dir` (the staging folder). */
async function renderInto(
  dir: string,
  loaded: LoadedSnapshot,
  options: PrintRunOptions,
  started: number,
): Promise<PrintRunReport> {
  const info: Partial<MemberFileInfo> = {}
  const label = path.basename(options.recipients)
  const entries = readMemberFile(
    options.recipients,
    { defaultCountry: loaded.snapshot.organisation.postalAddress.country, label },
    info,
  )
  const iterator = entries[Symbol.asyncIterator]()
  // The header tells whether there is a branch column; peek the first entry to have read it.
  const first = await iterator.next()
  const images = await preparePrintImages(buildRendererSetup(loaded, options, Boolean(info.hasBranchColumn)))
  const setup = images.setup
  let read = 0
  async function* allEntries(): AsyncGenerator<MemberFileEntry> {
    if (first.done) return
    read++
    yield first.value
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      read++
      yield next.value
    }
  }

  const manifest = new CsvOut(path.join(dir, 'manifest.csv'), [
    'member_number',
    'first_page',
    'page_count',
    'sheets',
    'file',
  ])
  const rejectedOut = new CsvOut(path.join(dir, 'rejected.csv'), ['line', 'member_number', 'reason'])
  const totals = { read: 0, printed: 0, rejected: 0, pages: 0, blank: 0, files: [] as string[] }
  const writeManifest = (row: ManifestRow) =>
    manifest.row([row.memberNumber, row.firstPage, row.pageCount, row.sheets, row.file])
  const writeRejected = (row: RejectedRow) => rejectedOut.row([row.line, row.memberNumber, row.reason])
  const commit = async (result: BatchResult) => {
    for (const row of result.printed) await writeManifest(row)
    for (const row of result.rejected) await writeRejected(row)
    totals.printed += result.printedCount
    totals.rejected += result.rejected.length
    totals.pages += result.pages
    totals.blank += result.blankPages
    if (result.written) totals.files.push(result.file)
    options.onProgress?.(totals.printed + totals.rejected)
  }

  const pdfa = Boolean(options.pdfa)
  let failed = false
  try {
    if (!options.batchSize) {
      // One file: stream straight through; rows are written as each letter is decided, and the
      // renderer waits while the row files drain (no queue of pending writes grows with the run).
      let done = 0
      const sink: BatchSink = {
        printed: (row) => {
          options.onProgress?.(++done)
          return writeManifest(row)
        },
        rejected: (row) => {
          totals.rejected++
          options.onProgress?.(++done)
          return writeRejected(row)
        },
      }
      const result = await renderBatch(allEntries(), path.join(dir, 'letters.pdf'), setup, pdfa, sink)
      totals.printed += result.printedCount
      totals.pages += result.pages
      totals.blank += result.blankPages
      if (result.written) totals.files.push(result.file)
    } else {
      const source = allEntries()
      const workers = options.workers ?? os.availableParallelism()
      const pool = workers > 0 ? new BatchPool(workers, setup, pdfa, options.batchSize) : null
      // Batches in flight, committed strictly in order; at most two per worker are held in memory.
      const inFlight: Array<Promise<BatchResult>> = []
      let index = 0
      try {
        for (;;) {
          const batch = await nextBatch(source, options.batchSize)
          if (!batch) break
          const file = path.join(dir, `letters-${String(++index).padStart(4, '0')}.pdf`)
          const rendering = pool ? pool.render(batch, file) : renderBatch(batch, file, setup, pdfa)
          // When one batch fails the others in flight are abandoned; their failures must not surface
          // later as unhandled rejections (which end the process with a stack trace).
          rendering.catch(() => {})
          inFlight.push(rendering)
          if (!pool) await inFlight[inFlight.length - 1]
          while (inFlight.length >= Math.max(1, workers * 2)) await commit(await inFlight.shift()!)
        }
        while (inFlight.length) await commit(await inFlight.shift()!)
      } finally {
        await pool?.close()
      }
    }
  } catch (error) {
    failed = true
    throw error
  } finally {
    // After a failure the first error is the one to report; the row files are dropped with the staging folder.
    const closing = Promise.all([manifest.close(), rejectedOut.close()])
    if (failed) await closing.catch(() => {})
    else await closing
    await images.dispose()
  }
  totals.read = read
  const warnings: string[] = [...setup.linkWarnings]
  if (
    !setup.hasBranchColumn &&
    Object.values(setup.versions).some((v) => JSON.stringify(v?.letter.body).includes('"field":"branch"'))
  ) {
    warnings.push(
      `${label} has no branch column: the branch merge field prints the locale's fallback text (e.g. "din lokale afdeling")`,
    )
  }
  if (!setup.envelope.sourced)
    warnings.push(
      `envelope ${setup.envelope.name}: window position is an assumption; check it against the print shop's envelope`,
    )
  const report: PrintRunReport = {
    letter: options.letter,
    envelope: setup.envelope.name,
    read: totals.read,
    printed: totals.printed,
    rejected: totals.rejected,
    pages: totals.pages,
    blank_pages: totals.blank,
    sheets: (totals.pages + totals.blank) / 2,
    files: totals.files,
    encoding: info.encoding ?? 'ascii',
    delimiter: info.delimiter ?? ',',
    warnings,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  }
  // The report is written last, once the numbers it gives are those of the files beside it.
  await writeFile(path.join(dir, 'report.json'), JSON.stringify(report, null, 2) + '\n')
  return report
}
