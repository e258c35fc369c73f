/**
 * The preview channel: one document of a (small) preview snapshot, rendered by the same code that
 * publishes: the site (Astro) for its web page, the newsletter renderer for its e-mail (an article,
 * benefit or campaign goes into a one-item sample edition), the print run for a letter (addressed to
 * a made-up sample recipient) and the card renderer for its social cards. Writes into `outDir` only,
 * never into a publish output, and ends with `preview.json` (see preview-manifest.ts).
 *
 * Each channel is rendered on its own: one that fails is reported (naming the document) while the
 * others still show. The web page comes from a warm site renderer (channels/site/warm-site-renderer.ts):
 * the caller keeps one between previews, so only the first pays for Astro's build.
 */
import { existsSync } from 'node:fs'
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  PAGE_COLLECTION,
  PAGES,
  PRIMARY_FIELD,
  type CollectionName,
  type PageCollection,
  type PrimaryField,
} from '../snapshot/collections.ts'
import type { LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import {
  DEFAULT_LOCALE,
  newsletterSchema,
  type Article,
  type Benefit,
  type Campaign,
  type Letter,
  type Locale,
  type Newsletter,
  type Page,
  type Snapshot,
} from '../snapshot/schema.ts'
import { documentLabel, type ChannelWarning } from '../types.ts'
import { documentPath, pagePath } from '../site/routes.ts'
import {
  createWarmSiteRenderer,
  type RenderSiteResult,
  type WarmSiteRenderer,
} from '../site/warm-site-renderer.ts'
import { CARD_FORMATS } from '../../templates/cards/formats.ts'
import {
  PREVIEW_MANIFEST,
  type CardImage,
  type ChannelPreview,
  type PreviewManifest,
} from './preview-manifest.ts'
import { SAMPLE_EMAIL_VALUES, sampleRecipientCsv } from './sample-recipient.ts'

/** Every published collection has drafts, so each can be previewed, and so can the site's pages. */
export type PreviewCollection = CollectionName | typeof PAGES

export interface RenderPreviewOptions {
  /** The preview snapshot, read from `snapshotFile` (the site build reads the file itself). */
  loaded: LoadedSnapshot
  snapshotFile: string
  collection: PreviewCollection
  /** The document's Payload id, or its key (default-locale slug). */
  document: string
  locale?: Locale
  outDir: string
  /** Warnings from the export, carried into the manifest. */
  exportWarnings?: ChannelWarning[]
  exportSeconds?: number
  /** Site build date and the date printed on the letter (tests pin it). */
  now?: Date
  log?: (line: string) => void
  /**
   * The site renderer to use, kept warm between previews by the caller (the admin's preview worker);
   * without one, the site's page bundle is built for this preview alone.
   */
  siteRenderer?: WarmSiteRenderer
  /**
   * Given (the admin), the preview is written in two steps: first what the Preview tab opens on (the
   * document's own page, the e-mail, the letter, the cards' places and post text) and `preview.json`
   * with `complete: false`, then this is called; then the cards are drawn and the rest of the small
   * site copy rendered, and `preview.json` is written again. Without it, everything is written at once.
   */
  onShown?: (manifest: PreviewManifest) => void | Promise<void>
}

type PreviewDoc = Article | Benefit | Campaign | Newsletter | Letter | Page

const NOT_APPLICABLE = {
  webNewsletter: 'An edition is sent by e-mail; it has no page of its own on the site.',
  webLetter: 'A letter is printed and posted; it has no page on the site.',
  emailLetter: 'A letter is printed and posted, not e-mailed.',
  pdf: 'Only letters are printed. To send this to members on paper, write a Letter (a campaign\u2019s letter links to the campaign) and preview it there.',
  cards: 'Social cards are made for articles, benefits and campaigns.',
  sitePage: 'A page is only on the site: newsletters, letters and social cards do not carry it.',
} as const

/** Which reason (an admin text the preview page shows in the editor's language: `previewPage.reason.<key>`). */
export type NotApplicableReason = keyof typeof NOT_APPLICABLE

function notApplicable(reasonKey: NotApplicableReason): {
  status: 'not-applicable'
  reason: string
  reasonKey: NotApplicableReason
} {
  return { status: 'not-applicable', reason: NOT_APPLICABLE[reasonKey], reasonKey }
}

export function previewTitle(collection: PreviewCollection, doc: PreviewDoc): string {
  return String((doc as unknown as Record<PrimaryField, unknown>)[PRIMARY_FIELD[collection]])
}

export async function renderPreview(options: RenderPreviewOptions): Promise<PreviewManifest> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  const now = options.now ?? new Date()
  const { snapshot } = options.loaded
  const { collection } = options
  const outDir = path.resolve(options.outDir)
  await mkdir(outDir, { recursive: true })

  const versions = (snapshot[collection] as PreviewDoc[]).filter(
    (doc) => doc.id === options.document || doc.key === options.document,
  )
  if (versions.length === 0)
    throw new Error(
      `${collection}/${options.document}: not in the preview snapshot (no title in any locale?)`,
    )
  const requested = options.locale ?? DEFAULT_LOCALE
  const doc =
    versions.find((v) => v.locale === requested) ??
    versions.find((v) => v.locale === DEFAULT_LOCALE) ??
    versions[0]
  const label = documentLabel(collection, doc)
  const warnings: ChannelWarning[] = [...(options.exportWarnings ?? [])]
  if (doc.locale !== requested)
    warnings.push({
      document: label,
      message: `has no ${requested} text of its own; previewed in ${doc.locale}`,
    })

  const timed = async <T extends object>(
    name: string,
    run: () => Promise<ChannelPreview<T>>,
  ): Promise<ChannelPreview<T>> => {
    const channelStarted = performance.now()
    try {
      const result = await run()
      log(
        `preview: ${name} ${result.status} in ${((performance.now() - channelStarted) / 1000).toFixed(1)} s`,
      )
      return result
    } catch (error) {
      const message = (error as Error).message
      log(`preview: ${name} failed: ${message.split('\n')[0]}`)
      // Renderer messages usually name the document already; make sure every one does.
      return {
        status: 'failed',
        message: message.includes(`${collection}/`) ? message : `${label}: ${message}`,
        seconds: seconds(channelStarted),
      }
    }
  }

  const context: ChannelContext = { ...options, outDir, doc, label, warnings, now, log }
  // Drawing the cards is most of a warm preview's work (satori and sharp, ~3/4 of it): with `onShown`
  // it comes after the preview is shown, with the site copy's other pages (tests/preview/render-preview.test.ts).
  const later = options.onShown !== undefined
  // Started together: while one waits for the disk (or sharp's threads draw a card), another runs.
  const [web, email, pdf, cards] = await Promise.all([
    timed('web page', () => previewWeb(context, later ? 'own' : 'all')),
    timed('e-mail', () => previewEmail(context)),
    timed('PDF letter', () => previewPdf(context)),
    timed('cards', () => (later ? planCards(context) : previewCards(context))),
  ])

  const manifest: PreviewManifest = {
    document: {
      collection,
      id: doc.id,
      key: doc.key,
      slug: doc.slug,
      locale: doc.locale,
      requestedLocale: requested,
      locales: versions.map((v) => v.locale),
      title: previewTitle(collection, doc),
      label,
      updatedAt: doc.updatedAt,
    },
    renderedAt: new Date().toISOString(),
    channels: { web, email, pdf, cards },
    warnings: [...warnings],
    ...(later ? { complete: false } : {}),
    seconds: {
      ...(options.exportSeconds !== undefined ? { export: options.exportSeconds } : {}),
      total: seconds(started),
    },
  }
  await writeManifest(outDir, manifest)
  if (!options.onShown) return manifest
  await options.onShown(manifest)

  const shown = manifest.seconds.total
  const [drawn] = await Promise.all([
    cards.status === 'ok' ? timed('cards', () => previewCards(context)) : cards,
    web.status === 'ok'
      ? previewWeb(context, 'rest').catch((error: unknown) =>
          warnings.push({
            document: label,
            message: `the site copy's other pages: ${(error as Error).message}`,
          }),
        )
      : undefined,
  ])
  const complete: PreviewManifest = {
    ...manifest,
    channels: { ...manifest.channels, cards: drawn },
    warnings,
    complete: true,
    seconds: { ...manifest.seconds, shown, total: seconds(started) },
  }
  await writeManifest(outDir, complete)
  return complete
}

/** Written whole under another name, then renamed: the admin may read it while the cards are drawn. */
async function writeManifest(outDir: string, manifest: PreviewManifest): Promise<void> {
  const file = path.join(outDir, PREVIEW_MANIFEST)
  await writeFile(`${file}.writing`, JSON.stringify(manifest, null, 2) + '\n')
  await rename(`${file}.writing`, file)
}

interface ChannelContext extends RenderPreviewOptions {
  outDir: string
  doc: PreviewDoc
  label: string
  warnings: ChannelWarning[]
  now: Date
  log: (line: string) => void
}

function seconds(since: number): number {
  return Math.round(performance.now() - since) / 1000
}

function relative(outDir: string, file: string): string {
  return path.relative(outDir, file).split(path.sep).join('/')
}

// ---------------------------------------------------------------- web page

/**
 * The document's web page in a small copy of the site: `all` its pages at once, or its `own` page first
 * and the `rest` (the pages its links lead to) after the preview is shown.
 */
async function previewWeb(
  context: ChannelContext,
  part: 'all' | 'own' | 'rest',
): Promise<ChannelPreview<{ path: string; sitePath: string; bundleSeconds: number }>> {
  const { collection, doc, outDir } = context
  if (collection === 'newsletters') return notApplicable('webNewsletter')
  if (collection === 'letters') return notApplicable('webLetter')
  const started = performance.now()
  const siteDir = path.join(outDir, 'web')
  const sitePath =
    collection === PAGES
      ? pagePath(doc.locale, [...(doc as Page).parentSlugs, doc.slug])
      : documentPath(collection, doc.locale, doc.slug)
  // Without a warm renderer from the caller (the CLI), one is made for this preview alone.
  const renderer = context.siteRenderer ?? createWarmSiteRenderer()
  let result: RenderSiteResult
  try {
    result = await renderer.render({
      loaded: context.loaded,
      snapshotFile: path.resolve(context.snapshotFile),
      siteDir,
      buildDate: context.now,
      first: [sitePath],
      ...(part === 'own'
        ? { only: [sitePath] }
        : part === 'rest'
          ? { except: [sitePath], copyMedia: false }
          : {}),
      log: context.log,
    })
  } finally {
    if (!context.siteRenderer) await renderer.close()
  }
  if (part === 'rest')
    return { status: 'ok', path: '', sitePath, bundleSeconds: 0, seconds: seconds(started) }
  const own = result.warnings.filter(
    (w) =>
      w.document.startsWith(`${collection}/${doc.slug} `) ||
      w.document.startsWith(`${collection}/${doc.key} `),
  )
  context.warnings.push(...own)
  const file = path.join(
    siteDir,
    ...sitePath.split('/').filter(Boolean).map(decodeURIComponent),
    'index.html',
  )
  if (!existsSync(file)) {
    const why = own.map((w) => `${w.field ? `${w.field}: ` : ''}${w.message}`).join('; ')
    throw new Error(
      `${context.label}: the site leaves this page out${why ? ` (${why})` : ' (ended, expired or not yet valid on this date?)'}`,
    )
  }
  return {
    status: 'ok',
    path: relative(outDir, file),
    sitePath,
    bundleSeconds: result.seconds.build,
    seconds: seconds(started),
  }
}

// ---------------------------------------------------------------- e-mail

/** An article, benefit or campaign as the only item of an edition: how it looks in a newsletter. */
export function sampleEdition(
  collection: PageCollection,
  doc: Article | Benefit | Campaign,
  now: Date,
): Newsletter {
  const key = `preview-${collection}-${doc.id}`.replace(/[^\p{L}\p{N}._-]/gu, '-')
  const preheader = collection === 'benefits' ? (doc as Benefit).offer || doc.summary : doc.summary
  return newsletterSchema.parse({
    id: `preview-${doc.id}`,
    key,
    slug: key,
    locale: doc.locale,
    fallbackFields: [],
    translations: { [doc.locale]: key },
    publishedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    subject: previewTitle(collection, doc),
    preheader,
    intro: [],
    items: [{ kind: PAGE_COLLECTION[collection].kind, key: doc.key }],
    segment: null,
  })
}

async function previewEmail(context: ChannelContext): Promise<
  ChannelPreview<{
    path: string
    textPath: string
    subject: string
    preheader: string
    sampleEdition: boolean
  }>
> {
  const { collection, doc, outDir } = context
  if (collection === 'letters') return notApplicable('emailLetter')
  if (collection === PAGES) return notApplicable('sitePage')
  const started = performance.now()
  const { renderNewsletters } = await import('../newsletter/render-newsletters.ts')
  const { personaliseHtml } = await import('../newsletter/merge-syntax.ts')
  const { escapeHtml } = await import('../newsletter/escape.ts')
  const { mergeSyntaxFromEnv } = await import('../newsletter/publish-step.ts')

  const sample = collection !== 'newsletters'
  const edition = sample
    ? sampleEdition(collection, doc as Article | Benefit | Campaign, context.now)
    : (doc as Newsletter)
  // Only this edition, in this locale: the rest of the snapshot is there for the items it shows.
  const snapshot: Snapshot = { ...context.loaded.snapshot, newsletters: [edition] }
  const render = await renderNewsletters(
    { ...context.loaded, snapshot },
    { mergeSyntax: mergeSyntaxFromEnv(), edition: edition.key, buildDate: null },
  )
  const rendered = render.editions.find((e) => e.meta.locale === edition.locale)
  if (!rendered) throw new Error(`${context.label}: the newsletter renderer made no ${edition.locale} e-mail`)
  context.warnings.push(
    ...(sample
      ? render.warnings.filter((w) => !w.document.startsWith('newsletters/preview-'))
      : render.warnings),
  )

  const dir = path.join(outDir, 'email')
  await mkdir(dir, { recursive: true })
  // As the sample member would see it: merge fields filled in, images from the CMS's copies (the
  // sent e-mail loads them from the public site, which may not have them yet).
  const siteMedia = `${context.loaded.snapshot.organisation.siteUrl.replace(/\/+$/, '')}/media/`
  const html = personaliseHtml(rendered.compiledHtml, SAMPLE_EMAIL_VALUES, rendered.fallbacks, escapeHtml)
    .split(siteMedia)
    .join('media/')
  const mediaDir = path.join(context.loaded.dir, 'media')
  if (existsSync(mediaDir)) await cp(mediaDir, path.join(dir, 'media'), { recursive: true })
  await writeFile(path.join(dir, 'index.html'), html)
  await writeFile(path.join(dir, 'index.txt'), rendered.text)
  return {
    status: 'ok',
    path: relative(outDir, path.join(dir, 'index.html')),
    textPath: relative(outDir, path.join(dir, 'index.txt')),
    subject: rendered.meta.subject,
    preheader: rendered.meta.preheader,
    sampleEdition: sample,
    seconds: seconds(started),
  }
}

// ---------------------------------------------------------------- PDF letter

async function previewPdf(context: ChannelContext): Promise<ChannelPreview<{ path: string; pages: number }>> {
  const { collection, doc, outDir } = context
  if (collection === PAGES) return notApplicable('sitePage')
  if (collection !== 'letters') return notApplicable('pdf')
  const started = performance.now()
  const { renderPrintRun } = await import('../letters/print-run.ts')
  const dir = path.join(outDir, 'letter')
  await mkdir(dir, { recursive: true })
  const recipients = path.join(dir, 'sample-recipient.csv')
  await writeFile(recipients, sampleRecipientCsv(doc.locale))
  const report = await renderPrintRun(context.loaded, {
    letter: doc.key,
    recipients,
    outDir: dir,
    locale: doc.locale,
    workers: 0,
    date: context.now.toISOString().slice(0, 10),
    log: context.log,
  })
  for (const warning of report.warnings) context.warnings.push({ document: context.label, message: warning })
  if (report.printed !== 1 || !report.files[0]) {
    const rejected = (await readFile(path.join(dir, 'rejected.csv'), 'utf8').catch(() => ''))
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .join('; ')
    throw new Error(`${context.label}: the sample letter was not printed${rejected ? ` (${rejected})` : ''}`)
  }
  return {
    status: 'ok',
    path: relative(outDir, path.join(dir, report.files[0])),
    pages: report.pages,
    seconds: seconds(started),
  }
}

// ---------------------------------------------------------------- social cards

/** Only this document's cards, in the locale shown. */
function ownCardsSnapshot(context: ChannelContext): Snapshot {
  const { collection, doc } = context
  const base = context.loaded.snapshot
  const only = <T extends { id: string; locale: Locale }>(docs: T[], own: boolean) =>
    own ? docs.filter((d) => d.id === doc.id && d.locale === doc.locale) : []
  return {
    ...base,
    articles: only(base.articles, collection === 'articles'),
    benefits: only(base.benefits, collection === 'benefits'),
    campaigns: only(base.campaigns, collection === 'campaigns'),
  }
}

function cardImages(context: ChannelContext): { dir: string; images: CardImage[] } {
  const kind = PAGE_COLLECTION[context.collection as PageCollection].kind
  const dir = path.join(context.outDir, 'cards', 'social', kind, context.doc.slug, context.doc.locale)
  const images: CardImage[] = CARD_FORMATS.map((format) => ({
    format: format.name,
    path: relative(context.outDir, path.join(dir, `${format.name}.png`)),
    width: format.width,
    height: format.height,
  }))
  return { dir, images }
}

/** Where the cards will be and their post text, before they are drawn (the admin serves each image once drawn). */
async function planCards(
  context: ChannelContext,
): Promise<ChannelPreview<{ images: CardImage[]; post: string }>> {
  const { collection } = context
  if (collection === PAGES) return notApplicable('sitePage')
  if (collection === 'newsletters' || collection === 'letters') return notApplicable('cards')
  const started = performance.now()
  const { collectCardJobs } = await import('../cards/card-jobs.ts')
  const [job] = collectCardJobs(ownCardsSnapshot(context), [], null)
  if (!job) throw new Error(`${context.label}: no cards are made for it (not visible on this date?)`)
  return { status: 'ok', images: cardImages(context).images, post: job.post, seconds: seconds(started) }
}

async function previewCards(
  context: ChannelContext,
): Promise<ChannelPreview<{ images: CardImage[]; post: string }>> {
  const { collection, outDir } = context
  if (collection === PAGES) return notApplicable('sitePage')
  if (collection === 'newsletters' || collection === 'letters') return notApplicable('cards')
  const started = performance.now()
  const { buildCards } = await import('../cards/build-cards.ts')
  const result = await buildCards({
    loaded: { ...context.loaded, snapshot: ownCardsSnapshot(context) },
    outDir: path.join(outDir, 'cards'),
    full: true,
    log: context.log,
    buildDate: null,
  })
  context.warnings.push(...result.warnings)
  const { dir, images } = cardImages(context)
  const missing = images.filter((image) => !existsSync(path.join(outDir, image.path)))
  if (missing.length > 0) {
    const why = result.warnings.map((w) => `${w.field ? `${w.field}: ` : ''}${w.message}`).join('; ')
    throw new Error(
      `${context.label}: ${missing.map((m) => m.format).join(', ')} card not made${why ? ` (${why})` : ''}`,
    )
  }
  const post = await readFile(path.join(dir, 'post.txt'), 'utf8').catch(() => '')
  await rm(path.join(outDir, 'cards', 'social', '.cache.json'), { force: true })
  return { status: 'ok', images, post, seconds: seconds(started) }
}
