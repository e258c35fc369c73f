/**
 * The admin's preview renderer: a long-lived child process the admin starts when it starts (or at its
 * first preview) and reuses (cms/preview/preview-worker-client.ts). It keeps what a preview needs loaded between
 * previews: the site's Astro page bundle (channels/site/warm-site-renderer.ts), MJML, pdfkit and its
 * fonts, satori and sharp. So only the first preview pays for loading them (and for Astro's build);
 * each later one renders in well under two seconds.
 *
 * Jobs come over the IPC channel, one at a time; each answers with ok or the message naming what
 * failed. When the admin starts, its first message is a warm-up (preview-warm-up.ts), so even the
 * first preview finds Astro's bundle built. The worker ends when the admin goes (the channel closes).
 */
import { readSnapshot } from '../snapshot/read-snapshot.ts'
import { createWarmSiteRenderer } from '../site/warm-site-renderer.ts'
import { readExportReport } from './export-report.ts'
import type { PreviewJob, PreviewJobResult, PreviewWorkerMessage } from './preview-worker-protocol.ts'
import { warmUpPreviews } from './preview-warm-up.ts'
import { renderPreview } from './render-preview.ts'

export async function servePreviews(log: (line: string) => void): Promise<void> {
  if (!process.send) throw new Error('preview-worker: must be started by the admin (no IPC channel)')
  const send = (message: PreviewJobResult) => process.send?.(message)
  const siteRenderer = createWarmSiteRenderer()
  // Loaded while the admin exports the first draft (render-preview.ts imports them when first used).
  const preload = Promise.all([
    import('../newsletter/render-newsletters.ts'),
    import('../letters/print-run.ts'),
    import('../cards/build-cards.ts'),
  ]).catch(() => undefined)
  let queue: Promise<unknown> = preload
  /** Previews shown whose cards are still being drawn. */
  const finishing = new Set<Promise<unknown>>()

  process.on('message', (message: PreviewWorkerMessage) => {
    // The next job starts once this one is shown: a new draft does not wait for the last one's cards.
    queue = queue.then(
      () =>
        new Promise<void>((next) => {
          const started = performance.now()
          const work = (
            message.kind === 'warm-up'
              ? warmUpPreviews({ ...message, siteRenderer, log })
              : render(message, next)
          ).then(
            () => send({ id: message.id, ok: true, seconds: (performance.now() - started) / 1000 }),
            (error: unknown) => send({ id: message.id, ok: false, message: (error as Error).message }),
          )
          finishing.add(work)
          void work.finally(() => {
            finishing.delete(work)
            next()
          })
        }),
    )
  })

  async function render(job: PreviewJob, shown: () => void): Promise<void> {
    const exported = await readExportReport(job.snapshotFile)
    await renderPreview({
      loaded: await readSnapshot(job.snapshotFile),
      snapshotFile: job.snapshotFile,
      collection: job.collection,
      document: job.document,
      locale: job.locale,
      outDir: job.outDir,
      exportWarnings: exported.warnings ?? [],
      exportSeconds: exported.seconds,
      siteRenderer,
      log,
      onShown: () => {
        send({ id: job.id, shown: true })
        shown()
      },
    })
  }
  await new Promise<void>((resolve) => process.once('disconnect', resolve))
  await queue
  await Promise.all(finishing)
  await siteRenderer.close()
}
