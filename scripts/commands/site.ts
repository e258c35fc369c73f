import path from 'node:path'
import type { Command } from 'commander'
import { QUIET_HELP } from '../shared/progress-display.ts'

export function register(program: Command): void {
  program
    .command('site')
    .description(
      'Build only the public site and its RSS feeds from a snapshot file (publish does this into <out>/site/), or preview a built site.',
    )
    .option(
      '--snapshot <file>',
      'snapshot file to build from (`budstikke publish` writes it)',
      'dist/snapshot/snapshot.json',
    )
    .option('--out <dir>', 'folder the site is written into', 'dist/site')
    .option('--date <iso>', 'judge expired benefits and ended campaigns against this date instead of now')
    .option('--no-search', 'skip the Pagefind search index')
    .option(
      '--preview',
      'serve the folder with `astro preview` instead of building (http://localhost:4321/)',
      false,
    )
    .option('--quiet', QUIET_HELP, false)
    .action(
      async (options: {
        snapshot: string
        out: string
        date?: string
        search: boolean
        preview: boolean
        quiet: boolean
      }) => {
        const siteDir = path.resolve(options.out)
        if (options.preview) {
          process.env.BUDSTIKKE_SITE_OUT = siteDir
          process.env.BUDSTIKKE_SNAPSHOT = path.resolve(options.snapshot)
          const { preview } = await import('astro')
          const { projectRoot } = await import('../../channels/site/build-site.ts')
          const server = await preview({ root: projectRoot })
          console.log(`site: serving ${siteDir} on http://localhost:${server.port}/ (Ctrl-C stops)`)
          await server.closed()
          return
        }
        const { readSnapshot } = await import('../../channels/snapshot/read-snapshot.ts')
        const { buildSite } = await import('../../channels/site/build-site.ts')
        const { buildSiteModel } = await import('../../channels/site/site-model.ts')
        const { mediaPath } = await import('../../channels/snapshot/read-snapshot.ts')
        const { existsSync } = await import('node:fs')
        const { commandProgress } = await import('../shared/progress-display.ts')
        const buildDate = options.date ? new Date(options.date) : new Date()
        if (Number.isNaN(buildDate.getTime())) throw new Error(`--date ${options.date}: not a date`)
        const loaded = await readSnapshot(path.resolve(options.snapshot))
        // The model made here (as the publish step does) gives the page count for the progress display.
        const model = buildSiteModel(loaded.snapshot, {
          buildDate,
          mediaExists: (media) => existsSync(mediaPath(loaded, media)),
        })
        const pages = model.pages.length + 1 // and the 404 page
        const display = commandProgress('site', { quiet: options.quiet, logTo: process.stdout })
        display.progress('pages', 0, pages)
        const result = await buildSite({
          loaded,
          snapshotFile: path.resolve(options.snapshot),
          siteDir,
          buildDate,
          model,
          search: options.search,
          onPage: (written) => display.progress('pages', Math.min(written, pages), pages),
          log: (line) => display.log(line),
        }).finally(() => display.finish('pages'))
        for (const warning of result.warnings)
          console.warn(
            `warning: ${warning.document}${warning.field ? ` ${warning.field}` : ''}: ${warning.message}`,
          )
        console.log(`site: ${result.pages} pages and ${result.feeds} feeds in ${options.out}/`)
      },
    )
}
