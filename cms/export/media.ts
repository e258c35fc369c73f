/**
 * Media: an upload as the snapshot describes it (the original and each size Payload made), and the
 * files to copy beside the snapshot (`media/`), collected while the documents are mapped.
 */
import { copyFile, mkdir } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Media, MediaSize } from '../../channels/snapshot/schema.ts'
import { mediaDir } from '../lib/paths.ts'

interface MediaFileInfo {
  filename: string
  mimeType: string
  width: number
  height: number
  filesize: number
}

type Warn = (document: string, field: string, message: string) => void

export class MediaCollector {
  /** File name → its path in the CMS's media folder. */
  private readonly files = new Map<string, string>()
  /** While one document is mapped for the export cache: each file name looked at, and whether it was there. */
  private recording: Map<string, boolean> | null = null

  constructor(private readonly warn: Warn) {}

  /** Snapshot media for a populated upload, or null (with a warning naming `document` and `field`). */
  media(value: unknown, document: string, field: string): Media | null {
    if (value === null || value === undefined || value === '') return null
    const doc = value as Partial<MediaFileInfo> & {
      id?: string | number
      alt?: string
      sizes?: Record<string, Partial<MediaFileInfo>>
    }
    if (typeof value !== 'object' || !doc.filename) {
      this.warn(document, field, 'points at a media file that no longer exists; left out')
      return null
    }
    const original = this.file(doc as MediaFileInfo)
    if (!original) {
      this.warn(document, field, `media file ${doc.filename} is missing on disk or is not an image; left out`)
      return null
    }
    const sizes: Record<string, MediaSize> = {}
    for (const [name, size] of Object.entries(doc.sizes ?? {})) {
      const file = size?.filename ? this.file(size as MediaFileInfo) : null
      if (file) sizes[name] = file
    }
    return { ...original, id: String(doc.id), alt: doc.alt?.trim() || doc.filename, sizes }
  }

  private file(info: MediaFileInfo): MediaSize | null {
    const source = path.join(mediaDir(), info.filename)
    const exists = existsSync(source)
    this.recording?.set(info.filename, exists)
    if (!exists || !info.width || !info.height || !info.mimeType?.startsWith('image/')) return null
    this.files.set(info.filename, source)
    return {
      file: `media/${info.filename}`,
      url: `/media/${encodeURIComponent(info.filename)}`,
      width: info.width,
      height: info.height,
      mimeType: info.mimeType,
      filesize: info.filesize ?? 0,
    }
  }

  /**
   * Runs `map` and returns what it gave plus each media file name it looked at (true: on disk), so an
   * entry reused from the export cache can be checked against the disk and its files copied again.
   */
  recordFiles<T>(map: () => T): { result: T; files: Record<string, boolean> } {
    this.recording = new Map()
    try {
      const result = map()
      return { result, files: Object.fromEntries(this.recording) }
    } finally {
      this.recording = null
    }
  }

  /** A reused entry's files: still as they were (each there or missing as before)? If so, they are copied. */
  reuseFiles(files: Record<string, boolean>): boolean {
    const sources = Object.keys(files).map((name) => [name, path.join(mediaDir(), name)] as const)
    if (sources.some(([name, source]) => existsSync(source) !== files[name])) return false
    for (const [name, source] of sources) if (files[name]) this.files.set(name, source)
    return true
  }

  /** Copies every file the snapshot names into `<dir>/media/`. */
  async copyTo(dir: string): Promise<void> {
    await mkdir(path.join(dir, 'media'), { recursive: true })
    await Promise.all(
      [...this.files].map(([name, source]) => copyFile(source, path.join(dir, 'media', name))),
    )
  }
}
