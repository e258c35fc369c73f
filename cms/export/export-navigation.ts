/**
 * The Navigation global → the snapshot's `navigation`: each locale's header menu and footer links with
 * their targets resolved to site paths (channels/site/routes.ts) against what this snapshot publishes.
 * An entry whose target is not published (a draft, scheduled for later, deleted) is left out with a
 * warning naming the entry; a target that exists only in another locale is linked there (with hreflang),
 * as internal links in bodies are.
 */
import { safeLink } from '../../channels/shared/safe-link.ts'
import { contentPagePath } from '../../channels/shared/site-url.ts'
import { archivePath, documentPath, homePath, sectionPath, topicPath } from '../../channels/site/routes.ts'
import {
  DEFAULT_LOCALE,
  LOCALES,
  NAVIGATION_SECTIONS,
  type Locale,
  type Navigation,
  type NavigationLink,
  type NavigationSection,
  type Snapshot,
} from '../../channels/snapshot/schema.ts'

type Doc = Record<string, unknown>
type PerLocale<T> = Partial<Record<Locale, T>>

interface Entry {
  kind?: string
  page?: unknown
  topic?: unknown
  campaign?: unknown
  section?: string | null
  url?: string | null
  label?: string | null
}

export type NavigationSources = Pick<Snapshot, 'pages' | 'campaigns' | 'topics'>

/** `doc` is the global (a tab per locale, each with `header` and `footer`), relations populated. */
export function exportNavigation(
  doc: Doc | null,
  snapshot: NavigationSources,
  warn: (document: string, field: string, message: string) => void,
): Navigation {
  const navigation: Navigation = { header: {}, footer: {} }
  if (!doc) return navigation
  for (const area of ['header', 'footer'] as const) {
    for (const locale of LOCALES) {
      const menus = (doc[locale] ?? {}) as Partial<Record<'header' | 'footer', Entry[] | null>>
      const entries = menus[area] ?? []
      const links: NavigationLink[] = []
      entries.forEach((entry, i) => {
        const resolved = resolveEntry(entry, locale, snapshot)
        if ('problem' in resolved)
          warn(`navigation (${locale})`, `${area}[${i}]`, `${resolved.problem}; left out`)
        else links.push(resolved)
      })
      if (links.length > 0) navigation[area][locale] = links
    }
  }
  return navigation
}

function resolveEntry(
  entry: Entry,
  locale: Locale,
  snapshot: NavigationSources,
): NavigationLink | { problem: string } {
  const label = typeof entry.label === 'string' ? entry.label.trim() : ''
  switch (entry.kind) {
    case 'page': {
      const key = keyOf(entry.page)
      if (!key) return { problem: 'links to a page that no longer exists' }
      const found = inLocale(snapshot.pages, key, locale)
      if (!found) return { problem: `links to page "${key}", which is not published` }
      const { doc, hreflang } = found
      return {
        label: label || doc.title,
        href: contentPagePath(doc),
        kind: 'page',
        target: key,
        ...(hreflang ? { hreflang } : {}),
      }
    }
    case 'campaign': {
      const key = keyOf(entry.campaign)
      if (!key) return { problem: 'links to a campaign that no longer exists' }
      const found = inLocale(snapshot.campaigns, key, locale)
      if (!found) return { problem: `links to campaign "${key}", which is not published` }
      const { doc, hreflang } = found
      return {
        label: label || doc.title,
        href: documentPath('campaigns', doc.locale, doc.slug),
        kind: 'campaign',
        target: key,
        ...(hreflang ? { hreflang } : {}),
      }
    }
    case 'topic': {
      const slug = typeof entry.topic === 'object' && entry.topic !== null ? (entry.topic as Doc).slug : null
      const topic = snapshot.topics.find((t) => t.slug === slug)
      if (typeof slug !== 'string' || !topic) return { problem: 'links to a topic that no longer exists' }
      return {
        label: label || topic.name[locale],
        href: topicPath(locale, slug),
        kind: 'topic',
        target: slug,
      }
    }
    case 'section': {
      const section = entry.section as NavigationSection
      if (!(NAVIGATION_SECTIONS as readonly string[]).includes(section))
        return { problem: `links to no list of the site (choose one of ${NAVIGATION_SECTIONS.join(', ')})` }
      return { label, href: sectionHref(section, locale), kind: 'section', target: section }
    }
    case 'url': {
      const href = safeLink(entry.url ?? '')
      if (!href) return { problem: `"${entry.url ?? ''}" is not a web, mail or phone address` }
      return { label: label || href, href, kind: 'url' }
    }
    default:
      return { problem: `has no target` }
  }
}

function sectionHref(section: NavigationSection, locale: Locale): string {
  if (section === 'home') return homePath(locale)
  if (section === 'archive') return archivePath(locale)
  return sectionPath(section, locale)
}

/** The document in this locale, else in the default locale, else in any (linked with its hreflang). */
function inLocale<T extends { key: string; locale: Locale }>(
  docs: T[],
  key: string,
  locale: Locale,
): { doc: T; hreflang?: Locale } | null {
  const here = docs.find((doc) => doc.key === key && doc.locale === locale)
  if (here) return { doc: here }
  for (const other of [DEFAULT_LOCALE, ...LOCALES] as Locale[]) {
    const there = docs.find((doc) => doc.key === key && doc.locale === other)
    if (there) return { doc: there, hreflang: other }
  }
  return null
}

/** A populated relation's key: its slug in the default locale. */
function keyOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null
  const slug = (value as Doc).slug as PerLocale<string> | string | undefined
  if (typeof slug === 'string') return slug || null
  return slug?.[DEFAULT_LOCALE] ?? Object.values(slug ?? {}).find((s) => typeof s === 'string' && s) ?? null
}
