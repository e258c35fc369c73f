import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { EXPORT_REPORT, type ExportReport } from './preview-manifest.ts'

/** What the export met, written beside a preview snapshot by whoever exported it (the CLI or the admin). */
export async function readExportReport(snapshotFile: string): Promise<Partial<ExportReport>> {
  return JSON.parse(
    await readFile(path.join(path.dirname(snapshotFile), EXPORT_REPORT), 'utf8').catch(() => '{}'),
  ) as Partial<ExportReport>
}
