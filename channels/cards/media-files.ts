/**
 * Reads the snapshot's media files the cards use (hero photos, logos), once per file: a missing or
 * unreadable file becomes a warning on each document that uses it, and the card is made without it.
 * Only a file's hash and size are kept, not its bytes: 10,000 articles with their own photos would
 * otherwise hold every photo in memory. The drawing reads a photo again when it needs its pixels.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import sharp from 'sharp'
import { mediaPath, type LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import type { Media } from '../snapshot/schema.ts'
import type { ChannelWarning } from '../types.ts'

export interface MediaFile {
  /** Absolute path of the file. */
  path: string
  /** Content hash: part of a card's cache key, so a replaced photo redraws the card. */
  hash: string
  width: number
  height: number
  mimeType: string
}

export class MediaFiles {
  private readonly files = new Map<string, Promise<MediaFile | Error>>()
  private readonly dataUris = new Map<string, Promise<string>>()

  constructor(
    private readonly loaded: LoadedSnapshot,
    private readonly warnings: ChannelWarning[],
  ) {}

  /** The file, or null after adding a warning that names the document and field. */
  async read(media: Media, document: string, field: string): Promise<MediaFile | null> {
    const file = mediaPath(this.loaded, media)
    let pending = this.files.get(file)
    if (!pending) {
      pending = load(file, media.mimeType)
      this.files.set(file, pending)
    }
    const result = await pending
    if (result instanceof Error) {
      this.warnings.push({
        document,
        field,
        message: `${media.file}: ${result.message}; card made without it`,
      })
      return null
    }
    return result
  }

  /** A `data:` URI of a (small) image a layout embeds, such as a logo; kept, since logos repeat on many cards. */
  dataUri(file: MediaFile): Promise<string> {
    let uri = this.dataUris.get(file.path)
    if (!uri) {
      uri = readFile(file.path).then((data) => `data:${file.mimeType};base64,${data.toString('base64')}`)
      this.dataUris.set(file.path, uri)
    }
    return uri
  }
}

async function load(file: string, mimeType: string): Promise<MediaFile | Error> {
  try {
    const data = await readFile(file)
    // Decoding the header proves the file is an image sharp and satori can read, not a truncated download.
    const meta = await sharp(data).metadata()
    if (!meta.width || !meta.height) return new Error('image has no size')
    return {
      path: file,
      hash: createHash('sha256').update(data).digest('hex'),
      width: meta.width,
      height: meta.height,
      mimeType,
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return new Error(code === 'ENOENT' ? 'file not found' : `cannot read image (${(error as Error).message})`)
  }
}
