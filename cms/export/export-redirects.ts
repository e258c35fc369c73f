/**
 * The snapshot's old addresses: each page document's `oldPaths` in one locale, and the editors'
 * `redirects` collection. Both hold canonical paths (the CMS stores them so); they are checked again
 * here because a path saved before a rule changed must not reach the site unchecked.
 */
import type { Payload } from 'payload'
import { normalizeOldPath } from '../../channels/shared/old-path.ts'
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../../channels/snapshot/locales.ts'
import {
  REDIRECT_TARGET_COLLECTIONS,
  type RedirectTargetCollection as RedirectTarget,
  type Snapshot,
} from '../../channels/snapshot/schema.ts'

type Doc = Record<string, unknown> & { id: number | string }
type Warn = (field: string, message: string) => void

/** The document's old paths in `locale` (from a read with `locale: 'all'`), canonical and once each. */
export function oldPathsOf(doc: Doc, locale: Locale, warn: Warn): string[] {
  const perLocale = doc.oldPaths as Partial<Record<Locale, Array<{ path?: unknown }> | null>> | undefined
  const rows = perLocale && !Array.isArray(perLocale) ? (perLocale[locale] ?? []) : []
  const paths = new Set<string>()
  rows.forEach((row, index) => {
    const result = normalizeOldPath(typeof row?.path === 'string' ? row.path : '')
    if ('error' in result) warn(`oldPaths.${index}.path`, `old path ${result.error}; left out`)
    else paths.add(result.path)
  })
  return [...paths]
}

/**
 * Every redirect of the `redirects` collection, as the snapshot carries it. A redirect to a document
 * names it by its key (slug in the default locale; a topic by its slug); whether that document is
 * published is decided by the site step against the snapshot, which holds only published documents.
 */
export async function exportRedirects(
  payload: Payload,
  warn: (document: string, field: string, message: string) => void,
): Promise<Snapshot['redirects']> {
  const redirects: Snapshot['redirects'] = []
  for (let page = 1; ; page++) {
    const result = await payload.find({
      collection: 'redirects',
      depth: 1,
      // 'all': a document's key is its slug in the default locale, else in the first locale it has.
      locale: 'all',
      overrideAccess: true,
      limit: 500,
      page,
      sort: 'id',
    })
    for (const raw of result.docs as unknown as Doc[]) {
      const label = `redirects/${raw.id}`
      const from = normalizeOldPath(typeof raw.from === 'string' ? raw.from : '')
      if ('error' in from) {
        warn(label, 'from', `${from.error}; left out`)
        continue
      }
      const locale = isLocale(raw.locale) ? raw.locale : null
      const to = raw.to as { relationTo?: string; value?: unknown } | null | undefined
      if (raw.kind === 'url') {
        if (typeof raw.url !== 'string' || raw.url.trim() === '') {
          warn(label, 'url', 'no URL given; left out')
          continue
        }
        redirects.push({ id: String(raw.id), from: from.path, locale, to: { url: raw.url.trim() } })
        continue
      }
      const target = documentKey(to)
      if (!target) {
        warn(label, 'to', 'its document was deleted; left out')
        continue
      }
      redirects.push({ id: String(raw.id), from: from.path, locale, to: target })
    }
    if (!result.hasNextPage) return redirects
  }
}

function documentKey(
  to: { relationTo?: string; value?: unknown } | null | undefined,
): { collection: RedirectTarget; key: string } | null {
  if (!to || !(REDIRECT_TARGET_COLLECTIONS as readonly unknown[]).includes(to.relationTo)) return null
  const value = to.value as { slug?: unknown } | null
  const slug = value && typeof value === 'object' ? value.slug : undefined
  const key =
    typeof slug === 'string'
      ? slug
      : slug && typeof slug === 'object'
        ? ((slug as Partial<Record<Locale, string>>)[DEFAULT_LOCALE] ??
          LOCALES.map((locale) => (slug as Partial<Record<Locale, string>>)[locale]).find(Boolean))
        : undefined
  if (!key) return null
  return { collection: to.relationTo as RedirectTarget, key }
}
