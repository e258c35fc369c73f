/** Cards in `budstikke publish`: before the site (order 10), because the site's og:image points at them. */
import path from 'node:path'
import type { PublishStep } from '../types.ts'

export const publishStep: PublishStep = {
  name: 'cards',
  order: 10,
  // The cards, and each og.png inside the site (so `--only cards` redraws those and keeps the rest of the site).
  outputs: ['social', 'site/social'],
  async run(context) {
    // Loaded on demand (satori, sharp, fonts: about 0.5 CPU s): `publish --only newsletters` imports this
    // step for its outputs, to carry the cards over, and need not load the renderer.
    const { buildCards } = await import('./build-cards.ts')
    const {
      timings: _timings,
      workers: _workers,
      ...result
    } = await buildCards({
      loaded: context.loaded,
      outDir: context.outDir,
      full: context.full,
      previousOutDir: context.previousOutDir,
      siteDir: path.join(context.outDir, 'site'),
      log: context.log,
      progress: context.progress,
      buildDate: context.buildDate,
    })
    return result
  },
}
