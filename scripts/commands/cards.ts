import type { Command } from 'commander'
import { QUIET_HELP } from '../shared/progress-display.ts'

export function register(program: Command): void {
  program
    .command('cards')
    .description('Render social-media cards (og, square, story PNGs and post.txt) into <out>/social/.')
    .option('--out <dir>', 'output folder', 'dist')
    .option('--snapshot <file>', 'snapshot file to read', 'dist/snapshot/snapshot.json')
    .option('--full', 'ignore the cache and draw every card', false)
    .option('--quiet', QUIET_HELP, false)
    .action(async (options: { out: string; snapshot: string; full: boolean; quiet: boolean }) => {
      const { readSnapshot } = await import('../../channels/snapshot/read-snapshot.ts')
      const { buildCards } = await import('../../channels/cards/build-cards.ts')
      const { commandProgress } = await import('../shared/progress-display.ts')
      const loaded = await readSnapshot(options.snapshot)
      const display = commandProgress('cards', { quiet: options.quiet, logTo: process.stdout })
      const result = await buildCards({
        loaded,
        outDir: options.out,
        full: options.full,
        log: (line) => display.log(line),
        progress: (done, total) => display.progress('cards', done, total),
      }).finally(() => display.finish('cards'))
      for (const warning of result.warnings)
        console.warn(
          `warning: ${warning.document}${warning.field ? ` ${warning.field}` : ''}: ${warning.message}`,
        )
      console.log(`cards: ${result.rendered} rendered, ${result.reused} reused → ${options.out}/social/`)
    })
}
