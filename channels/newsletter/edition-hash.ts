/**
 * What an edition's reuse depends on, for the shared output cache (channels/shared/output-cache.ts):
 * the channel's source hash (the rendering code and MJML's version, the render settings and the
 * Organisation, which every edition shows) and, per edition and locale, a hash of what it shows.
 */
import { channelSourceHash, hashValue, type ManifestKind, type SourceSet } from '../shared/output-cache.ts'
import type { Block, Newsletter, Snapshot } from '../snapshot/schema.ts'
import type { MergeSyntaxName } from './merge-syntax.ts'
import { findLinkTarget, linkedCollections } from './render-context.ts'
import { resolveItems } from './resolve-items.ts'
import type { LinkedCollection, UtmParameters } from './site-urls.ts'

/** Bump the version when the meaning of a hash changes. */
export const NEWSLETTER_MANIFEST: ManifestKind = { channel: 'newsletters', version: 2 }

/** The code an edition is rendered with: editing any of it (or upgrading MJML) re-renders every edition. */
export const NEWSLETTER_SOURCES: SourceSet = {
  // routes.ts: newsletter links use the site's page paths.
  paths: [
    'channels/newsletter',
    'channels/shared',
    'channels/snapshot',
    'channels/site/routes.ts',
    'templates/newsletter',
  ],
  packages: ['mjml', 'mjml-core', 'cssnano', 'htmlnano', 'juice'],
}

/** The render settings that change an edition's output (all of them end up in its HTML, text or meta). */
export interface EditionSettings {
  mergeSyntax: MergeSyntaxName
  utm?: UtmParameters
  minify?: boolean
  sizeLimitBytes?: number
}

/** Everything every edition shows or is rendered with: code, MJML version, settings, the Organisation. */
export function newsletterSourceHash(snapshot: Snapshot, settings: EditionSettings): Promise<string> {
  return channelSourceHash(NEWSLETTER_SOURCES, { settings, organisation: snapshot.organisation })
}

/**
 * Hash of one edition in one locale: the edition itself, the articles, benefits and campaign its items
 * resolve to (after locale fallback, so publishing a translation re-renders the editions that fell back)
 * and where the internal links of its intro lead. Resolved documents count whole: a teaser shows only
 * some fields, but a template that starts showing another field must not meet a hash that ignores it.
 */
export function editionHash(snapshot: Snapshot, edition: Newsletter, buildDate?: Date): string {
  const items = resolveItems({ snapshot, edition, locale: edition.locale, warn: () => {}, buildDate })
  const links = internalLinks(edition.intro).map(({ collection, key }) => ({
    collection,
    key,
    target: linkedCollections.includes(collection)
      ? findLinkTarget(snapshot, collection as LinkedCollection, key, edition.locale)
      : null,
  }))
  return hashValue({
    edition,
    items: items.map((item) => ({ index: item.index, kind: item.kind, doc: item.doc })),
    links,
  })
}

/** Every `internal` link target in a block tree, wherever it sits (paragraphs, lists, callouts). */
function internalLinks(blocks: Block[]): Array<{ collection: string; key: string }> {
  const found: Array<{ collection: string; key: string }> = []
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (value === null || typeof value !== 'object') return
    const internal = (value as { internal?: unknown }).internal
    if (internal && typeof internal === 'object' && 'collection' in internal && 'key' in internal) {
      found.push({ collection: String(internal.collection), key: String(internal.key) })
    }
    Object.values(value).forEach(visit)
  }
  visit(blocks)
  return found
}
