/**
 * Dispatch benchmark: plan 300,000 made-up members (dry run: the plan alone; export: the plan with
 * every outcome in the ledger and audience.csv written), e-mail 20,000 through a real SMTP server
 * (smtp-server on 127.0.0.1 in this process, no rate limit) and the print bucket's letters/s.
 * Each dispatch runs in its own child process for its peak RSS. BENCH_QUICK=1: 5,000 / 500 / 200.
 *
 * When started with DISPATCH_BENCH_CHILD set, this file is the child: one dispatch, figures as JSON.
 */
import { spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { SMTPServer } from 'smtp-server'
import { quick, type BenchRow } from './types.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

const here = fileURLToPath(import.meta.url)
const root = path.resolve(path.dirname(here), '../..')
const workDir = path.join(root, '.tmp/dispatch/bench')
const snapshotFile = SAMPLE_SNAPSHOT_FILE
const HEADER =
  'member_number,first_name,last_name,address_line1,address_line2,postal_code,city,country,locale,segments,email,email_opt_out,post_opt_out'

type Mix = 'mixed' | 'email' | 'print'

/**
 * Obviously fake members. `mixed`: 80 % e-mail, 12 % print, 4 % opted out, 2 % not in a segment,
 * 2 % bad rows; `email` and `print`: only that bucket.
 */
async function memberFile(count: number, mix: Mix): Promise<string> {
  const file = path.join(workDir, `members-${mix}-${count}.csv`)
  if (existsSync(file)) return file
  mkdirSync(workDir, { recursive: true })
  const out = createWriteStream(file)
  out.write(HEADER + '\n')
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(7, '0')
    const slot = mix === 'email' ? 0 : mix === 'print' ? 90 : i % 100
    const email =
      slot < 80 ? `testa${n}@example.test` : slot < 92 ? '' : slot < 96 ? `testa${n}@example.test` : ''
    const optOut = slot >= 92 && slot < 96 ? '1' : ''
    const segments = slot === 96 || slot === 97 ? 'students' : ''
    const postal = slot >= 98 ? '' : String(1000 + (i % 8999))
    const locale = ['da', 'sv', 'nb', 'en'][i % 4]
    const line = `D${n},Testa${i},Fiktivsen-${i % 97},Prøvevej ${i % 300},,${postal},Testrup,DK,${locale},${segments},${email},${optOut},${optOut}\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  return file
}

interface ChildResult {
  seconds: number
  peakRssMB: number
  emailed: number
  printed: number
  read: number
  printSeconds: number
  /** CPU time of the dispatching process (user + system): on a busy shared machine wall time says little. */
  cpuSeconds: number
}

async function child(
  name: string,
  members: string,
  extra: Record<string, string> = {},
): Promise<ChildResult> {
  const dataDir = path.join(workDir, `data-${name}`)
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(path.join(workDir, `out-${name}`), { recursive: true, force: true })
  const proc = spawn(process.execPath, ['--import', 'tsx', here], {
    cwd: root,
    env: {
      ...process.env,
      DISPATCH_BENCH_CHILD: name,
      DISPATCH_BENCH_MEMBERS: members,
      BUDSTIKKE_DATA_DIR: dataDir,
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let stdout = ''
  proc.stdout.on('data', (chunk) => (stdout += chunk))
  const [code] = (await once(proc, 'close')) as [number]
  if (code !== 0) throw new Error(`dispatch bench child ${name} exited ${code}`)
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult
}

async function runChild(): Promise<void> {
  const name = process.env.DISPATCH_BENCH_CHILD!
  const { readSnapshot } = await import('../../channels/snapshot/read-snapshot.ts')
  const { runDispatch } = await import('../../channels/dispatch/run-dispatch.ts')
  const loaded = await readSnapshot(snapshotFile)
  const started = performance.now()
  const cpu = process.cpuUsage()
  const report = await runDispatch(loaded, {
    edition: 'nyhedsbrev-marts-2026',
    members: process.env.DISPATCH_BENCH_MEMBERS!,
    outDir: path.join(workDir, `out-${name}`),
    dataDir: process.env.BUDSTIKKE_DATA_DIR!,
    smtp: process.env.DISPATCH_BENCH_SMTP
      ? { url: process.env.DISPATCH_BENCH_SMTP, connections: 4 }
      : undefined,
    from: 'medlem@example.org',
    date: '2026-11-27',
    dryRun: name === 'plan-dry',
    mergeSyntax: 'mailchimp',
  })
  const seconds = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  const cpuSeconds = Math.round((used.user + used.system) / 1e4) / 100
  const result: ChildResult = {
    seconds,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    emailed: report.this_run.emailed || report.emailed,
    printed: report.this_run.printed || report.printed,
    read: report.read,
    printSeconds: report.print?.seconds ?? 0,
    cpuSeconds,
  }
  console.log(JSON.stringify(result))
}

/** A real SMTP server that takes everything (and reads each message to its end). */
async function smtpServer(): Promise<{
  url: string
  close(): Promise<void>
  count(): number
  spanSeconds(): number
}> {
  let count = 0
  let first = 0
  let last = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {})
      stream.on('end', () => {
        last = performance.now()
        if (count++ === 0) first = last
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as { port: number }).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    count: () => count,
    spanSeconds: () => (last - first) / 1000,
  }
}

export async function run(): Promise<BenchRow[]> {
  const planCount = quick ? 5_000 : 300_000
  const mailCount = quick ? 500 : 20_000
  const printCount = quick ? 200 : 2_000
  const rows: BenchRow[] = []
  const mixed = await memberFile(planCount, 'mixed')
  const dry = await child('plan-dry', mixed)
  rows.push({
    benchmark: `dispatch: plan ${planCount.toLocaleString('en')} members (dry run)`,
    value: Math.round(dry.seconds * 100) / 100,
    unit: 's',
    note: `${dry.cpuSeconds} CPU s, ${dry.peakRssMB} MB peak RSS; target < 30 s at 300,000`,
  })
  // The plan with the ledger: every member recorded, the e-mail bucket exported (no print: measured below).
  const emailOnly = await memberFile(planCount, 'email')
  const recorded = await child('plan-ledger', emailOnly)
  rows.push({
    benchmark: `dispatch: plan + ledger + audience.csv, ${planCount.toLocaleString('en')} members`,
    value: Math.round(recorded.seconds * 100) / 100,
    unit: 's',
    note: `${recorded.cpuSeconds} CPU s, ${recorded.peakRssMB} MB peak RSS`,
  })

  const server = await smtpServer()
  try {
    const mail = await child('email', await memberFile(mailCount, 'email'), {
      DISPATCH_BENCH_SMTP: server.url,
    })
    if (server.count() !== mailCount)
      throw new Error(`SMTP server received ${server.count()} of ${mailCount}`)
    // Messages/s as the server saw them (first to last arrival); the note has the whole run with start-up and rendering.
    rows.push({
      benchmark: `dispatch: e-mail ${mailCount.toLocaleString('en')} over SMTP (no rate limit)`,
      value: Math.round((mailCount - 1) / server.spanSeconds()),
      unit: 'msgs/s',
      note: `whole run ${mail.seconds.toFixed(1)} s and ${mail.cpuSeconds} CPU s (${Math.round(mailCount / mail.cpuSeconds)} msgs per CPU-second), ${mail.peakRssMB} MB peak RSS; target ≥ 500/s`,
    })
  } finally {
    await server.close()
  }
  const print = await child('print', await memberFile(printCount, 'print'))
  rows.push({
    benchmark: `dispatch: print bucket, ${printCount.toLocaleString('en')} letters`,
    value: Math.round(print.printed / print.printSeconds),
    unit: 'letters/s',
    note: `print run ${print.printSeconds.toFixed(1)} s, whole run ${print.seconds.toFixed(1)} s and ${print.cpuSeconds} CPU s, ${print.peakRssMB} MB peak RSS`,
  })
  return rows
}

if (process.env.DISPATCH_BENCH_CHILD) await runChild()
