/** Cards in `budstikke publish`: before the site (order 10), because the site's og:image points at them. */
import path from 'node:path'
import type { PublishStep } from '../types.ts'
import { buildCards } from './build-cards.ts'

/**
 * Publish builds into a fresh `<out>.staging-<pid>` folder and swaps it in at the end
 * (scripts/publish/publish.ts), so the previous output, whose cards can be reused, is at the path
 * without that suffix.
 */
export function finalOutDir(stagingDir: string): string {
  return stagingDir.replace(/\.staging-\d+$/, '')
}

export const publishStep: PublishStep = {
  name: 'cards',
  order: 10,
  async run(context) {
    const previous = finalOutDir(context.outDir)
    const { timings: _timings, ...result } = await buildCards({
      loaded: context.loaded,
      outDir: context.outDir,
      full: context.full,
      previousOutDir: previous !== context.outDir ? previous : undefined,
      siteDir: path.join(context.outDir, 'site'),
      log: context.log,
    })
    return result
  },
}
