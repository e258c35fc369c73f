/**
 * Print-run benchmark: letters/s and pages/s for the welcome letter of the fixture snapshot, one file
 * in one thread and batches on worker threads, peak RSS per run (each run in its own child process),
 * the projected time for 300,000 members, and two references measured in the same run: plain pdfkit
 * (one thread, no layout of ours) and headless Chromium printing the same letters from HTML (one page
 * load, many letters). Sizes: 10,000 and 100,000 recipients; BENCH_QUICK=1: 1,000 and 5,000.
 * Peak RSS is tabled at 1,000, 10,000 and 100,000 recipients for both modes (quick: 1,000 and 5,000),
 * with the heap that survives a full GC, sampled during single-file runs: its growth per letter is
 * the state that genuinely grows with the file (xref offsets, page numbers, member numbers).
 *
 * The progress display's cost (issue 17: under 2 % of a print run): single-file runs with and without
 * the CLI's progress wiring (the member-file row count first, a terminal bar redrawn 20 times a second),
 * alternated three times, compared by median CPU-seconds (wall time on a shared machine is noisier),
 * and directly: the display's and the row count's microseconds per letter against a letter's CPU time.
 *
 * When started with LETTERS_BENCH_CHILD set, this file is the child: it runs one print run and prints
 * its figures as JSON.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync, createWriteStream, existsSync } from 'node:fs'
import { once } from 'node:events'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchRow } from './types.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

const here = fileURLToPath(import.meta.url)
const root = path.resolve(path.dirname(here), '../..')
const workDir = path.join(root, '.tmp/letters/bench')
const snapshotFile = SAMPLE_SNAPSHOT_FILE
const HEADER =
  'member_number,first_name,last_name,address_line1,address_line2,postal_code,city,country,locale,segments,email'

interface ChildResult {
  letters: number
  pages: number
  seconds: number
  cpuSeconds: number
  peakRssMB: number
  /** Heap after a full GC: first and last sample (MB) and its growth per letter in between (bytes). */
  liveHeapMB?: [number, number]
  liveBytesPerLetter?: number
}

/** Obviously fake members, written as a stream (the 100,000-row file is ~8 MB). */
async function memberFile(count: number): Promise<string> {
  const file = path.join(workDir, `members-${count}.csv`)
  if (existsSync(file)) return file
  mkdirSync(workDir, { recursive: true })
  const out = createWriteStream(file)
  out.write(HEADER + '\n')
  for (let i = 1; i <= count; i++) {
    const line = `B${String(i).padStart(7, '0')},Testa${i},Fiktivsen-${i % 97},Prøvevej ${i % 300},,${1000 + (i % 8999)},Testrup,DK,da,,\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  return file
}

async function child(
  mode: string,
  recipients: string,
  extra: Record<string, string> = {},
): Promise<ChildResult> {
  const proc = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', here], {
    cwd: root,
    env: { ...process.env, LETTERS_BENCH_CHILD: mode, LETTERS_BENCH_RECIPIENTS: recipients, ...extra },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let stdout = ''
  proc.stdout.on('data', (chunk) => (stdout += chunk))
  const [code] = await once(proc, 'exit')
  if (code !== 0) throw new Error(`letters bench child (${mode}) exited with ${code}`)
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult
}

/** Child side: one measured run. */
async function runChild(): Promise<void> {
  const mode = process.env.LETTERS_BENCH_CHILD!
  const recipients = process.env.LETTERS_BENCH_RECIPIENTS!
  const outDir = path.join(workDir, `out-${mode}-${path.basename(recipients, '.csv')}`)
  const { readSnapshot } = await import('../../channels/snapshot/read-snapshot.ts')
  const loaded = await readSnapshot(snapshotFile)
  const cpu = process.cpuUsage()
  const started = performance.now()
  // Live heap (after a full GC) every few seconds; a single-file run renders at a steady rate, so
  // the time between the first and last sample gives the letters rendered in between.
  const live: Array<{ at: number; bytes: number }> = []
  const gc = (globalThis as { gc?: () => void }).gc
  const sampler =
    mode === 'single' && gc
      ? setInterval(() => {
          gc()
          // Typed arrays (page numbers, member numbers) live outside the JS heap: count them too.
          const usage = process.memoryUsage()
          live.push({ at: performance.now(), bytes: usage.heapUsed + usage.arrayBuffers })
        }, 3000)
      : undefined
  let letters: number
  let pages: number
  if (mode === 'pdfkit-plain') {
    ;({ letters, pages } = await plainPdfkit(loaded, recipients, outDir))
  } else if (mode === 'chromium') {
    ;({ letters, pages } = await chromium(loaded, Number(process.env.LETTERS_BENCH_COUNT), outDir))
  } else {
    const { renderPrintRun } = await import('../../channels/letters/print-run.ts')
    const report = await renderPrintRun(loaded, {
      letter: 'velkommen',
      recipients,
      outDir,
      date: '2026-11-24',
      ...(mode === 'workers' ? { batchSize: Number(process.env.LETTERS_BENCH_BATCH ?? 2000) } : {}),
      ...(mode === 'single-progress' ? await progressWiring(recipients) : {}),
    })
    letters = report.printed
    pages = report.pages
  }
  const ended = performance.now()
  const seconds = (ended - started) / 1000
  clearInterval(sampler)
  const usage = process.cpuUsage(cpu)
  // Worker threads share the process: resourceUsage().maxRSS counts them too.
  const result: ChildResult = {
    letters,
    pages,
    seconds,
    cpuSeconds: (usage.user + usage.system) / 1e6,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }
  if (live.length >= 3) {
    // Skip the first sample (start-up garbage and caches still filling).
    const [first, last] = [live[1], live[live.length - 1]]
    const lettersBetween = (letters * (last.at - first.at)) / (ended - started)
    result.liveHeapMB = [round(first.bytes / 2 ** 20, 1), round(last.bytes / 2 ** 20, 1)]
    result.liveBytesPerLetter = round((last.bytes - first.bytes) / lettersBetween)
  }
  console.log(JSON.stringify(result))
}

/** What `budstikke letters` adds for its progress: the row count first, then a bar on a terminal (output discarded). */
async function progressWiring(recipients: string): Promise<{ onProgress: (done: number) => void }> {
  const { terminalProgress } = await import('../shared/progress-display.ts')
  const { countMemberRows } = await import('../../channels/letters/count-member-rows.ts')
  const total = await countMemberRows(recipients)
  const display = terminalProgress({ write: () => true, isTTY: true }, { command: 'letters' })
  return { onProgress: (done) => display.progress('letters', done, total) }
}

/** Reference: pdfkit's own text layout for the same words, no address checks, fonts or merge logic of ours. */
async function plainPdfkit(
  loaded: Awaited<ReturnType<(typeof import('../../channels/snapshot/read-snapshot.ts'))['readSnapshot']>>,
  recipients: string,
  outDir: string,
) {
  const { default: PDFDocument } = await import('pdfkit')
  const { readFileSync } = await import('node:fs')
  mkdirSync(outDir, { recursive: true })
  const count = Number(process.env.LETTERS_BENCH_COUNT)
  const letter = loaded.snapshot.letters[0]
  const font = readFileSync(
    path.join(root, 'node_modules/@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'),
  )
  const doc = new PDFDocument({ autoFirstPage: false, info: { CreationDate: new Date(0) } })
  doc.registerFont('body', font)
  const out = createWriteStream(path.join(outDir, 'plain.pdf'))
  doc.on('data', (c: Buffer) => out.write(c))
  const text = letter.body
    .map((b) =>
      'children' in b
        ? b.children
            .map((c) => (c.type === 'text' ? c.text : c.type === 'mergeField' ? 'Testa' : ''))
            .join('')
        : '',
    )
    .join('\n\n')
  for (let i = 1; i <= count; i++) {
    doc.addPage({ size: 'A4', margin: 70 })
    doc
      .font('body')
      .fontSize(10)
      .text(`Testa${i} Fiktivsen\nPrøvevej ${i}\n${1000 + i} Testrup`, 57, 178)
    doc.fontSize(12).text(letter.subject, 71, 280).fontSize(10.5).moveDown().text(text)
    doc.addPage({ size: 'A4', margin: 70 })
    if (out.writableNeedDrain) await once(out, 'drain')
  }
  doc.end()
  await once(doc, 'end')
  out.end()
  await once(out, 'finish')
  return { letters: count, pages: count }
}

/** Reference: headless Chromium printing the same letters from one HTML page (one page load, many letters). */
async function chromium(
  loaded: Awaited<ReturnType<(typeof import('../../channels/snapshot/read-snapshot.ts'))['readSnapshot']>>,
  count: number,
  outDir: string,
) {
  const { chromium: browserType } = await import('playwright-core')
  mkdirSync(outDir, { recursive: true })
  const letter = loaded.snapshot.letters[0]
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const body = (first: string, number: string) =>
    letter.body
      .map((b) => {
        if (b.type === 'list')
          return `<ul>${b.items.map((it) => `<li>${it.children.map((c) => (c.type === 'text' ? esc(c.text) : '')).join('')}</li>`).join('')}</ul>`
        if (!('children' in b)) return ''
        const inner = b.children
          .map((c) =>
            c.type === 'text'
              ? c.bold
                ? `<b>${esc(c.text)}</b>`
                : esc(c.text)
              : c.type === 'mergeField'
                ? esc(
                    c.field === 'first_name'
                      ? first
                      : c.field === 'member_number'
                        ? number
                        : 'din lokale afdeling',
                  )
                : '',
          )
          .join('')
        return b.type === 'heading' ? `<h2>${inner}</h2>` : `<p>${inner}</p>`
      })
      .join('')
  const letters = Array.from({ length: count }, (_, i) => {
    const n = i + 1
    return `<section><div class="addr">Testa${n} Fiktivsen<br>Prøvevej ${n}<br>${1000 + n} Testrup</div><div class="date">24. november 2026</div><h1>${esc(letter.subject)}</h1>${body(`Testa${n}`, `B${n}`)}<p>Med venlig hilsen<br><br><b>${esc(letter.signature.name)}</b><br>${esc(letter.signature.title)}</p></section><section class="blank"></section>`
  }).join('')
  const html = `<!doctype html><html lang="da"><meta charset="utf-8"><style>@page{size:A4;margin:0}body{margin:0;font-family:'Noto Sans',sans-serif;font-size:10.5pt}section{position:relative;height:297mm;padding:98mm 20mm 0 25mm;box-sizing:border-box;page-break-after:always}.addr{position:absolute;left:20mm;top:62.7mm;font-size:10pt}.date{position:absolute;left:125mm;top:50mm}h1{font-size:12pt}</style>${letters}</html>`
  const browser = await browserType.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  try {
    const page = await browser.newPage()
    await page.setContent(html)
    await page.pdf({ path: path.join(outDir, 'chromium.pdf'), format: 'A4', printBackground: true })
  } finally {
    await browser.close()
  }
  return { letters: count, pages: count }
}

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits

export async function run(): Promise<BenchRow[]> {
  const { quick } = await import('./types.ts')
  const [small, large] = quick ? [1_000, 5_000] : [10_000, 100_000]
  const rssSmall = 1_000
  const rows: BenchRow[] = []
  const note = `${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(1)} at start`
  const rate = (r: ChildResult) => r.letters / r.seconds
  let best = 0
  const batchFor = (count: number) => Math.max(500, Math.ceil(count / 40))
  const runs: Array<[string, ChildResult]> = []
  for (const count of [small, large]) {
    const file = await memberFile(count)
    const single = await child('single', file)
    const threaded = await child('workers', file, { LETTERS_BENCH_BATCH: String(batchFor(count)) })
    runs.push([`single ${count}`, single], [`workers ${count}`, threaded])
    for (const [label, r] of [
      ['1 thread, one letters.pdf', single],
      [`${os.availableParallelism()} worker threads, batches`, threaded],
    ] as const) {
      rows.push({
        benchmark: `letters ${count.toLocaleString('en')}: ${label}`,
        value: round(rate(r)),
        unit: 'letters/s',
        note: `${round(r.pages / r.seconds)} pages/s, ${round(r.seconds, 1)} s wall, ${round(r.letters / r.cpuSeconds)} letters per CPU-second, ${note}`,
      })
      best = Math.max(best, rate(r))
    }
  }
  // Peak RSS at sizes: flat means the same figure whatever the number of recipients.
  const measured = new Map<string, ChildResult>()
  for (const [count, r] of runs) measured.set(count, r)
  const table: string[] = []
  for (const count of [...new Set([rssSmall, small, large])]) {
    const file = await memberFile(count)
    const single = measured.get(`single ${count}`) ?? (await child('single', file))
    const threaded =
      measured.get(`workers ${count}`) ??
      (await child('workers', file, { LETTERS_BENCH_BATCH: String(batchFor(count)) }))
    const live =
      single.liveBytesPerLetter !== undefined
        ? `, live heap ${single.liveHeapMB!.join(' → ')} MB, ${single.liveBytesPerLetter} B/letter`
        : ''
    rows.push({
      benchmark: `letters peak RSS at ${count.toLocaleString('en')}: 1 thread, one file`,
      value: single.peakRssMB,
      unit: 'MB',
      note: `${round(single.letters / single.cpuSeconds)} letters per CPU-second${live}`,
    })
    rows.push({
      benchmark: `letters peak RSS at ${count.toLocaleString('en')}: ${os.availableParallelism()} workers, batches of ${batchFor(count)}`,
      value: threaded.peakRssMB,
      unit: 'MB',
      note: `${round(threaded.letters / threaded.cpuSeconds)} letters per CPU-second`,
    })
    table.push(`| ${count.toLocaleString('en')} | ${single.peakRssMB} MB | ${threaded.peakRssMB} MB |`)
  }
  console.error(
    [
      'letters: peak RSS at sizes',
      '| recipients | 1 thread, one file | batches on workers |',
      '|---|---|---|',
      ...table,
    ].join('\n'),
  )
  rows.push({
    benchmark: 'letters 300,000: projected time at the best measured rate',
    value: round(300_000 / best / 60, 1),
    unit: 'min',
  })

  // Progress display cost, alternating so that load changes on a shared machine hit both alike.
  const progressCount = quick ? large : small
  const progressFile = await memberFile(progressCount)
  const without: ChildResult[] = []
  const withProgress: ChildResult[] = []
  for (let i = 0; i < 3; i++) {
    without.push(await child('single', progressFile))
    withProgress.push(await child('single-progress', progressFile))
  }
  const median = (runs: ChildResult[], key: 'cpuSeconds' | 'seconds') =>
    runs.map((r) => r[key]).sort((a, b) => a - b)[1]
  rows.push({
    benchmark: `letters ${progressCount.toLocaleString('en')}: with progress display / without (CPU-seconds, median of 3)`,
    value: round(median(withProgress, 'cpuSeconds') / median(without, 'cpuSeconds'), 3),
    unit: 'ratio',
    note: `CPU ${round(median(without, 'cpuSeconds'), 2)} s → ${round(median(withProgress, 'cpuSeconds'), 2)} s; wall ${round(median(without, 'seconds'), 2)} s → ${round(median(withProgress, 'seconds'), 2)} s`,
  })
  // The same cost measured directly (the ratio above is within the noise of a shared machine): the
  // display's work per letter and the row count's per row, against a letter's CPU time in this run.
  const display = await progressWiring(progressFile)
  const calls = 1_000_000
  const displayStarted = performance.now()
  for (let done = 1; done <= calls; done++) display.onProgress(done)
  const displayMicros = ((performance.now() - displayStarted) * 1000) / calls
  const { countMemberRows } = await import('../../channels/letters/count-member-rows.ts')
  const countStarted = performance.now()
  await countMemberRows(progressFile)
  const countMicros = ((performance.now() - countStarted) * 1000) / progressCount
  const letterMicros = (median(without, 'cpuSeconds') * 1e6) / progressCount
  rows.push({
    benchmark: 'letters: progress display cost per letter (bar + row count) / CPU time of a letter',
    value: round(((displayMicros + countMicros) / letterMicros) * 100, 3),
    unit: '%',
    note: `${round(displayMicros, 3)} µs display + ${round(countMicros, 3)} µs row count per letter; a letter takes ${round(letterMicros)} µs of CPU`,
  })

  const plainCount = quick ? 1_000 : 5_000
  const plain = await child('pdfkit-plain', await memberFile(rssSmall), {
    LETTERS_BENCH_COUNT: String(plainCount),
  })
  rows.push({
    benchmark: `reference: plain pdfkit, 1 thread, ${plainCount.toLocaleString('en')} letters`,
    value: round(rate(plain)),
    unit: 'letters/s',
    note: 'pdfkit text() wrapping, one font, no window/merge logic',
  })
  const chromiumCount = quick ? 200 : 1_000
  const chrome = await child('chromium', await memberFile(rssSmall), {
    LETTERS_BENCH_COUNT: String(chromiumCount),
  })
  rows.push({
    benchmark: `reference: headless Chromium page.pdf(), ${chromiumCount.toLocaleString('en')} letters in one page load`,
    value: round(rate(chrome)),
    unit: 'letters/s',
    note: `${chrome.peakRssMB} MB peak RSS of the driver process only`,
  })
  rows.push({
    benchmark: 'letters: best Budstikke rate / Chromium rate',
    value: round(best / rate(chrome), 1),
    unit: 'ratio',
  })
  rows.push({
    benchmark: 'letters: best Budstikke rate / plain pdfkit rate',
    value: round(best / rate(plain), 2),
    unit: 'ratio',
  })
  writeFileSync(path.join(workDir, 'last-run.json'), JSON.stringify(rows, null, 2) + '\n')
  return rows
}

if (process.env.LETTERS_BENCH_CHILD) await runChild()
