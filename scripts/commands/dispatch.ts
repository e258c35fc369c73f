import type { Command } from 'commander'
import { QUIET_HELP } from '../shared/progress-display.ts'

interface DispatchCommandOptions {
  edition?: string
  campaign?: string
  members: string
  out: string
  snapshot: string
  smtp?: string
  from?: string
  rate?: string
  bounces?: string
  date?: string
  resendUncertain: boolean
  dryRun: boolean
  quiet: boolean
}

/** DKIM signing when BUDSTIKKE_DKIM_DOMAIN, BUDSTIKKE_DKIM_SELECTOR and BUDSTIKKE_DKIM_PRIVATE_KEY are all set; a partial setting is an error. */
async function dkimFromEnv(): Promise<
  { domainName: string; keySelector: string; privateKey: string } | undefined
> {
  const { setting } = await import('../../channels/shared/config.ts')
  const names = ['BUDSTIKKE_DKIM_DOMAIN', 'BUDSTIKKE_DKIM_SELECTOR', 'BUDSTIKKE_DKIM_PRIVATE_KEY'] as const
  const values = { domain: setting(names[0]), selector: setting(names[1]), keyFile: setting(names[2]) }
  const missing = names.filter((name) => !setting(name))
  if (missing.length === names.length) return undefined
  if (missing.length > 0)
    throw new Error(`DKIM: set all of ${names.join(', ')} (missing: ${missing.join(', ')})`)
  const { readFile } = await import('node:fs/promises')
  const file = values.keyFile!
  let privateKey: string
  try {
    privateKey = await readFile(file, 'utf8')
  } catch (error) {
    throw new Error(
      `BUDSTIKKE_DKIM_PRIVATE_KEY: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    )
  }
  if (!privateKey.includes('PRIVATE KEY'))
    throw new Error(`BUDSTIKKE_DKIM_PRIVATE_KEY: ${file} is not a PEM private key`)
  return { domainName: values.domain!, keySelector: values.selector!, privateKey }
}

export function register(program: Command): void {
  const dispatch = program
    .command('dispatch')
    .description(
      'Reach every member once: e-mail where possible, a printed letter where not, reconciled in report.json and recorded in a ledger so a rerun reaches nobody twice.',
    )
    .option('--edition <slug>', 'the newsletter edition to dispatch')
    .option(
      '--campaign <slug>',
      'the campaign to dispatch (its newsletter text by e-mail, its letter text on paper)',
    )
    .option(
      '--members <file>',
      'member file (CSV as for `letters`, with email, segments, email_opt_out, post_opt_out columns)',
    )
    .option('--out <dir>', 'output folder (holds member data: audience.csv, print/, rejected.csv)')
    .option('--snapshot <file>', 'snapshot written by `budstikke publish`', 'dist/snapshot/snapshot.json')
    .option(
      '--smtp <url>',
      'send through this server: smtp://user:pass@host:port or smtps://… (without it: DIR/email/ for a mail service)',
    )
    .option('--from <address>', "sender address (default: the Organisation's e-mail)")
    .option('--rate <n>', 'at most this many messages per second')
    .option('--bounces <file>', 'CSV of member number or e-mail, hard|soft: hard bounces get a letter')
    .option('--date <YYYY-MM-DD>', 'letter date; a fixed date gives byte-identical PDFs')
    .option(
      '--resend-uncertain',
      'send again to members whose message may or may not have arrived (see report.json uncertain_members)',
      false,
    )
    .option(
      '--dry-run',
      'stop after the plan: report.json with the buckets, nothing sent, printed or recorded',
      false,
    )
    .option('--quiet', QUIET_HELP, false)
    .action(async (options: DispatchCommandOptions) => {
      if (!options.members) throw new Error('--members <file> is required')
      if (!options.out) throw new Error('--out <dir> is required')
      const { existsSync } = await import('node:fs')
      if (!existsSync(options.snapshot))
        throw new Error(
          `${options.snapshot}: no snapshot; run \`budstikke publish\` first or pass --snapshot <file>`,
        )
      if (!existsSync(options.members)) throw new Error(`${options.members}: no such member file`)
      let rate: number | undefined
      if (options.rate !== undefined) {
        rate = Number(options.rate)
        if (!(rate > 0))
          throw new Error(`--rate "${options.rate}" is not a number of messages per second above 0`)
      }
      if (options.date !== undefined)
        (await import('../../channels/letters/print-run.ts')).parseRunDate(options.date)
      const { readSnapshot } = await import('../../channels/snapshot/read-snapshot.ts')
      const { runDispatch } = await import('../../channels/dispatch/run-dispatch.ts')
      type DispatchProgress = import('../../channels/dispatch/run-dispatch.ts').DispatchProgress
      const { mergeSyntaxFromEnv } = await import('../../channels/newsletter/publish-step.ts')
      const { acquirePublishLock } = await import('../publish/publish-lock.ts')
      const { dataDir } = await import('../../cms/lib/paths.ts')
      const loaded = await readSnapshot(options.snapshot)
      const dkim = options.smtp ? await dkimFromEnv() : undefined
      const { commandProgress } = await import('../shared/progress-display.ts')
      const { countMemberRows } = await import('../../channels/letters/count-member-rows.ts')
      const display = commandProgress('dispatch', { quiet: options.quiet })
      // Rows planned of the file's rows (counted first from a regular file), then messages sent and letters
      // printed: counts only, never member data.
      const rows = await countMemberRows(options.members)
      const tasks = new Set<string>()
      const onProgress = (event: DispatchProgress): void => {
        if (event.phase === 'plan')
          show('members', event.read, rows === undefined ? undefined : Math.max(rows, event.read))
        else if (event.phase === 'email') show('e-mails', event.sent)
        else if (event.phase === 'print') show('letters', 0, event.members)
        else for (const task of tasks) display.finish(task)
      }
      const show = (task: string, done: number, total?: number): void => {
        for (const other of tasks) if (other !== task) display.finish(other)
        tasks.clear()
        tasks.add(task)
        display.progress(task, done, total)
      }
      const report = await runDispatch(loaded, {
        edition: options.edition,
        campaign: options.campaign,
        members: options.members,
        outDir: options.out,
        dataDir: dataDir(),
        smtp: options.smtp ? { url: options.smtp, rate, dkim } : undefined,
        from: options.from,
        bounces: options.bounces,
        date: options.date,
        resendUncertain: options.resendUncertain,
        dryRun: options.dryRun,
        mergeSyntax: mergeSyntaxFromEnv(),
        acquireLock: (key, file) => acquirePublishLock(file, `dispatch of ${key.replace(':', ' ')}`),
        // Counts and member numbers only: member data never goes to the log.
        log: (line) => display.log(line),
        onProgress,
      })
      const r = report
      console.log(
        `dispatch ${r.dispatch}${r.dry_run ? ' (dry run)' : ''}: read ${r.read} = not_in_segment ${r.not_in_segment} + opted_out ${r.opted_out} + emailed ${r.emailed} + printed ${r.printed} + rejected ${r.rejected} + uncertain ${r.uncertain}` +
          (r.failed ? `; ${r.failed} failed (run again)` : '') +
          `; this run: ${r.this_run.emailed} e-mailed, ${r.this_run.printed} printed; see ${options.out}/report.json`,
      )
      if (r.uncertain_members.length) {
        console.error(
          `dispatch: ${r.uncertain_members.length} uncertain (the message may or may not have arrived; resend with --resend-uncertain): ${r.uncertain_members.join(', ')}`,
        )
      }
      if (r.failed_members.length)
        console.error(
          `dispatch: ${r.failed_members.length} failed (temporary SMTP errors; the next run retries): ${r.failed_members.join(', ')}`,
        )
      if (!r.balanced) process.exitCode = 1
    })

  dispatch
    .command('purge')
    .description('Remove ledger rows not updated for longer than the given age (e.g. 180d).')
    .requiredOption('--older-than <age>', 'age in days, e.g. 180d')
    .action(async (options: { olderThan: string }) => {
      const match = /^(\d+)d$/.exec(options.olderThan.trim())
      if (!match) throw new Error(`--older-than "${options.olderThan}": give days, e.g. 180d`)
      const { purgeLedger, ledgerFile } = await import('../../channels/dispatch/ledger.ts')
      const { dataDir } = await import('../../cms/lib/paths.ts')
      const removed = purgeLedger(ledgerFile(dataDir()), Number(match[1]))
      console.log(`dispatch purge: removed ${removed} ledger row(s) older than ${match[1]} days`)
    })
}
