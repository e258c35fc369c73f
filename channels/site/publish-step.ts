import path from 'node:path'
import type { PublishStep } from '../types.ts'
import { buildSite } from './build-site.ts'

/** The public site and its feeds, into `<out>/site/`; after the cards (order 10), whose og.png the pages point at. */
export const publishStep: PublishStep = {
  name: 'site',
  order: 30,
  async run(context) {
    const started = Date.now()
    const result = await buildSite({
      loaded: context.loaded,
      snapshotFile: path.join(context.loaded.dir, 'snapshot.json'),
      siteDir: path.join(context.outDir, 'site'),
      workDir: path.join(context.outDir, '.site-work'),
      log: context.log,
    })
    return { channel: 'site', rendered: result.pages, reused: 0, warnings: result.warnings, seconds: (Date.now() - started) / 1000 }
  },
}
