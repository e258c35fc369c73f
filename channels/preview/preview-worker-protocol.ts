/**
 * The messages between the admin and its preview worker (preview-worker.ts), over the child's IPC
 * channel. Plain types only: the admin server imports this without loading any renderer.
 */
import type { CollectionName } from '../snapshot/collections.ts'
import type { Locale } from '../snapshot/schema.ts'

export interface PreviewJob {
  id: number
  collection: CollectionName
  /** The document's Payload id. */
  document: string
  locale: Locale
  /** The preview snapshot the admin exported (its export report beside it). */
  snapshotFile: string
  /** The preview folder: the worker writes the channels and `preview.json` into it. */
  outDir: string
}

export type PreviewJobResult =
  { id: number; ok: true; seconds: number } | { id: number; ok: false; message: string }
