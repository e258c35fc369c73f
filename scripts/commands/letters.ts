import path from 'node:path'
import type { Command } from 'commander'
import { QUIET_HELP } from '../shared/progress-display.ts'

interface LettersOptions {
  letter: string
  recipients: string
  out: string
  snapshot: string
  locale?: string
  envelope: string
  batchSize?: string
  workers?: string
  bleed?: string
  pdfa: boolean
  date?: string
  quiet: boolean
}

export function register(program: Command): void {
  program
    .command('letters')
    .description(
      'Print run: render a published letter for every row of a member file into print-ready PDF, manifest.csv, rejected.csv and report.json.',
    )
    .requiredOption('--letter <slug>', 'the letter (slug or key) in the snapshot')
    .requiredOption('--recipients <file>', 'member file (CSV: UTF-8 or Windows-1252, comma or semicolon)')
    .requiredOption(
      '--out <dir>',
      "output folder; the new files replace the previous run's as one set once the run is complete",
    )
    .option('--snapshot <file>', 'snapshot written by `budstikke publish`', 'dist/snapshot/snapshot.json')
    .option(
      '--locale <locale>',
      "print every letter in this locale (default: each member's locale when the letter has it)",
    )
    .option('--envelope <preset>', 'window envelope: c5-left (DIN 5008 B), no-c5, no-e65, se-left', 'c5-left')
    .option('--batch-size <n>', 'letters per file (letters-0001.pdf…), rendered on worker threads')
    .option('--workers <n>', 'worker threads for batches (default: one per core; 0 = none)')
    .option('--bleed <mm>', 'bleed in mm, with crop marks and TrimBox/BleedBox')
    .option('--pdfa', 'write PDF/A-2b', false)
    .option('--date <YYYY-MM-DD>', 'letter date; a fixed date gives byte-identical files')
    .option('--quiet', QUIET_HELP, false)
    .action(async (options: LettersOptions) => {
      const { readSnapshot } = await import('../../channels/snapshot/read-snapshot.ts')
      const { renderPrintRun } = await import('../../channels/letters/print-run.ts')
      const { localeSchema } = await import('../../channels/snapshot/schema.ts')
      const number = (value: string | undefined, flag: string) => {
        if (value === undefined) return undefined
        const n = Number(value)
        if (!Number.isFinite(n)) throw new Error(`${flag} "${value}" is not a number`)
        return n
      }
      const locale = options.locale === undefined ? undefined : localeSchema.safeParse(options.locale)
      if (locale && !locale.success)
        throw new Error(`--locale "${options.locale}" is not one of da, sv, nb, en`)
      const { commandProgress } = await import('../shared/progress-display.ts')
      const { countMemberRows } = await import('../../channels/letters/count-member-rows.ts')
      const loaded = await readSnapshot(options.snapshot)
      const display = commandProgress('letters', { quiet: options.quiet })
      // Members done of the file's rows: counted first from a regular file; from a pipe shown without a total.
      const estimate = await countMemberRows(options.recipients)
      const progress = (
        done: number,
        total = estimate === undefined ? undefined : Math.max(estimate, done),
      ) => display.progress('letters', done, total)
      let report
      try {
        progress(0)
        report = await renderPrintRun(loaded, {
          letter: options.letter,
          recipients: options.recipients,
          outDir: options.out,
          locale: locale?.data,
          envelope: options.envelope,
          batchSize: number(options.batchSize, '--batch-size'),
          workers: number(options.workers, '--workers'),
          bleedMm: number(options.bleed, '--bleed'),
          pdfa: options.pdfa,
          date: options.date,
          // Counts only: member data never goes to the log.
          log: (line) => display.log(line),
          onProgress: (done) => progress(done),
        })
        progress(report.read, report.read)
      } finally {
        display.finish('letters')
      }
      console.log(
        `letters: wrote ${report.files.map((f) => path.join(options.out, f)).join(', ') || 'no PDF'} (${report.printed} printed, ${report.rejected} rejected; see report.json)`,
      )
      if (report.printed === 0) process.exitCode = 1
    })
}
