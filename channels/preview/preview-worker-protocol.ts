/**
 * The messages between the admin and its preview worker (preview-worker.ts), over the child's IPC
 * channel. Plain types only: the admin server imports this without loading any renderer.
 */
import type { Locale } from '../snapshot/schema.ts'
import type { PreviewCollection } from './render-preview.ts'

export interface PreviewJob {
  kind: 'preview'
  id: number
  collection: PreviewCollection
  /** The document's Payload id. */
  document: string
  locale: Locale
  /** The preview snapshot the admin exported (its export report beside it). */
  snapshotFile: string
  /** The preview folder: the worker writes the channels and `preview.json` into it. */
  outDir: string
}

/**
 * Sent once when the admin starts: render a throwaway preview of a small snapshot, so Astro's page
 * bundle (for the Organisation's site URL) and the other renderers are loaded before the first real
 * preview (preview-warm-up.ts).
 */
export interface PreviewWarmUp {
  kind: 'warm-up'
  id: number
  /** Any valid snapshot: only its site URL is replaced (the bundle depends on the site's sources and URL). */
  snapshotFile: string
  siteUrl: string
  /** Scratch folder, removed when done. */
  outDir: string
}

export type PreviewWorkerMessage = PreviewJob | PreviewWarmUp

/**
 * The worker's answers: `shown` when a preview's `preview.json` is first written (the admin shows it;
 * the cards are drawn after, render-preview.ts `onShown`), then ok or the message naming what failed.
 */
export type PreviewJobResult =
  | { id: number; shown: true }
  | { id: number; ok: true; seconds: number }
  | { id: number; ok: false; message: string }
