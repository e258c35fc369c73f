import path from 'node:path'
import type { Command } from 'commander'
import { QUIET_HELP } from '../shared/progress-display.ts'

export function register(program: Command): void {
  program
    .command('publish')
    .description(
      'The main job: export the published snapshot and render every channel into the output folder.',
    )
    .option('--out <dir>', 'output folder', 'dist')
    .option('--snapshot <file>', 'publish an existing snapshot file instead of exporting from the CMS')
    .option('--only <channels>', 'comma-separated channels to render (e.g. site,newsletters,cards)')
    .option('--full', 'ignore caches and re-render everything', false)
    .option('--quiet', QUIET_HELP, false)
    .action(
      async (options: { out: string; snapshot?: string; only?: string; full: boolean; quiet: boolean }) => {
        const { publishSnapshot } = await import('../publish/publish.ts')
        const { commandProgress } = await import('../shared/progress-display.ts')
        const { discoverPublishSteps } = await import('../publish/discover-steps.ts')
        // Progress on stderr; the channels' result lines stay on stdout, where scripts (and tests) read them.
        const display = commandProgress('publish', { quiet: options.quiet, logTo: process.stdout })
        const only = options.only
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
        const { checkOutputFolder } = await import('../publish/output-folder.ts')
        // A mistyped --only or an --out that publish must not replace is refused before the export, not after it.
        await discoverPublishSteps(only)
        await checkOutputFolder(options.out)
        let snapshotFile = options.snapshot
        let exportedJson: string | undefined
        if (!snapshotFile) {
          const { exportSnapshotToFile } = await import('../../cms/export/export-snapshot.ts')
          const { withPath } = await import('../../channels/shared/file-system-errors.ts')
          snapshotFile = path.resolve('.tmp/publish-export/snapshot.json')
          exportedJson = await exportSnapshotToFile(
            snapshotFile,
            undefined,
            (done, total) => display.progress('export', done, total),
            // --full ignores the export cache too (and writes it anew).
            { full: options.full },
          )
            .then((result) => result.json)
            .catch((error: unknown) => Promise.reject(withPath(error, path.dirname(snapshotFile!))))
            .finally(() => display.finish('export'))
        }
        const report = await publishSnapshot({
          snapshotFile,
          exportedJson,
          outDir: options.out,
          only,
          full: options.full,
          log: (line) => display.log(line),
          display,
          // The previous output is deleted by a detached child: the command ends when the new one is in place.
          removePrevious: 'background',
        })
        console.log(`published into ${options.out}/ in ${report.seconds.toFixed(1)} s`)
      },
    )
}
