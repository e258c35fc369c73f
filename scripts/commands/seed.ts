import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Command } from 'commander'
import { QUIET_HELP } from '../shared/progress-display.ts'

export function register(program: Command): void {
  program
    .command('seed')
    .description('Fill the database with made-up demo content for a Danish union, through the import path.')
    .option('--if-empty', 'do nothing when the database already has articles (the main job uses this)', false)
    .option('--quiet', QUIET_HELP, false)
    .action(async (options: { ifEmpty: boolean; quiet: boolean }) => {
      const { openPayload, closePayload } = await import('../../cms/payload-client.ts')
      const { importFile } = await import('../../cms/import/import-content.ts')
      const { writeDemoContent } = await import('../seed/demo-content.ts')
      const payload = await openPayload()
      const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-seed-'))
      try {
        if (
          options.ifEmpty &&
          (await payload.count({ collection: 'articles', overrideAccess: true })).totalDocs > 0
        ) {
          console.log('seed: the database has content already; nothing to do')
          return
        }
        const { commandProgress } = await import('../shared/progress-display.ts')
        const display = commandProgress('seed', { quiet: options.quiet })
        const report = await importFile(payload, await writeDemoContent(dir), {
          onProgress: (done, total) => display.progress('items', done, total),
        })
        display.finish('items')
        for (const problem of report.rejected) console.error(`seed: ${problem.path}: ${problem.message}`)
        console.log(
          `seed: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`,
        )
        if (report.rejected.length > 0) process.exitCode = 1
      } finally {
        await rm(dir, { recursive: true, force: true })
        await closePayload()
      }
    })
}
