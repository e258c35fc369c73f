/**
 * `budstikke dispatch`: plan → e-mail (or export for a mail service) → print → report, with every
 * outcome in the ledger so a rerun reaches nobody twice. Member data goes only to `outDir` and the
 * SMTP conversation; `log` and the report get counts and member numbers.
 */
import { randomUUID } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { csvCell } from '../letters/csv-cells.ts'
import { readMemberFile } from '../letters/member-file.ts'
import type { MergeSyntaxName } from '../newsletter/merge-syntax.ts'
import type { RenderedEdition } from '../newsletter/render-newsletters.ts'
import { writeEdition } from '../newsletter/write-newsletters.ts'
import type { LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import type { Locale } from '../snapshot/schema.ts'
import { readBounces, type BounceList } from './bounces.ts'
import { countBuckets, isBalanced, type DispatchReport } from './dispatch-report.ts'
import { localeFor, resolveTarget } from './dispatch-target.ts'
import { personalise, renderTargetEditions, unsubscribeUrl } from './email-content.ts'
import { DispatchLedger, ledgerFile, REACHED } from './ledger.ts'
import { setAside } from './output-folders.ts'
import { MemberPlanner, type EmailRecipient, type PlanDecision } from './plan-member.ts'
import { runPrintBucket } from './print-bucket.ts'
import { SmtpSender, type DkimSettings } from './smtp-sender.ts'

/** Where a progress display can hook in (counts only). */
export type DispatchProgress =
  | { phase: 'plan'; read: number }
  | { phase: 'email'; sent: number }
  | { phase: 'print'; members: number }
  | { phase: 'done' }

export interface DispatchOptions {
  edition?: string
  campaign?: string
  members: string
  outDir: string
  /** The data folder: the ledger lives in `<dataDir>/dispatch/`. */
  dataDir: string
  smtp?: { url: string; rate?: number; dkim?: DkimSettings; connections?: number; retryDelaysMs?: number[] }
  /** Sender address; default: the Organisation's e-mail. */
  from?: string
  bounces?: string
  date?: string
  resendUncertain?: boolean
  dryRun?: boolean
  /** Merge syntax of the export for a mail service (without `smtp`). */
  mergeSyntax: MergeSyntaxName
  /** One dispatch of the same edition at a time; given by the CLI (a lock file beside the ledger). */
  acquireLock?: (dispatchKey: string, file: string) => Promise<{ release(): Promise<void> }>
  log?: (line: string) => void
  onProgress?: (event: DispatchProgress) => void
}

class CsvWriter {
  private readonly stream: WriteStream
  constructor(file: string, header: string[]) {
    // Member data: readable by the owner only.
    this.stream = createWriteStream(file, { mode: 0o600 })
    this.stream.write(header.join(',') + '\n')
  }
  async row(cells: Array<string | number>): Promise<void> {
    if (!this.stream.write(cells.map(csvCell).join(',') + '\n')) await once(this.stream, 'drain')
  }
  async close(): Promise<void> {
    this.stream.end()
    await once(this.stream, 'finish')
  }
}

function emptyReport(
  kind: 'edition' | 'campaign',
  key: string,
  dispatchKey: string,
  dryRun: boolean,
): DispatchReport {
  return {
    dispatch: dispatchKey,
    kind,
    key,
    dry_run: dryRun,
    read: 0,
    not_in_segment: 0,
    opted_out: 0,
    emailed: 0,
    printed: 0,
    rejected: 0,
    uncertain: 0,
    failed: 0,
    printed_after_bounce: 0,
    this_run: { emailed: 0, printed: 0, moved_to_print_after_5xx: 0, retried_after_4xx: 0 },
    reasons: { rejected: {}, opted_out: {}, printed: {}, failed: {} },
    locales: {},
    uncertain_members: [],
    failed_members: [],
    bounces: { hard: 0, soft: 0, hard_matched: 0 },
    email: { mode: 'none' },
    print: null,
    balanced: false,
    seconds: 0,
  }
}

/**
 * Messages in flight at once. Starts are spaced 1/rate apart; one at a time, each start also waits
 * for the previous reply, so any second at the server holds at most rate + 1 messages. With n in
 * flight a slow reply can bunch up to rate + n, so a rate takes one lane per 10 messages/s: exact
 * up to 19/s, within 10 % above.
 */
export function inFlightLimit(connections: number, rate: number | undefined): number {
  if (!rate) return connections
  return Math.max(1, Math.min(connections, Math.floor(rate / 10)))
}

function messageDomain(siteUrl: string): string {
  return new URL(siteUrl).hostname || 'budstikke.invalid'
}

export async function runDispatch(loaded: LoadedSnapshot, options: DispatchOptions): Promise<DispatchReport> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  const progress = options.onProgress ?? (() => {})
  const { snapshot } = loaded
  const target = resolveTarget(snapshot, { edition: options.edition, campaign: options.campaign })
  const outDir = path.resolve(options.outDir)
  const report = emptyReport(target.kind, target.key, target.dispatchKey, Boolean(options.dryRun))
  const bounces: BounceList | null = options.bounces ? await readBounces(options.bounces) : null
  if (bounces)
    report.bounces = {
      hard: bounces.hardMemberNumbers.size + bounces.hardEmails.size,
      soft: bounces.soft,
      hard_matched: 0,
    }
  let bounceHit = false
  const planner = new MemberPlanner({
    segments: target.segments,
    hardBounced: (memberNumber, email) =>
      (bounceHit = Boolean(
        bounces &&
        (bounces.hardMemberNumbers.has(memberNumber) ||
          (email && bounces.hardEmails.has(email.toLowerCase()))),
      )),
  })
  const entries = readMemberFile(options.members, {
    defaultCountry: snapshot.organisation.postalAddress.country,
    label: path.basename(options.members),
  })
  const localeOf = (wanted: Locale | null) => localeFor(target, wanted, snapshot.defaultLocale)

  if (options.dryRun) {
    // The plan only: no ledger, no lock, no output but the report.
    for await (const entry of entries) {
      const decision = planner.decide(entry)
      report.read++
      if (decision.bucket === 'email') report.emailed++
      else if (decision.bucket === 'print') report.printed++
      else report[decision.bucket]++
      if (decision.bucket === 'rejected' || decision.bucket === 'opted_out' || decision.bucket === 'print') {
        const reasons = report.reasons[decision.bucket === 'print' ? 'printed' : decision.bucket]
        reasons[decision.reason] = (reasons[decision.reason] ?? 0) + 1
      }
      if (report.read % 500 === 0) progress({ phase: 'plan', read: report.read })
    }
    report.balanced = isBalanced(report)
    report.seconds = Math.round((performance.now() - started) / 10) / 100
    await mkdir(outDir, { recursive: true })
    await writeFile(path.join(outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n')
    return report
  }

  const ledgerPath = ledgerFile(options.dataDir)
  const lockBase = path.join(path.dirname(ledgerPath), target.dispatchKey.replace(/[^\w.-]/g, '_'))
  await mkdir(path.dirname(ledgerPath), { recursive: true })
  const lock = await options.acquireLock?.(target.dispatchKey, lockBase)
  const ledger = new DispatchLedger(ledgerPath, target.dispatchKey, randomUUID())
  let sender: SmtpSender | null = null
  try {
    const leftovers = ledger.markLeftoversUncertain()
    if (leftovers)
      log(`dispatch: ${leftovers} message(s) were being sent when an earlier run stopped: marked uncertain`)
    await mkdir(outDir, { recursive: true })

    // E-mail: rendered once per locale. With SMTP filled per member; without, exported for a mail service.
    const mode = options.smtp ? 'smtp' : 'export'
    report.email.mode = mode
    const editions = await renderTargetEditions(
      loaded,
      target,
      mode === 'smtp' ? 'plain' : options.mergeSyntax,
    )
    const exportDir = path.join(outDir, '.email-new')
    let audience: CsvWriter | null = null
    if (mode === 'export') {
      await rm(exportDir, { recursive: true, force: true })
      await mkdir(exportDir, { recursive: true, mode: 0o700 })
      audience = new CsvWriter(path.join(exportDir, 'audience.csv'), [
        'member_number',
        'email',
        'first_name',
        'last_name',
        'locale',
        'unsubscribe_url',
      ])
    } else {
      sender = new SmtpSender(options.smtp!)
      await sender.verify()
    }
    const from = { name: snapshot.organisation.name, address: options.from ?? snapshot.organisation.email }
    if (mode === 'smtp' && !from.address.includes('@'))
      throw new Error("--from: no sender address (give --from ADDRESS or fill the Organisation's e-mail)")
    const domain = messageDomain(snapshot.organisation.siteUrl)
    const rejectedOut = new CsvWriter(path.join(outDir, 'rejected.csv'), ['line', 'member_number', 'reason'])

    // One message per pooled connection in flight (none queues inside nodemailer, where a kill would
    // leave it `sending` though it never left); the plan waits meanwhile, so memory stays flat.
    const inFlight = new Set<Promise<void>>()
    const maxInFlight = inFlightLimit(options.smtp?.connections ?? 4, options.smtp?.rate)
    let exported = 0
    const send = async (recipient: EmailRecipient, locale: Locale) => {
      const edition = editions.get(locale) as RenderedEdition
      const message = personalise(edition, recipient, snapshot.organisation.unsubscribeUrlPattern)
      const messageId = `<${randomUUID()}@${domain}>`
      const outcome = await sender!.send(
        {
          from,
          to: recipient.email,
          subject: message.subject,
          html: message.html,
          text: message.text,
          messageId,
          locale,
          unsubscribeUrl: message.unsubscribeUrl,
        },
        () =>
          ledger.now({
            memberNumber: recipient.memberNumber,
            bucket: 'email',
            status: 'sending',
            messageId,
            locale,
          }),
      )
      if (outcome.attempts > 1) report.this_run.retried_after_4xx++
      consecutiveFailures = outcome.kind === 'failed' ? consecutiveFailures + 1 : 0
      if (outcome.kind === 'accepted') {
        ledger.now({ memberNumber: recipient.memberNumber, bucket: 'email', status: 'emailed', locale })
        report.this_run.emailed++
        if (report.this_run.emailed % 20 === 0) progress({ phase: 'email', sent: report.this_run.emailed })
      } else if (outcome.kind === 'refused') {
        ledger.now({
          memberNumber: recipient.memberNumber,
          bucket: 'print',
          status: 'print_pending',
          reason: `e-mail refused (SMTP ${outcome.code})`,
          locale,
        })
        report.this_run.moved_to_print_after_5xx++
      } else {
        ledger.now({
          memberNumber: recipient.memberNumber,
          bucket: 'email',
          status: 'failed',
          reason: outcome.detail,
          locale,
        })
      }
    }
    // A server that stopped answering would cost every remaining member 3.5 s of retries: after this
    // many failures in a row the rest of the e-mail bucket is left `failed` for the next run, untried.
    let consecutiveFailures = 0
    const BREAKER = 20
    const email = async (recipient: EmailRecipient, locale: Locale) => {
      if (consecutiveFailures >= BREAKER) {
        if (consecutiveFailures++ === BREAKER)
          log(
            `dispatch: ${BREAKER} messages in a row failed; the remaining e-mails are left for the next run`,
          )
        ledger.later({
          memberNumber: recipient.memberNumber,
          bucket: 'email',
          status: 'failed',
          reason: 'not tried: the SMTP server kept failing',
          locale,
        })
        return
      }
      if (audience) {
        await audience.row([
          recipient.memberNumber,
          recipient.email,
          recipient.firstName,
          recipient.lastName,
          locale,
          unsubscribeUrl(snapshot.organisation.unsubscribeUrlPattern, recipient.memberNumber),
        ])
        ledger.later({ memberNumber: recipient.memberNumber, bucket: 'email', status: 'exported', locale })
        exported++
        return
      }
      const job: Promise<void> = send(recipient, locale).finally(() => inFlight.delete(job))
      inFlight.add(job)
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight)
    }

    let unkeyedRejected = 0
    const reject = async (decision: Extract<PlanDecision, { bucket: 'rejected' }>, keyed: boolean) => {
      await rejectedOut.row([decision.line, decision.memberNumber, decision.reason])
      if (keyed)
        ledger.later({
          memberNumber: decision.memberNumber,
          bucket: 'rejected',
          status: 'rejected',
          reason: decision.reason,
        })
      else {
        unkeyedRejected++
        report.reasons.rejected[decision.reason] = (report.reasons.rejected[decision.reason] ?? 0) + 1
      }
    }

    try {
      for await (const entry of entries) {
        bounceHit = false
        const decision = planner.decide(entry)
        report.read++
        if (report.read % 500 === 0) progress({ phase: 'plan', read: report.read })
        const memberNumber = decision.memberNumber
        // No member number, a row without columns, or a repeated number (its ledger row belongs to the first row): counted here.
        if (decision.bucket === 'rejected' && decision.unkeyed) {
          await reject(decision, false)
          continue
        }
        const prior = ledger.get(memberNumber)
        const markBounce = () => {
          if (bounceHit && ledger.markHardBounce(memberNumber)) report.bounces.hard_matched++
        }
        if (prior && REACHED.has(prior.status)) {
          // Reached before: only a hard bounce of an e-mailed member calls for a letter now.
          if (prior.status !== 'printed' && decision.bucket === 'print' && decision.hardBounce) {
            ledger.later({
              memberNumber,
              bucket: 'print',
              status: 'print_pending',
              reason: decision.reason,
              locale: localeOf(decision.locale),
            })
            markBounce()
          } else ledger.seen(memberNumber)
          continue
        }
        if (prior?.status === 'uncertain' && !options.resendUncertain) {
          ledger.seen(memberNumber)
          continue
        }
        switch (decision.bucket) {
          case 'rejected':
            await reject(decision, true)
            break
          case 'not_in_segment':
            ledger.later({ memberNumber, bucket: 'not_in_segment', status: 'not_in_segment' })
            break
          case 'opted_out':
            ledger.later({ memberNumber, bucket: 'opted_out', status: 'opted_out', reason: decision.reason })
            break
          case 'print':
            ledger.later({
              memberNumber,
              bucket: 'print',
              status: 'print_pending',
              reason: decision.reason,
              locale: localeOf(decision.locale),
            })
            markBounce()
            break
          case 'email':
            await email(decision.recipient, localeOf(decision.locale))
            break
        }
      }
      await Promise.all(inFlight)
    } finally {
      await Promise.allSettled(inFlight)
      await rejectedOut.close()
      await audience?.close()
      ledger.flush()
    }

    if (mode === 'export') {
      if (exported > 0) {
        for (const edition of editions.values()) await writeEdition(exportDir, edition)
        const previous = await setAside(path.join(outDir, 'email'))
        if (previous) log(`dispatch: previous e-mail export kept in ${previous}`)
        await rename(exportDir, path.join(outDir, 'email'))
        report.email.files = [
          'email/audience.csv',
          ...[...editions.values()].map((e) => `email/${e.folder}/`),
        ]
        report.this_run.emailed = exported
      } else await rm(exportDir, { recursive: true, force: true })
    }

    const pending = ledger.membersWithStatus(['print_pending']).length
    if (pending > 0) {
      progress({ phase: 'print', members: pending })
      const print = await runPrintBucket({
        loaded,
        target,
        members: options.members,
        outDir: path.join(outDir, 'print'),
        ledger,
        date: options.date,
        log,
      })
      if (print) {
        report.print = {
          files: print.files.map((f) => `print/${f}`),
          pages: print.pages,
          sheets: print.sheets,
          seconds: print.seconds,
        }
        report.this_run.printed = print.printed
      }
    }

    countBuckets(ledger.summary(), report)
    report.rejected += unkeyedRejected
    report.uncertain_members = ledger.membersWithStatus(['uncertain', 'sending'])
    report.failed_members = ledger.membersWithStatus(['failed', 'print_pending'])
    report.balanced = isBalanced(report)
    report.seconds = Math.round((performance.now() - started) / 10) / 100
    await writeFile(path.join(outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n')
    progress({ phase: 'done' })
    return report
  } finally {
    sender?.close()
    ledger.close()
    await lock?.release()
  }
}
