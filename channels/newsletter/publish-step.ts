/** The newsletter channel's part of `budstikke publish`: every published edition into `<out>/newsletters/`. */
import type { PublishStep } from '../types.ts'
import { mergeSyntaxNames, type MergeSyntaxName } from './merge-syntax.ts'

/** `publish` has no newsletter options; the mail service's syntax comes from the environment. */
export function mergeSyntaxFromEnv(value = process.env.BUDSTIKKE_MERGE_SYNTAX, setting = 'BUDSTIKKE_MERGE_SYNTAX'): MergeSyntaxName {
  if (!value) return 'mailchimp'
  if (!(mergeSyntaxNames as readonly string[]).includes(value)) {
    throw new Error(`${setting}=${value}: unknown merge syntax (known: ${mergeSyntaxNames.join(', ')})`)
  }
  return value as MergeSyntaxName
}

export const publishStep: PublishStep = {
  name: 'newsletters',
  order: 20,
  async run(context) {
    const started = performance.now()
    const { renderNewsletters } = await import('./render-newsletters.ts')
    const { writeNewsletters } = await import('./write-newsletters.ts')
    const render = await renderNewsletters(context.loaded, { mergeSyntax: mergeSyntaxFromEnv() })
    await writeNewsletters(render, context.outDir)
    for (const warning of render.warnings) context.log(`newsletters: ${warning.document} ${warning.field ?? ''}: ${warning.message}`)
    return { channel: 'newsletters', rendered: render.editions.length, reused: 0, warnings: render.warnings, seconds: (performance.now() - started) / 1000 }
  },
}
