/**
 * The admin's start warms the preview worker (issue 15): without it, the first preview after a start
 * waited for a whole Astro build of the page bundle (26 s on a busy machine). Payload's `onInit` calls
 * this in every process that opens Payload; only the admin server (Next) warms up, never the CLI
 * (seed, publish, import) or a test that opens Payload itself.
 *
 * Lazily and at low priority: a few seconds after Payload is up, so the admin's first page goes out
 * first, and the worker runs its warm-up niced (preview-worker-client.ts). A failure is one log line;
 * the first preview then builds the bundle itself, as without the warm-up.
 */
import path from 'node:path'
import type { Payload } from 'payload'
import { setting } from '../../channels/shared/config.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

/** How long after Payload's start the warm-up begins. */
const WARM_UP_DELAY_MS = 3_000
const WARM_UP_TIMEOUT_MS = 5 * 60_000

/**
 * Whether this process is the admin server (Next's CLI sets NEXT_RUNTIME for `next dev` and `next start`)
 * and warming up is not switched off (BUDSTIKKE_PREVIEW_WARM_UP=0).
 */
function isAdminServer(): boolean {
  return (
    process.env.NEXT_RUNTIME === 'nodejs' && !setting('BUDSTIKKE_CLI') && setting('BUDSTIKKE_PREVIEW_WARM_UP')
  )
}

export function warmPreviewsAtBoot(payload: Payload): void {
  if (!isAdminServer()) return
  setTimeout(() => {
    warmPreviews(payload).catch((error: unknown) =>
      payload.logger.warn(
        `preview warm-up failed (${String((error as Error).message ?? error).split('\n')[0]}); the first preview loads the renderers instead`,
      ),
    )
  }, WARM_UP_DELAY_MS).unref()
}

/** Renders a throwaway preview in the worker; resolves when the worker is warm (the benchmark waits for it). */
export async function warmPreviews(payload: Payload): Promise<number> {
  const started = performance.now()
  const { organisationSiteUrl } = await import('../export/organisation.ts')
  const { previewRoot } = await import('./preview-store.ts')
  const { warmUpWorker } = await import('./preview-worker-client.ts')
  const organisation = (await payload.findGlobal({
    slug: 'organisation',
    depth: 0,
    overrideAccess: true,
  })) as {
    siteUrl?: unknown
  }
  await warmUpWorker(
    {
      // The built-in sample (the site's own default, astro.config.mjs): a handful of documents.
      snapshotFile: SAMPLE_SNAPSHOT_FILE,
      siteUrl: organisationSiteUrl(organisation.siteUrl),
      // A ".partial-" name: left behind by a killed admin, the store's pruning removes it.
      outDir: path.join(previewRoot(), `warm-up.partial-${process.pid}-${Date.now()}`),
    },
    WARM_UP_TIMEOUT_MS,
  )
  const seconds = (performance.now() - started) / 1000
  payload.logger.info(`preview: renderers warmed up in ${seconds.toFixed(1)} s`)
  return seconds
}
