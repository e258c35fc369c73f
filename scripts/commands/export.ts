import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import { QUIET_HELP } from '../shared/progress-display.ts'

export function register(program: Command): void {
  program
    .command('export')
    .description(
      'Write the published snapshot (every collection, every locale, validated) to a JSON file; media are copied into media/ beside it.',
    )
    .requiredOption('--out <file>', 'snapshot file to write, e.g. dist/snapshot/snapshot.json')
    .option('--now <iso-date>', 'treat this moment as now (due dates, expired benefits, ended campaigns)')
    .option('--quiet', QUIET_HELP, false)
    .action(async (options: { out: string; now?: string; quiet: boolean }) => {
      const now = options.now ? new Date(options.now) : undefined
      if (now && Number.isNaN(now.getTime())) throw new Error(`--now ${options.now}: not a date`)
      await mkdir(path.dirname(path.resolve(options.out)), { recursive: true })
      const { exportSnapshotToFile } = await import('../../cms/export/export-snapshot.ts')
      const { commandProgress } = await import('../shared/progress-display.ts')
      const display = commandProgress('export', { quiet: options.quiet })
      const { snapshot } = await exportSnapshotToFile(options.out, now, (done, total) =>
        display.progress('documents', done, total),
      ).finally(() => display.finish('documents'))
      const counts = (['articles', 'benefits', 'campaigns', 'newsletters', 'letters'] as const).map(
        (c) => `${snapshot[c].length} ${c}`,
      )
      console.log(`export: ${options.out}: ${counts.join(', ')} (entries per locale)`)
    })
}
