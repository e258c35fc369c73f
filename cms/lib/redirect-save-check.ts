/**
 * The check a redirect gets when it is saved: its from-path must not be a page of the site (or a
 * document's old path, or another redirect's from-path), and it must lead straight to its destination
 * (no chain, no loop). The rules are channels/site/redirect-rules.ts; publish checks them again against
 * what is actually published (channels/site/redirect-plan.ts), since documents change afterwards.
 */
import type { PayloadRequest } from 'payload'
import { LOCALES, DEFAULT_LOCALE, type Locale } from '../../channels/snapshot/locales.ts'
import { PAGES, pageCollections } from '../../channels/snapshot/collections.ts'
import { SECTION } from '../../channels/site/routes.ts'
import { oldPathQuery } from '../../channels/shared/old-path.ts'
import {
  chainProblem,
  inReservedFolder,
  redirectFormsOf,
  sitePathOfTarget,
} from '../../channels/site/redirect-rules.ts'

export interface RedirectDraft {
  id?: number | string
  from: string
  kind: 'document' | 'url'
  url?: string | null
}

/** What is wrong with saving this redirect, or null. */
export async function redirectSaveProblem(
  redirect: RedirectDraft,
  req: PayloadRequest,
): Promise<string | null> {
  const { from } = redirect
  if (inReservedFolder(from)) return `${from} is a folder of the site's own files; it cannot be redirected`
  // A from-path with a query (`/?p=123`) hides no page: the page at its path is still served without it.
  const page = oldPathQuery(from) ? null : await sitePageAt(from, req)
  if (page) return `${from} is a page of the site (${page}); a redirect there would hide it`
  const owner = await oldPathOwner(from, req)
  if (owner) return `${from} is already an old path of ${owner}; it redirects there`

  const siteUrl = await organisationSiteUrl(req)
  const others = await otherRedirects(redirect.id, req)
  const same = others.find((other) => other.from === from)
  if (same) return `${from} is already redirected by redirect ${same.id}`
  const target = (other: { kind?: unknown; url?: unknown }) =>
    other.kind === 'url' && typeof other.url === 'string' ? sitePathOfTarget(other.url, siteUrl) : null
  const byFrom = new Map(others.map((other) => [other.from, other]))
  const firstHop = redirect.kind === 'url' && redirect.url ? sitePathOfTarget(redirect.url, siteUrl) : null
  // A document's old path redirects on too (chainProblem follows the other redirects).
  for (const form of firstHop ? redirectFormsOf(firstHop) : []) {
    if (form === from || byFrom.has(form)) break
    const owner = await oldPathOwner(form, req)
    if (owner)
      return `it leads to ${firstHop}, an old path of ${owner} that redirects on: let it lead to that document instead`
  }
  const problem = chainProblem(
    from,
    firstHop,
    (at) => {
      const other = byFrom.get(at)
      return other ? { to: String(other.url ?? ''), sitePath: target(other) } : undefined
    },
    (at) => `redirect ${byFrom.get(at)?.id ?? '?'}`,
  )
  if (problem) return problem
  const incoming = others.find((other) => {
    const path = target(other)
    return path !== null && redirectFormsOf(path).includes(from)
  })
  if (incoming)
    return `redirect ${incoming.id} (${incoming.from}) leads to ${from}: a redirect from here would make a chain; let redirect ${incoming.id} lead to the final address instead`
  return null
}

/** `articles/slug (da)` when `path` is the page of a document (any status: a draft becomes a page when published). */
async function sitePageAt(path: string, req: PayloadRequest): Promise<string | null> {
  const segments = path.split('/').filter(Boolean)
  let locale: Locale = DEFAULT_LOCALE
  if (
    segments.length > 0 &&
    segments[0] !== DEFAULT_LOCALE &&
    (LOCALES as readonly string[]).includes(segments[0])
  )
    locale = segments.shift() as Locale
  const folder = path.endsWith('/')
  const [section, name, rest] = segments
  if (segments.length === 0) return folder ? `the home page (${locale})` : null
  if (!folder)
    return ['rss.xml', 'robots.txt', '404.html', 'search.js'].includes(segments.at(-1)!) ||
      /^sitemap.*\.xml$/.test(segments.at(-1)!)
      ? 'a file of the site'
      : null
  if (
    segments.length === 1 &&
    [SECTION.benefits, SECTION.campaigns, SECTION.about, SECTION.search, SECTION.archive].includes(
      section as never,
    )
  )
    return `the ${section} page (${locale})`
  if (section === SECTION.archive && segments.length === 2 && /^\d+$/.test(name))
    return `an archive page (${locale})`
  if (
    section === SECTION.topics &&
    name &&
    (segments.length === 2 || (segments.length === 3 && /^\d+$/.test(rest)))
  ) {
    const topic = await req.payload.count({
      collection: 'topics',
      where: { slug: { equals: name } },
      overrideAccess: true,
      req,
    })
    return topic.totalDocs > 0 ? `the topic ${name} (${locale})` : null
  }
  const page = await contentPageAt(segments, locale, req)
  if (page) return page
  if (segments.length !== 2) return null
  for (const collection of pageCollections) {
    if (SECTION[collection] !== section) continue
    const found = await req.payload.find({
      collection,
      locale,
      fallbackLocale: false,
      draft: true,
      where: { slug: { equals: name } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      pagination: false,
      req,
    })
    if (found.docs.length > 0) return `${collection}/${name} (${locale})`
  }
  return null
}

/**
 * `pages/a/b (da)` when the segments are a site page's path in `locale`: its ancestors' slugs, then its
 * own (channels/site/routes.ts `pagePath`; an ancestor without a slug in the locale goes by its
 * default-locale slug, as export does). Any status: a draft becomes a page when published.
 */
async function contentPageAt(
  segments: string[],
  locale: Locale,
  req: PayloadRequest,
): Promise<string | null> {
  const read = { collection: PAGES, locale, draft: true, depth: 0, overrideAccess: true, req } as const
  const found = await req.payload.find({
    ...read,
    fallbackLocale: false,
    where: { slug: { equals: segments.at(-1) } },
    pagination: false,
  })
  for (const candidate of found.docs) {
    let parent: unknown = candidate.parent
    let index = segments.length - 2
    for (; index >= 0 && parent !== null && parent !== undefined; index--) {
      const id = typeof parent === 'object' ? (parent as { id: number | string }).id : (parent as number)
      const above = await req.payload
        .findByID({ ...read, id, fallbackLocale: DEFAULT_LOCALE, disableErrors: true })
        .catch(() => null)
      if (!above || above.slug !== segments[index]) break
      parent = above.parent
    }
    // Every segment matched and the last ancestor is a top-level page.
    if (index < 0 && (parent === null || parent === undefined))
      return `pages/${segments.join('/')} (${locale})`
  }
  return null
}

/** `articles/slug` when a document (in any locale) lists `path` among its old paths. */
async function oldPathOwner(path: string, req: PayloadRequest): Promise<string | null> {
  for (const collection of [...pageCollections, PAGES]) {
    const found = await req.payload.find({
      collection,
      locale: 'all',
      draft: true,
      where: { 'oldPaths.path': { equals: path } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      pagination: false,
      req,
      select: { slug: true } as never,
    })
    const doc = found.docs[0] as { id: number | string; slug?: Partial<Record<Locale, string>> } | undefined
    if (doc)
      return `${collection}/${doc.slug?.[DEFAULT_LOCALE] ?? Object.values(doc.slug ?? {})[0] ?? doc.id}`
  }
  return null
}

async function otherRedirects(
  id: number | string | undefined,
  req: PayloadRequest,
): Promise<Array<{ id: number | string; from: string; kind?: unknown; url?: unknown }>> {
  const found = await req.payload.find({
    collection: 'redirects',
    where: id !== undefined ? { id: { not_equals: id } } : {},
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return found.docs as unknown as Array<{ id: number | string; from: string; kind?: unknown; url?: unknown }>
}

async function organisationSiteUrl(req: PayloadRequest): Promise<string | null> {
  const organisation = (await req.payload.findGlobal({
    slug: 'organisation',
    depth: 0,
    overrideAccess: true,
    req,
  })) as {
    siteUrl?: unknown
  }
  return typeof organisation.siteUrl === 'string' && organisation.siteUrl ? organisation.siteUrl : null
}
