import type { Command } from 'commander'

export function register(program: Command): void {
  program
    .command('cards')
    .description('Render social-media cards (og, square, story PNGs and post.txt) into <out>/social/.')
    .option('--out <dir>', 'output folder', 'dist')
    .option('--snapshot <file>', 'snapshot file to read', 'dist/snapshot/snapshot.json')
    .option('--full', 'ignore the cache and draw every card', false)
    .action(async (options: { out: string; snapshot: string; full: boolean }) => {
      const { readSnapshot } = await import('../../channels/snapshot/read-snapshot.ts')
      const { buildCards } = await import('../../channels/cards/build-cards.ts')
      const loaded = await readSnapshot(options.snapshot)
      const result = await buildCards({ loaded, outDir: options.out, full: options.full, log: (line) => console.log(line) })
      for (const warning of result.warnings) console.warn(`warning: ${warning.document}${warning.field ? ` ${warning.field}` : ''}: ${warning.message}`)
      console.log(`cards: ${result.rendered} rendered, ${result.reused} reused → ${options.out}/social/`)
    })
}
