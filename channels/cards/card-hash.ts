/**
 * What a card's reuse depends on, for the shared output cache (channels/shared/output-cache.ts):
 * - the channel's source hash: the layout code and package versions (`CARD_SOURCES`), the font and the
 *   brand (Organisation name, colours, logo bytes, site host). A change there redraws every card.
 * - per card folder, a hash of the card's data as the snapshot gives it (view, photo and logo records)
 *   and, apart, of its post texts: an edited post is rewritten without redrawing the PNGs.
 * Both per-card hashes come from the snapshot alone, so a publish compares 10,000 cards without reading
 * a photo or touching a file. A photo is known by its snapshot record (file name, size, dimensions):
 * export names each upload's file, and a replaced upload gets a new name or size; `--full` redraws all.
 */
import { channelSourceHash, hashValue, type ManifestKind, type SourceSet } from '../shared/output-cache.ts'
import type { Media } from '../snapshot/schema.ts'
import type { CardBrand } from '../../templates/cards/view.ts'
import type { ChannelWarning } from '../types.ts'
import type { CardJob } from './card-jobs.ts'

/** Bump the version when the meaning of a hash changes. */
export const CARD_MANIFEST: ManifestKind = { channel: 'cards', version: 3 }

/**
 * The code that decides how a card looks: the layouts in templates/cards/, the renderer and the drawing
 * (pixel arithmetic, PNG settings, what is drawn when a photo fails), and the exact satori and sharp
 * versions. Editing a layout or upgrading either package therefore redraws every card; editing the CLI
 * does not.
 */
export const CARD_SOURCES: SourceSet = {
  paths: [
    'templates/cards',
    'channels/cards/render-card.ts',
    'channels/cards/draw-card.ts',
    'channels/cards/emoji.ts',
  ],
  packages: ['satori', 'sharp', '@twemoji/svg'],
}

/** A card folder's manifest entry. */
export interface CardEntry {
  /** Hash of what the PNGs show (`cardHash`). */
  hash: string
  /** Hash of the post texts (`postsHash`). */
  posts: string
  /** Warnings met when the card was drawn (a photo that could not be read…), reported again on reuse. */
  warnings?: ChannelWarning[]
}

/** Everything every card shares: code, font and brand (the logo travels in it as a data URI). */
export function cardsSourceHash(fontHash: string, brand: CardBrand): Promise<string> {
  return channelSourceHash(CARD_SOURCES, { fontHash, brand })
}

/** What one card's PNGs show: its view and the records of the photo and logo drawn into it. */
export function cardHash(job: CardJob): string {
  return hashValue({ view: job.view, hero: mediaIdentity(job.hero), logo: mediaIdentity(job.partnerLogo) })
}

/** A card's post texts (`post.txt` and a campaign's own posts). */
export function postsHash(job: CardJob): string {
  return hashValue({ post: job.post, platformPosts: job.platformPosts })
}

function mediaIdentity(media: Media | null) {
  return media && { file: media.file, filesize: media.filesize, width: media.width, height: media.height }
}
