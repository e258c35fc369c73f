import type { Command } from 'commander'
import { QUIET_HELP } from '../shared/progress-display.ts'

export function register(program: Command): void {
  program
    .command('import')
    .description(
      'Upsert articles, benefits, campaigns, editions, letters, topics, segments and the Organisation from a JSON file (see docs/import-format.md).',
    )
    .argument('<file>', 'JSON file in the import format; image paths are relative to it')
    .option(
      '--media-root <dir>',
      'folder where <img src> paths in bodies are also looked up (matched by path, also for web addresses)',
    )
    .option('--quiet', QUIET_HELP, false)
    .action(async (file: string, options: { mediaRoot?: string; quiet: boolean }) => {
      const { openPayload, closePayload } = await import('../../cms/payload-client.ts')
      const { importFile } = await import('../../cms/import/import-content.ts')
      const { commandProgress } = await import('../shared/progress-display.ts')
      const display = commandProgress('import', { quiet: options.quiet })
      const payload = await openPayload()
      try {
        const report = await importFile(payload, file, {
          mediaRoot: options.mediaRoot,
          onProgress: (done, total) => display.progress('items', done, total),
        })
        display.finish('items')
        for (const problem of report.rejected) console.error(`${file}: ${problem.path}: ${problem.message}`)
        for (const warning of report.warnings)
          console.error(`${file}: warning: ${warning.path}: ${warning.message}`)
        console.log(
          `import: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`,
        )
        if (report.rejected.length > 0) process.exitCode = 1
      } finally {
        await closePayload()
      }
    })
}
