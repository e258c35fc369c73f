/**
 * The newsletter channel: snapshot → one HTML e-mail, its plain-text twin and a meta.json per
 * published edition and locale. A pure function of (snapshot, options); writing files is
 * `writeNewsletters`' job. Both `budstikke newsletter` and `budstikke publish` call this.
 */
import type { LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import type { BuildDate } from '../snapshot/visibility.ts'
import type { Locale, Newsletter, TermRef } from '../snapshot/schema.ts'
import { documentLabel, type ChannelWarning } from '../types.ts'
import { escapeHtml, encodeUrlForOutput, neutralisePlainText } from './escape.ts'
import {
  applyMergeSyntax,
  describeMergeFields,
  mergeFieldsIn,
  mergeSyntaxes,
  sentinel,
  type Fallbacks,
  type MergeFieldUse,
  type MergeSyntaxName,
} from './merge-syntax.ts'
import { compileMjml, defaultTemplatesDir, loadTemplates, type TemplateSet } from './mjml-template.ts'
import { loadStrings } from './strings.ts'
import { resolveItems } from './resolve-items.ts'
import { editionLinks } from './edition-links.ts'
import { editionMjml } from './edition-mjml.ts'
import { editionText } from './edition-text.ts'
import { documentUrl, settleEditionLinks, type EditionContext } from './render-context.ts'
import { unlinkedMessage } from '../snapshot/links.ts'
import type { UtmParameters } from './site-urls.ts'

/** Gmail clips messages whose HTML is larger than this. */
export const GMAIL_CLIP_BYTES = 102 * 1024
/** Mail clients show roughly the first 40–90 characters of a subject. */
export const LONG_SUBJECT_CHARACTERS = 100

export interface NewsletterOptions {
  mergeSyntax: MergeSyntaxName
  /** Render only this edition (its key or any of its slugs). */
  edition?: string
  utm?: UtmParameters
  /** Minify the HTML (smaller, further from Gmail's clipping limit). Default true. */
  minify?: boolean
  templatesDir?: string
  sizeLimitBytes?: number
  /** The date item visibility and campaign ends are judged against (default: BUDSTIKKE_BUILD_DATE, else now). */
  buildDate?: BuildDate
}

export interface EditionMeta {
  edition: string
  slug: string
  locale: Locale
  subject: string
  preheader: string
  segment: TermRef | null
  mergeSyntax: MergeSyntaxName
  mergeFields: MergeFieldUse[]
  unsubscribeUrlPattern: string
  preferencesUrlPattern: string
  headers: { 'List-Unsubscribe': string; 'List-Unsubscribe-Post': string }
  bytes: { html: number; text: number }
  sizeLimitBytes: number
  items: Array<{ index: number; kind: string; key: string; title: string; url: string }>
  warnings: ChannelWarning[]
}

export interface RenderedEdition {
  /** Output folder relative to `<out>/newsletters/`: `<edition key>/<locale>`. */
  folder: string
  html: string
  text: string
  meta: EditionMeta
  /** The compiled HTML with merge-field sentinels, for personalised copies (`personaliseHtml`). */
  compiledHtml: string
  fallbacks: Fallbacks
}

export interface NewsletterRender {
  editions: RenderedEdition[]
  warnings: ChannelWarning[]
}

function selectEditions(newsletters: Newsletter[], wanted: string | undefined): Newsletter[] {
  if (!wanted) return newsletters
  // An edition is asked for by any of its slugs and rendered in every locale it has.
  const keys = new Set(
    newsletters
      .filter((n) => n.key === wanted || n.slug === wanted || Object.values(n.translations).includes(wanted))
      .map((n) => n.key),
  )
  const selected = newsletters.filter((n) => keys.has(n.key))
  if (selected.length === 0) {
    const known = [...new Set(newsletters.map((n) => n.key))].sort().join(', ') || 'none'
    throw new Error(`--edition ${wanted}: no published edition with that slug (published: ${known})`)
  }
  return selected
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** The settings every edition of one run shares. */
interface RunSettings {
  mergeSyntax: MergeSyntaxName
  templates: TemplateSet
  sizeLimit: number
  minify: boolean
  utm?: UtmParameters
  buildDate?: BuildDate
}

function runSettings(options: NewsletterOptions): RunSettings {
  if (!(options.mergeSyntax in mergeSyntaxes))
    throw new Error(
      `merge syntax "${options.mergeSyntax}" is unknown (known: ${Object.keys(mergeSyntaxes).join(', ')})`,
    )
  const templatesDir = options.templatesDir ?? defaultTemplatesDir
  return {
    mergeSyntax: options.mergeSyntax,
    templates: loadTemplates(templatesDir),
    sizeLimit: options.sizeLimitBytes ?? GMAIL_CLIP_BYTES,
    minify: options.minify ?? true,
    utm: options.utm,
    buildDate: options.buildDate,
  }
}

/** Output folder of an edition relative to `<out>/newsletters/`; refuses a key that could leave that folder. */
export function editionFolder(edition: Pick<Newsletter, 'key' | 'locale'>): string {
  const label = documentLabel('newsletters', { slug: edition.key, locale: edition.locale })
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(edition.key))
    throw new Error(`${label}: key "${edition.key}" cannot be used as a folder name`)
  return `${edition.key}/${edition.locale}`
}

/** `onProgress`: editions (one per locale) rendered of those selected. */
export async function renderNewsletters(
  loaded: LoadedSnapshot,
  options: NewsletterOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<NewsletterRender> {
  const settings = runSettings(options)
  const editions: RenderedEdition[] = []
  const allWarnings: ChannelWarning[] = []
  const selected = selectEditions(loaded.snapshot.newsletters, options.edition)
  onProgress?.(0, selected.length)
  for (const edition of selected) {
    const rendered = await renderOne(loaded, edition, settings)
    editions.push(rendered)
    allWarnings.push(...rendered.meta.warnings)
    onProgress?.(editions.length, selected.length)
  }
  return { editions, warnings: allWarnings }
}

/** One edition in one locale (the publish step renders only the editions whose content hash changed). */
export async function renderEdition(
  loaded: LoadedSnapshot,
  edition: Newsletter,
  options: NewsletterOptions,
): Promise<RenderedEdition> {
  return renderOne(loaded, edition, runSettings(options))
}

async function renderOne(
  loaded: LoadedSnapshot,
  exported: Newsletter,
  settings: RunSettings,
): Promise<RenderedEdition> {
  const { snapshot } = loaded
  const { edition, unlinked } = settleEditionLinks(snapshot, exported, settings.buildDate)
  const { templates, sizeLimit } = settings
  const label = documentLabel('newsletters', { slug: edition.key, locale: edition.locale })
  const folder = editionFolder(edition)
  const warnings: ChannelWarning[] = []
  const context: EditionContext = {
    snapshot,
    edition,
    locale: edition.locale,
    strings: loadStrings(edition.locale),
    templates,
    utm: settings.utm,
    buildDate: settings.buildDate,
    warn: (field, message) => warnings.push({ document: label, field, message }),
  }
  for (const { target } of unlinked) context.warn('intro', unlinkedMessage(target))
  if (edition.subject.length > LONG_SUBJECT_CHARACTERS) {
    context.warn(
      'subject',
      `is ${edition.subject.length} characters; mail clients show about the first 60, so members will see it cut off`,
    )
  }
  const items = resolveItems(context)
  for (const item of items) {
    if (item.kind === 'article' && !item.doc.hero)
      context.warn(
        `items[${item.index}]`,
        `article "${item.doc.key}" has no hero image; its teaser is shown without one`,
      )
    if (item.kind === 'benefit' && !item.doc.partner)
      context.warn(
        `items[${item.index}]`,
        `benefit "${item.doc.key}" has no partner; "${context.strings.partnerFallback}" is shown instead`,
      )
  }
  if (items.length === 0) context.warn('items', 'no item could be shown; the edition has only its intro')

  const links = editionLinks(context)
  const compiledHtml = await compileMjml(editionMjml(context, items, links), {
    minify: settings.minify,
    label,
  })
  const compiledText = editionText(context, items, links)
  const fallbacks: Fallbacks = { first_name: context.strings.firstNameFallback }
  const html = applyMergeSyntax(compiledHtml, settings.mergeSyntax, fallbacks, escapeHtml)
  const text = applyMergeSyntax(compiledText, settings.mergeSyntax, fallbacks, (s) => s)

  const htmlBytes = byteLength(html)
  if (htmlBytes > sizeLimit) {
    context.warn(
      'html',
      `is ${(htmlBytes / 1024).toFixed(1)} KB, over the ${(sizeLimit / 1024).toFixed(0)} KB at which Gmail clips a message; remove items or shorten texts`,
    )
  }
  const fillPattern = (pattern: string) =>
    applyMergeSyntax(
      pattern.split('{member_id}').map(encodeUrlForOutput).join(sentinel('member_id')),
      settings.mergeSyntax,
      fallbacks,
      (s) => s,
    )
  const unsubscribeUrlPattern = fillPattern(links.unsubscribePattern)
  const fields = mergeFieldsIn(compiledHtml + compiledText)

  const meta: EditionMeta = {
    edition: edition.key,
    slug: edition.slug,
    locale: edition.locale,
    // Header values: neutralised like the text part, so a typed `*|FNAME|*` is not filled in by the mail service.
    subject: neutralisePlainText(edition.subject).replace(/\s+/g, ' ').trim(),
    preheader: neutralisePlainText(edition.preheader).replace(/\s+/g, ' ').trim(),
    segment: edition.segment,
    mergeSyntax: settings.mergeSyntax,
    mergeFields: describeMergeFields(fields, settings.mergeSyntax, fallbacks),
    unsubscribeUrlPattern,
    preferencesUrlPattern: fillPattern(links.preferencesPattern),
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrlPattern}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    bytes: { html: htmlBytes, text: byteLength(text) },
    sizeLimitBytes: sizeLimit,
    items: items.map((item) => {
      const collection =
        item.kind === 'article' ? 'articles' : item.kind === 'benefit' ? 'benefits' : 'campaigns'
      return {
        index: item.index,
        kind: item.kind,
        key: item.doc.key,
        title: neutralisePlainText(item.kind === 'benefit' ? item.doc.name : item.doc.title),
        url: documentUrl(context, collection, item.doc.slug, item.doc.locale),
      }
    }),
    warnings,
  }
  return { folder, html, text, meta, compiledHtml, fallbacks }
}
