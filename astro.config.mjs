// The public site (sources in site/). It reads only the snapshot named by BUDSTIKKE_SNAPSHOT (default:
// the built-in sample, samples/snapshot/) and writes to BUDSTIKKE_SITE_OUT (default: dist/site).
// `budstikke publish` builds it programmatically through channels/site/build-site.ts.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'astro/config'
import sitemap from '@astrojs/sitemap'
import { withAlternates } from './site/build/sitemap-alternates.ts'
import { setting } from './channels/shared/config.ts'
import { NOT_IN_SITEMAP, planSitemapOptions, renderPlan } from './channels/site/render-plan.ts'
import { validatedSnapshot } from './site/src/lib/snapshot-loader.ts'
import { SAMPLE_SNAPSHOT_FILE } from './channels/snapshot/sample-snapshot.ts'

const root = path.dirname(fileURLToPath(import.meta.url))
const snapshotFile = path.resolve(setting('BUDSTIKKE_SNAPSHOT') ?? SAMPLE_SNAPSHOT_FILE)
process.env.BUDSTIKKE_SNAPSHOT = snapshotFile
const outDir = path.resolve(setting('BUDSTIKKE_SITE_OUT') ?? path.join(root, 'dist/site'))
process.env.BUDSTIKKE_SITE_OUT = outDir
// Astro empties the folder it writes to; the publish step has it write elsewhere and moves the result in.
const astroOutDir = path.resolve(setting('BUDSTIKKE_ASTRO_OUT') ?? outDir)
const workDir = path.resolve(setting('BUDSTIKKE_SITE_WORK') ?? path.join(root, '.tmp/site/work'))

// The canonical base URL is the organisation's, from the same snapshot: read and validated here once for
// the whole build (the content sync and the pages take the same parsed snapshot, snapshot-loader.ts).
const siteUrl = (await validatedSnapshot()).organisation.siteUrl

// A publish names the pages to render and gives the whole site's sitemap (channels/site/render-plan.ts):
// an incremental run renders a few pages, and its sitemap must still list every page.
const plan = renderPlan()
const sitemapOptions = plan
  ? planSitemapOptions(plan)
  : {
      filter: (page) => !NOT_IN_SITEMAP.test(page),
      // hreflang pairs as each page's head declares them (translated slugs differ per locale).
      serialize: (item) => withAlternates(item, astroOutDir),
    }

export default defineConfig({
  root,
  srcDir: './site/src',
  publicDir: './site/public',
  outDir: astroOutDir,
  // Per-build scratch folders, so two builds (tests, bench) never share Astro's cache or server bundle.
  cacheDir: path.join(workDir, 'cache'),
  site: siteUrl,
  trailingSlash: 'ignore',
  build: { format: 'directory', server: path.join(workDir, 'server'), client: astroOutDir },
  // No client JavaScript is needed apart from the search page's Pagefind UI.
  prefetch: false,
  devToolbar: { enabled: false },
  integrations: [sitemap(sitemapOptions)],
})
