import type { Command } from 'commander'
import { LOCALES, type Locale } from '../../channels/snapshot/schema.ts'
import { QUIET_HELP } from '../shared/progress-display.ts'

interface Options {
  uploads?: string
  locale: string
  dryRun: boolean
  quiet: boolean
}

export function register(program: Command): void {
  program
    .command('import-wordpress')
    .description(
      'Import a WordPress export (WXR 1.0–1.2): posts → articles, pages → pages, categories and tags → topics, through the same import path as `import` (see docs/wordpress-import.md).',
    )
    .argument('<export>', "the export file from WordPress's Tools → Export")
    .option(
      '--uploads <dir>',
      'a copy of wp-content/uploads: pictures are matched by the path after /uploads/',
    )
    .option('--locale <locale>', `the locale the content is written in (${LOCALES.join(', ')})`, 'da')
    .option('--dry-run', 'read and convert everything, report, write nothing', false)
    .option('--quiet', QUIET_HELP, false)
    .action(async (file: string, options: Options) => {
      if (!(LOCALES as readonly string[]).includes(options.locale)) {
        console.error(`budstikke: --locale ${options.locale}: unknown locale (use ${LOCALES.join(', ')})`)
        process.exitCode = 1
        return
      }
      const { importWordPress } = await import('../../cms/import/wordpress/import-wordpress.ts')
      const { commandProgress } = await import('../shared/progress-display.ts')
      const display = commandProgress('import-wordpress', { quiet: options.quiet })
      const payloadClient = options.dryRun ? null : await import('../../cms/payload-client.ts')
      const payload = payloadClient ? await payloadClient.openPayload() : null
      try {
        const report = await importWordPress(payload, file, {
          uploadsDir: options.uploads,
          locale: options.locale as Locale,
          dryRun: options.dryRun,
          onProgress: (done, total) => display.progress('items', done, total),
        })
        display.finish('items')
        for (const problem of report.rejected) console.error(`${file}: ${problem.path}: ${problem.message}`)
        for (const warning of report.warnings)
          console.error(`${file}: warning: ${warning.path}: ${warning.message}`)
        const skipped = Object.entries(report.skippedBy)
          .map(([reason, count]) => `${count} ${reason}`)
          .join(', ')
        const imported = options.dryRun
          ? `${report.wouldImport} to import (dry run: nothing written)`
          : `${report.created + report.updated + report.unchanged} imported (${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged)`
        console.log(
          `import-wordpress: ${report.read} read: ${imported}, ${report.skipped} skipped${skipped ? ` (${skipped})` : ''}, ${report.rejectedItems} rejected; topics: ${report.topics.created} created, ${report.topics.updated} updated, ${report.topics.unchanged} unchanged`,
        )
        if (report.rejected.length > 0) process.exitCode = 1
      } finally {
        await payloadClient?.closePayload()
      }
    })
}
