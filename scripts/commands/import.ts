import type { Command } from 'commander'

export function register(program: Command): void {
  program
    .command('import')
    .description('Upsert articles, benefits, campaigns, editions, letters, topics, segments and the Organisation from a JSON file (see docs/import-format.md).')
    .argument('<file>', 'JSON file in the import format; image paths are relative to it')
    .option('--media-root <dir>', 'folder where <img src> paths in bodies are also looked up (matched by path, also for web addresses)')
    .action(async (file: string, options: { mediaRoot?: string }) => {
      const { openPayload, closePayload } = await import('../../cms/payload-client.ts')
      const { importFile } = await import('../../cms/import/import-content.ts')
      const payload = await openPayload()
      try {
        const report = await importFile(payload, file, { mediaRoot: options.mediaRoot })
        for (const problem of report.rejected) console.error(`${file}: ${problem.path}: ${problem.message}`)
        for (const warning of report.warnings) console.error(`${file}: warning: ${warning.path}: ${warning.message}`)
        console.log(`import: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`)
        if (report.rejected.length > 0) process.exitCode = 1
      } finally {
        await closePayload()
      }
    })
}
