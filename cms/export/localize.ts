/**
 * Localizing: which locales a document is published in (those with their own primary text), and each
 * field's text in a locale, falling back to Danish where the locale has none; every fallback is noted
 * in the entry's `fallbackFields`, which the channels mark with `lang="da"`.
 */
import { DEFAULT_LOCALE, LOCALES, type Block, type Locale } from '../../channels/snapshot/schema.ts'
import { visibleAt } from '../../channels/snapshot/visibility.ts'
import type { LocalizedCollection } from '../../channels/snapshot/collections.ts'
import { dateOf, nonEmpty, type ExportContext, type PerLocale } from './export-context.ts'
import type { AnyDoc } from '../lib/payload-docs.ts'
import { lexicalToBlocks } from './lexical-to-blocks.ts'
import { internalLinkTarget } from './refs.ts'

/** One locale's entry of a document: the shared snapshot fields and readers for its own fields. */
export interface LocalizedEntry<F extends string> {
  common: {
    id: string
    key: string
    slug: string
    locale: Locale
    fallbackFields: string[]
    translations: PerLocale<string>
    publishedAt: string
    updatedAt: string
  }
  /** `articles/slug (da)`: how warnings name this entry. */
  label: string
  locale: Locale
  /** A localized plain-text field, with fallback. */
  text(field: F): string
  /** A localized rich-text field as blocks, with fallback; `mergeFields` for letters. */
  blocks(field: F, mergeFields?: boolean): Block[]
}

/**
 * One entry per locale in which the document has its own `primary` text; none when it is scheduled
 * for later (a preview shows its draft all the same) or has no slug.
 */
export function* localizedEntries<F extends string>(
  context: ExportContext,
  collection: LocalizedCollection,
  doc: AnyDoc,
  primary: NoInfer<F>,
): Generator<LocalizedEntry<F>> {
  // Localized fields by name (`F`, the collection's list in payload-docs.ts): one value per locale.
  const localized = (field: F) =>
    (doc as unknown as Record<F, PerLocale | null | undefined>)[field] ?? undefined
  const published = dateOf(doc.publishedAt)
  if (
    published &&
    !visibleAt({ publishedAt: published.toISOString() }, context.now) &&
    !context.isPreviewTarget(collection, doc)
  )
    return
  const primaryValues = localized(primary) as PerLocale<string> | undefined
  const slugs = doc.slug ?? undefined
  const locales = LOCALES.filter((locale) => nonEmpty(primaryValues?.[locale]))
  const key = slugs?.[DEFAULT_LOCALE] ?? slugs?.[locales[0]]
  if (!key) {
    context.warn(`${collection}/${doc.id}`, 'slug', 'has no slug in any locale; left out')
    return
  }
  const translations: PerLocale<string> = {}
  for (const locale of locales) translations[locale] = slugs?.[locale] ?? key
  for (const locale of locales) {
    const fallbackFields: string[] = []
    const label = `${collection}/${translations[locale]} (${locale})`
    yield {
      common: {
        id: String(doc.id),
        key,
        slug: translations[locale] as string,
        locale,
        fallbackFields,
        translations,
        publishedAt: (published ?? dateOf(doc.createdAt) ?? context.now).toISOString(),
        updatedAt: (dateOf(doc.updatedAt) ?? context.now).toISOString(),
      },
      label,
      locale,
      text: (field) =>
        pickText(localized(field) as PerLocale<string> | undefined, locale, field, fallbackFields),
      blocks: (field, mergeFields = false) =>
        richTextBlocks(context, localized(field), locale, label, field, fallbackFields, { mergeFields }),
    }
  }
}

/** A localized rich-text field as blocks (with fallback), its media collected and problems reported. */
export function richTextBlocks(
  context: ExportContext,
  values: PerLocale | undefined,
  locale: Locale,
  label: string,
  field: string,
  fallbackFields: string[],
  options: { mergeFields: boolean },
): Block[] {
  const state = pickRichText(values, locale, field, fallbackFields)
  return lexicalToBlocks(state, {
    mergeFields: options.mergeFields,
    resolveMedia: (value) => context.media.media(value, label, field),
    resolveInternalLink: (relationTo, value) => internalLinkTarget(context, relationTo, value, locale),
    warn: (message) => context.warn(label, field, message),
  })
}

/** A localized plain-text value, falling back to the default locale (noted in `fallbackFields`). */
export function pickText(
  values: PerLocale<string | null> | null | undefined,
  locale: Locale,
  field: string,
  fallbackFields: string[],
): string {
  const own = values?.[locale]
  if (nonEmpty(own)) return own
  const fallback = values?.[DEFAULT_LOCALE]
  if (locale !== DEFAULT_LOCALE && nonEmpty(fallback)) {
    fallbackFields.push(field)
    return fallback
  }
  return ''
}

/** A localized Lexical state, falling back to the default locale when this locale's is empty. */
function pickRichText(
  values: PerLocale | undefined,
  locale: Locale,
  field: string,
  fallbackFields: string[],
): unknown {
  const own = values?.[locale]
  if (isEmptyRichText(own) && locale !== DEFAULT_LOCALE && !isEmptyRichText(values?.[DEFAULT_LOCALE])) {
    fallbackFields.push(field)
    return values?.[DEFAULT_LOCALE]
  }
  return own
}

function isEmptyRichText(state: unknown): boolean {
  const children = (
    state as { root?: { children?: { children?: unknown[]; type?: string }[] } } | null | undefined
  )?.root?.children
  if (!children || children.length === 0) return true
  return children.every((c) => c.type === 'paragraph' && (!c.children || c.children.length === 0))
}
