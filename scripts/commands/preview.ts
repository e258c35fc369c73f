import { existsSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import type { PreviewCollection } from '../../cms/preview/preview-paths.ts'

interface PreviewOptions {
  collection: string
  id: string
  locale?: string
  out: string
  snapshot?: string
  date?: string
}

export function register(program: Command): void {
  // The admin's preview renderer, kept running between previews (channels/preview/preview-worker.ts).
  program
    .command('preview-worker', { hidden: true })
    .description(
      'Render previews sent by the admin over IPC, keeping the renderers warm (started by the admin).',
    )
    .action(async () => {
      const { servePreviews } = await import('../../channels/preview/preview-worker.ts')
      await servePreviews((line) => console.error(line))
    })

  program
    .command('preview')
    .description(
      "Render one document's latest draft as the channels would show it (web page, e-mail, PDF letter to a made-up recipient, social cards) into a preview folder, never into a publish output. The admin's Preview tab runs this.",
    )
    .requiredOption('--collection <name>', 'articles, benefits, campaigns, pages, newsletters or letters')
    .requiredOption('--id <id>', 'the document (Payload id; with --snapshot also its key)')
    .option('--locale <locale>', 'locale to show (default da; falls back to da when the draft lacks it)')
    .option('--out <dir>', 'preview folder (its earlier preview files are replaced)', '.tmp/preview/cli')
    .option('--snapshot <file>', 'render from this snapshot file instead of exporting the draft from the CMS')
    .option('--date <iso-date>', 'treat this moment as now (site build date, letter date)')
    .action(async (options: PreviewOptions) => {
      const { PREVIEW_COLLECTIONS } = await import('../../cms/preview/preview-paths.ts')
      const { localeSchema } = await import('../../channels/snapshot/schema.ts')
      const collection = options.collection as PreviewCollection
      if (!PREVIEW_COLLECTIONS.includes(collection))
        throw new Error(`--collection ${options.collection}: not one of ${PREVIEW_COLLECTIONS.join(', ')}`)
      const locale = options.locale === undefined ? undefined : localeSchema.safeParse(options.locale)
      if (locale && !locale.success)
        throw new Error(`--locale "${options.locale}" is not one of da, sv, nb, en`)
      const now = options.date ? new Date(options.date) : new Date()
      if (Number.isNaN(now.getTime())) throw new Error(`--date ${options.date}: not a date`)
      const outDir = path.resolve(options.out)
      const dist = path.resolve('dist')
      if (
        outDir === dist ||
        outDir.startsWith(dist + path.sep) ||
        existsSync(path.join(outDir, 'publish-report.json'))
      ) {
        throw new Error(
          `--out ${options.out}: that is a publish output; previews go elsewhere (e.g. .tmp/preview/)`,
        )
      }
      // Only this command's own outputs are replaced: a mistyped --out must never wipe someone's folder,
      // and a snapshot given with --snapshot may lie inside --out (the admin exports it there).
      const { PREVIEW_OUTPUTS } = await import('../../channels/preview/preview-manifest.ts')
      await mkdir(outDir, { recursive: true })
      for (const name of PREVIEW_OUTPUTS)
        if (name !== 'snapshot' || !options.snapshot)
          await rm(path.join(outDir, name), { recursive: true, force: true })

      try {
        const { readSnapshot } = await import('../../channels/snapshot/read-snapshot.ts')
        const { renderPreview } = await import('../../channels/preview/render-preview.ts')
        const snapshotFile = options.snapshot
          ? path.resolve(options.snapshot)
          : path.join(outDir, 'snapshot', 'snapshot.json')
        if (!options.snapshot) await exportDraft(collection, options.id, snapshotFile, now)
        const { readExportReport } = await import('../../channels/preview/export-report.ts')
        const exported = await readExportReport(snapshotFile)
        const loaded = await readSnapshot(snapshotFile)
        const manifest = await renderPreview({
          loaded,
          snapshotFile,
          collection,
          document: options.id,
          locale: locale?.data,
          outDir,
          exportWarnings: exported.warnings ?? [],
          exportSeconds: exported.seconds,
          now,
          log: (line) => console.error(line),
        })
        const summary = Object.entries(manifest.channels).map(
          ([name, channel]) => `${name} ${channel.status}`,
        )
        console.log(
          `preview: ${manifest.document.label} → ${outDir} (${summary.join(', ')}; ${manifest.seconds.total.toFixed(1)} s)`,
        )
      } catch (error) {
        const { PREVIEW_ERROR_FILE } = await import('../../channels/preview/preview-manifest.ts')
        await writeFile(path.join(outDir, PREVIEW_ERROR_FILE), `${(error as Error).message}\n`)
        throw error
      }
    })
}

async function exportDraft(
  collection: PreviewCollection,
  id: string,
  file: string,
  now: Date,
): Promise<void> {
  const { writePreviewSnapshot } = await import('../../cms/export/export-snapshot.ts')
  const { openPayload, closePayload } = await import('../../cms/payload-client.ts')
  const payload = await openPayload()
  try {
    await writePreviewSnapshot(payload, file, { collection, id }, now)
  } finally {
    await closePayload()
  }
}
