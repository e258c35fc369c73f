/**
 * The newsletter channel's part of `budstikke publish`: every published edition into `<out>/newsletters/`,
 * rendering only the editions whose content changed (see publish-newsletters.ts).
 */
import type { PublishStep } from '../types.ts'
import { parseSetting, setting } from '../shared/config.ts'
import type { MergeSyntaxName } from './merge-syntax.ts'

/** `publish` has no newsletter options; the mail service's syntax comes from the environment. */
export function mergeSyntaxFromEnv(value?: string, label = 'BUDSTIKKE_MERGE_SYNTAX'): MergeSyntaxName {
  return value === undefined
    ? setting('BUDSTIKKE_MERGE_SYNTAX')
    : parseSetting('BUDSTIKKE_MERGE_SYNTAX', value, label)
}

export const publishStep: PublishStep = {
  name: 'newsletters',
  order: 20,
  async run(context) {
    // Loaded on demand: `publish --only cards` need not load the newsletter code.
    const { publishNewsletters } = await import('./publish-newsletters.ts')
    return publishNewsletters(context, { mergeSyntax: mergeSyntaxFromEnv() })
  },
}
