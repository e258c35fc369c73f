import path from 'node:path'
import type { Command } from 'commander'

export function register(program: Command): void {
  program
    .command('site')
    .description('Build only the public site and its RSS feeds from a snapshot file (publish does this into <out>/site/), or preview a built site.')
    .option('--snapshot <file>', 'snapshot file to build from (`budstikke publish` writes it)', 'dist/snapshot/snapshot.json')
    .option('--out <dir>', 'folder the site is written into', 'dist/site')
    .option('--date <iso>', 'judge expired benefits and ended campaigns against this date instead of now')
    .option('--no-search', 'skip the Pagefind search index')
    .option('--preview', 'serve the folder with `astro preview` instead of building (http://localhost:4321/)', false)
    .action(async (options: { snapshot: string; out: string; date?: string; search: boolean; preview: boolean }) => {
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
      const buildDate = options.date ? new Date(options.date) : undefined
      if (buildDate && Number.isNaN(buildDate.getTime())) throw new Error(`--date ${options.date}: not a date`)
      const result = await buildSite({
        loaded: await readSnapshot(path.resolve(options.snapshot)),
        snapshotFile: path.resolve(options.snapshot),
        siteDir,
        buildDate,
        search: options.search,
        log: (line) => console.log(line),
      })
      for (const warning of result.warnings) console.warn(`warning: ${warning.document}${warning.field ? ` ${warning.field}` : ''}: ${warning.message}`)
      console.log(`site: ${result.pages} pages and ${result.feeds} feeds in ${options.out}/`)
    })
}
