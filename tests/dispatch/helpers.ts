/**
 * Helpers for dispatch tests: a made-up member file, a fixture snapshot whose edition is for one
 * segment and has a Swedish version, a real SMTP server (smtp-server) in the test process that
 * answers per recipient, and the CLI run as a real child process (so it can be killed).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import type { Newsletter, Snapshot } from '../../channels/snapshot/schema.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

export const FIXTURE_SNAPSHOT = SAMPLE_SNAPSHOT_FILE
export const EDITION = 'nyhedsbrev-marts-2026'
export const MEMBER_HEADER = [
  'member_number',
  'first_name',
  'last_name',
  'address_line1',
  'address_line2',
  'postal_code',
  'city',
  'country',
  'locale',
  'segments',
  'email',
  'email_opt_out',
  'post_opt_out',
]

export function tempDir(name: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `dispatch-${name}-`))
}

export function csvLine(fields: string[]): string {
  return fields.map((f) => (/["\r\n,;]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')
}

export interface TestMember {
  number: string
  first?: string
  last?: string
  line1?: string
  postal?: string
  city?: string
  locale?: string
  segments?: string
  email?: string
  emailOptOut?: string
  postOptOut?: string
}

/** A member row with obviously made-up defaults (member number in the name, so each is unique). */
export function memberLine(m: TestMember): string {
  const n = m.number.replace(/\W/g, '')
  return csvLine([
    m.number,
    m.first ?? `Testa${n}`,
    m.last ?? `Opdigtsen${n}`,
    m.line1 ?? `Prøvevej ${n}`,
    '',
    m.postal ?? '1000',
    m.city ?? 'Testrup',
    'DK',
    m.locale ?? 'da',
    m.segments ?? 'retirees',
    m.email ?? '',
    m.emailOptOut ?? '',
    m.postOptOut ?? '',
  ])
}

export function writeMembers(dir: string, lines: string[]): string {
  const file = path.join(dir, 'members.csv')
  writeFileSync(file, [MEMBER_HEADER.join(','), ...lines].join('\n') + '\n')
  return file
}

/**
 * The fixture snapshot, with its edition for the `retirees` segment and a Swedish version, written
 * next to a link to the fixture's media.
 */
export function writeTestSnapshot(dir: string): string {
  const snapshot = JSON.parse(readFileSync(FIXTURE_SNAPSHOT, 'utf8')) as Snapshot
  const da = snapshot.newsletters.find((n) => n.key === EDITION)!
  const segment = snapshot.segments.find((s) => s.slug === 'retirees')!
  da.segment = { slug: segment.slug, name: segment.name.da }
  const sv: Newsletter = {
    ...da,
    id: `${da.id}-sv`,
    slug: 'nyhetsbrev-mars-2026',
    locale: 'sv',
    subject: 'Nyhetsbrev för mars',
    translations: { da: da.slug, sv: 'nyhetsbrev-mars-2026' },
  }
  da.translations = sv.translations
  snapshot.newsletters.push(sv)
  const snapDir = path.join(dir, 'snapshot')
  mkdirSync(snapDir, { recursive: true })
  symlinkSync(path.join(path.dirname(FIXTURE_SNAPSHOT), 'media'), path.join(snapDir, 'media'))
  const file = path.join(snapDir, 'snapshot.json')
  writeFileSync(file, JSON.stringify(snapshot))
  return file
}

export interface Arrival {
  to: string
  at: number
  raw: string
  mail: ParsedMail
}

export interface TestSmtp {
  port: number
  url: string
  arrivals: Arrival[]
  /** Called when a message's data has arrived, before the server answers; may delay or hold the answer. */
  beforeAccept?: (count: number, to: string[]) => Promise<void> | void
  close(): Promise<void>
}

/**
 * A real SMTP server on 127.0.0.1. `answers` gives a recipient's RCPT reply: a number (550: refused
 * for good; 451: try later) or, for 451, `{ code: 451, times }` to accept after that many refusals.
 */
export async function startSmtp(
  answers: Record<string, number | { code: number; times: number }> = {},
): Promise<TestSmtp> {
  const seen = new Map<string, number>()
  const state: TestSmtp = {
    port: 0,
    url: '',
    arrivals: [],
    close: async () => {},
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const answer = answers[address.address.toLowerCase()]
      const tries = (seen.get(address.address) ?? 0) + 1
      seen.set(address.address, tries)
      const code = typeof answer === 'number' ? answer : answer && tries <= answer.times ? answer.code : 0
      if (code) {
        const error = Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), {
          responseCode: code,
        })
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        try {
          await state.beforeAccept?.(
            state.arrivals.length + 1,
            session.envelope.rcptTo.map((r) => r.address),
          )
        } catch {
          return callback(Object.assign(new Error('held'), { responseCode: 451 }))
        }
        const mail = await simpleParser(raw)
        for (const rcpt of session.envelope.rcptTo)
          state.arrivals.push({ to: rcpt.address, at: Date.now(), raw, mail })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as { port: number }).port
  state.port = port
  state.url = `smtp://127.0.0.1:${port}`
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return state
}

export interface CliResult {
  status: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** `budstikke …` as a child process under this Node (no npx wrapper, so a signal reaches it). */
export function startCli(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [path.resolve('scripts/bin/budstikke.mjs'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (c) => (stdout += c))
  child.stderr!.on('data', (c) => (stderr += c))
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })),
  )
  return { child, done }
}

/**
 * `budstikke dispatch` as an operator types it: the test edition (or `campaign`), the member file, the
 * output and snapshot; with `smtp`, sent from the test sender; `extra` flags last.
 */
export function dispatchArgs(o: {
  members: string
  out: string
  snapshot: string
  campaign?: string
  smtp?: string
  extra?: string[]
}): string[] {
  return [
    'dispatch',
    ...(o.campaign ? ['--campaign', o.campaign] : ['--edition', EDITION]),
    ...['--members', o.members, '--out', o.out, '--snapshot', o.snapshot],
    ...(o.smtp ? ['--smtp', o.smtp, '--from', 'medlem@example.org'] : []),
    ...(o.extra ?? []),
  ]
}

export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return startCli(args, env).done
}

export function readReport(out: string): Record<string, unknown> & {
  read: number
  emailed: number
  printed: number
  uncertain: number
  uncertain_members: string[]
} {
  return JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'))
}

export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}
