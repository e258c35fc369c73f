import type { Command } from 'commander'
import { QUIET_HELP } from '../shared/progress-display.ts'
import { setting } from '../../channels/shared/config.ts'

interface NewsletterCommandOptions {
  edition?: string
  out: string
  snapshot: string
  mergeSyntax: string
  utm?: string
  minify: boolean
  quiet: boolean
}

export function register(program: Command): void {
  program
    .command('newsletter')
    .description('Render newsletter editions (HTML, plain text, meta.json) into <out>/newsletters/.')
    .option('--edition <slug>', 'render only this edition (its key or slug in any locale)')
    .option('--out <dir>', 'output folder', 'dist')
    .option(
      '--snapshot <file>',
      'snapshot to render (written by `budstikke publish`)',
      'dist/snapshot/snapshot.json',
    )
    .option(
      '--merge-syntax <syntax>',
      'merge tags for the mail service: mailchimp, listmonk or plain',
      setting('BUDSTIKKE_MERGE_SYNTAX'),
    )
    .option(
      '--utm <params>',
      'add UTM parameters to links on the site, e.g. "source=newsletter&medium=email" (campaign defaults to the edition)',
    )
    .option('--no-minify', 'keep the HTML readable (larger)')
    .option('--quiet', QUIET_HELP, false)
    .action(async (options: NewsletterCommandOptions) => {
      const { readSnapshot } = await import('../../channels/snapshot/read-snapshot.ts')
      const { renderNewsletters } = await import('../../channels/newsletter/render-newsletters.ts')
      const { writeNewsletters } = await import('../../channels/newsletter/write-newsletters.ts')
      const { mergeSyntaxFromEnv } = await import('../../channels/newsletter/publish-step.ts')
      const { parseUtm } = await import('../../channels/newsletter/site-urls.ts')
      const { existsSync } = await import('node:fs')
      if (!existsSync(options.snapshot)) {
        throw new Error(
          `${options.snapshot}: no snapshot; run \`budstikke publish\` first or pass --snapshot <file>`,
        )
      }
      const { commandProgress } = await import('../shared/progress-display.ts')
      const loaded = await readSnapshot(options.snapshot)
      const display = commandProgress('newsletter', { quiet: options.quiet })
      const settings = {
        mergeSyntax: mergeSyntaxFromEnv(options.mergeSyntax, '--merge-syntax'),
        edition: options.edition,
        utm: options.utm === undefined ? undefined : parseUtm(options.utm),
        minify: options.minify,
      }
      const render = await renderNewsletters(loaded, settings, (done, total) =>
        display.progress('editions', done, total),
      ).finally(() => display.finish('editions'))
      const root = await writeNewsletters(render, options.out)
      for (const warning of render.warnings)
        console.warn(`warning: ${warning.document} ${warning.field ?? ''}: ${warning.message}`)
      for (const edition of render.editions)
        console.log(`${root}/${edition.folder}/index.html  ${(edition.meta.bytes.html / 1024).toFixed(1)} KB`)
      console.log(
        `${render.editions.length} edition(s), ${render.warnings.length} warning(s); preview: ${root}/index.html`,
      )
    })
}
