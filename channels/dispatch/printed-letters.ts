/**
 * What the print bucket gets, as a Letter the letters channel renders like any other:
 * - an edition: a printed edition in the letter layout: greeting, intro, then per item its title,
 *   summary and address as a short URL with a QR code (paper has no links);
 * - a campaign: its published letter when one belongs to the campaign, else its letter text.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import QRCode from 'qrcode'
import sharp from 'sharp'
import type { LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import {
  DEFAULT_LOCALE,
  type Block,
  type Campaign,
  type Inline,
  type Letter,
  type Locale,
  type Media,
  type Newsletter,
  type Snapshot,
} from '../snapshot/schema.ts'
import { loadStrings } from '../newsletter/strings.ts'
import { absoluteSiteUrl, sitePagePath } from '../newsletter/site-urls.ts'
import type { DispatchTarget } from './dispatch-target.ts'

export interface PrintedLetters {
  /** The snapshot with the letters added (media paths of the QR codes are absolute). */
  loaded: LoadedSnapshot
  /** The letter's key, for the print run's `letter` option. */
  letter: string
  dispose(): Promise<void>
}

const text = (value: string): Inline => ({ type: 'text', text: value })
const paragraph = (children: Inline[]): Block => ({ type: 'paragraph', children })

function paragraphsOf(value: string): Block[] {
  return value
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => paragraph([text(p.replace(/\s+/g, ' '))]))
}

/** The address as people type it: no scheme, no trailing slash. */
export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '')
}

/**
 * A QR code on a 3.2:1 white canvas: the letter renderer fits images into 80 × 50 mm, so this shape
 * prints the code 25 mm square at the column's left edge instead of 50 mm.
 */
async function qrImage(url: string, dir: string, id: string): Promise<Media> {
  const code = await QRCode.toBuffer(url, { type: 'png', margin: 1, width: 300, errorCorrectionLevel: 'M' })
  const file = path.join(dir, `${id}.png`)
  const png = await sharp({ create: { width: 960, height: 300, channels: 3, background: '#ffffff' } })
    .composite([{ input: code, left: 0, top: 0 }])
    .png()
    .toBuffer()
  await writeFile(file, png)
  return {
    id,
    alt: `QR: ${shortUrl(url)}`,
    file,
    url: file,
    width: 960,
    height: 300,
    mimeType: 'image/png',
    filesize: png.length,
    sizes: {},
  }
}

type ItemDoc = {
  title: string
  summary: string
  slug: string
  locale: Locale
  collection: 'articles' | 'benefits' | 'campaigns'
}

function itemDoc(snapshot: Snapshot, item: Newsletter['items'][number], locale: Locale): ItemDoc | null {
  if (!item.key) return null
  const pick = <T extends { key: string; locale: Locale }>(docs: T[]) =>
    docs.find((d) => d.key === item.key && d.locale === locale) ??
    docs.find((d) => d.key === item.key && d.locale === DEFAULT_LOCALE)
  if (item.kind === 'article') {
    const doc = pick(snapshot.articles)
    return doc
      ? { title: doc.title, summary: doc.summary, slug: doc.slug, locale: doc.locale, collection: 'articles' }
      : null
  }
  if (item.kind === 'benefit') {
    const doc = pick(snapshot.benefits)
    return doc
      ? {
          title: doc.name,
          summary: [doc.offer, doc.summary].filter(Boolean).join('. '),
          slug: doc.slug,
          locale: doc.locale,
          collection: 'benefits',
        }
      : null
  }
  const doc = pick(snapshot.campaigns)
  return doc && !doc.ended
    ? {
        title: doc.title,
        summary: doc.letterText || doc.summary,
        slug: doc.slug,
        locale: doc.locale,
        collection: 'campaigns',
      }
    : null
}

function baseLetter(
  source: {
    id: string
    key: string
    slug: string
    locale: Locale
    translations: Letter['translations']
    publishedAt: string
    updatedAt: string
  },
  key: string,
  subject: string,
  body: Block[],
  snapshot: Snapshot,
): Letter {
  return {
    id: `dispatch-${source.id}`,
    key,
    slug: key,
    locale: source.locale,
    fallbackFields: [],
    translations: {},
    publishedAt: source.publishedAt,
    updatedAt: source.updatedAt,
    subject,
    body,
    signature: { name: snapshot.organisation.name, title: '', image: null },
    campaign: null,
  }
}

async function editionLetters(
  snapshot: Snapshot,
  target: DispatchTarget,
  key: string,
  dir: string,
): Promise<Letter[]> {
  const letters: Letter[] = []
  let qr = 0
  for (const [locale, edition] of target.editions) {
    const strings = loadStrings(locale)
    const body: Block[] = [
      paragraph([text(`${strings.greeting} `), { type: 'mergeField', field: 'first_name' }, text(',')]),
      ...edition.intro,
    ]
    for (const item of edition.items) {
      const doc = itemDoc(snapshot, item, locale)
      if (!doc) continue
      const url = absoluteSiteUrl(snapshot.organisation, sitePagePath(doc.collection, doc.locale, doc.slug))
      body.push({ type: 'heading', level: 3, children: [text(doc.title)] })
      if (doc.summary.trim()) body.push(...paragraphsOf(doc.summary))
      body.push(paragraph([text(`${strings.readMore}: ${shortUrl(url)}`)]))
      body.push({ type: 'image', image: await qrImage(url, dir, `qr-${qr++}`) })
    }
    letters.push(baseLetter(edition, key, edition.subject, body, snapshot))
  }
  return letters
}

function campaignLetters(snapshot: Snapshot, campaign: Campaign, key: string): Letter[] {
  const own = snapshot.letters.filter((l) => l.campaign === campaign.key)
  if (own.length) {
    const ownKey = own[0].key
    return snapshot.letters.filter((l) => l.key === ownKey).map((l) => ({ ...l, key, slug: key }))
  }
  return snapshot.campaigns
    .filter((c) => c.key === campaign.key)
    .map((c) => {
      const strings = loadStrings(c.locale)
      const body = [
        paragraph([text(`${strings.greeting} `), { type: 'mergeField', field: 'first_name' }, text(',')]),
        ...paragraphsOf(c.letterText || c.summary),
      ]
      return baseLetter(c, key, c.title, body, snapshot)
    })
}

export async function printedLetters(
  loaded: LoadedSnapshot,
  target: DispatchTarget,
): Promise<PrintedLetters> {
  const key = `dispatch-${target.kind}-${target.key}`
  const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-dispatch-qr-'))
  const dispose = () => rm(dir, { recursive: true, force: true })
  try {
    const letters =
      target.kind === 'edition'
        ? await editionLetters(loaded.snapshot, target, key, dir)
        : campaignLetters(loaded.snapshot, target.campaign!, key)
    return {
      loaded: {
        dir: loaded.dir,
        snapshot: { ...loaded.snapshot, letters: [...loaded.snapshot.letters, ...letters] },
      },
      letter: key,
      dispose,
    }
  } catch (error) {
    await dispose()
    throw error
  }
}
