/**
 * Which redirects the published site gets, from the snapshot alone: every old path of a document that
 * has a page (articles, benefits, campaigns, site pages; a draft, a future or an expired document has none, so its
 * old paths give nothing), and every editor's redirect whose destination is published. The rules of
 * redirect-rules.ts are applied again here, because documents change after a redirect was saved: a
 * redirect that would hide a page of the site, repeat another's from-path, or make a chain or a loop is
 * left out with a warning naming it.
 */
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../snapshot/locales.ts'
import type { Redirect, Snapshot } from '../snapshot/schema.ts'
import type { ChannelWarning } from '../types.ts'
import { documentLabel } from '../types.ts'
import { chainProblem, inReservedFolder, sitePathOfTarget, type Hop } from './redirect-rules.ts'
import { documentPath, topicPath, type PageCollection } from './routes.ts'
import type { SiteModel } from './site-model.ts'

export interface PlannedRedirect {
  /** Canonical old path. */
  from: string
  /** A path on this site (`/artikler/x/`) or an absolute URL elsewhere. */
  to: string
  /** What the destination is called (a document's title), for the redirect page's link. */
  title: string
  /** The language of the destination, for the redirect page. */
  locale: Locale
  /** `redirects/12` or `articles/slug (da)`: what a warning names. */
  source: string
}

export interface RedirectPlan {
  redirects: PlannedRedirect[]
  warnings: ChannelWarning[]
}

/**
 * `pageExists(path)` says whether the canonical path is a page or file of the built site (the model's
 * pages and feeds, and what is on disk): a redirect there would hide it.
 */
export function planRedirects(
  snapshot: Pick<Snapshot, 'redirects' | 'organisation'>,
  model: SiteModel,
  pageExists: (path: string) => boolean,
): RedirectPlan {
  const warnings: ChannelWarning[] = []
  const taken = new Map<string, PlannedRedirect>()
  const leaveOut = (source: string, field: string, message: string): void => {
    warnings.push({ document: source, field, message: `${message}; left out` })
  }

  const claim = (candidate: PlannedRedirect, field: string): void => {
    const { from, source } = candidate
    if (inReservedFolder(from)) return leaveOut(source, field, `${from} is a folder of the site's own files`)
    if (pageExists(from))
      return leaveOut(source, field, `${from} is a page of the site; a redirect would hide it`)
    const other = taken.get(from)
    if (other) return leaveOut(source, field, `${from} is already redirected by ${other.source}`)
    taken.set(from, candidate)
  }

  // Editors' redirects first: they were made on purpose, and are refused at save when they clash.
  const editors = [...snapshot.redirects].sort((a, b) => compareIds(a.id, b.id))
  for (const redirect of editors) {
    const destination = editorDestination(redirect, model)
    if ('problem' in destination)
      leaveOut(`redirects/${redirect.id}`, 'to', `${redirect.from}: ${destination.problem}`)
    else claim({ from: redirect.from, source: `redirects/${redirect.id}`, ...destination }, 'from')
  }
  for (const { collection, docs } of pageDocuments(model))
    for (const { doc, path } of docs)
      for (const from of doc.oldPaths)
        claim(
          {
            from,
            to: path,
            title: 'title' in doc ? doc.title : doc.name,
            locale: doc.locale,
            source: documentLabel(collection, doc),
          },
          'oldPaths',
        )

  // Chains and loops go through URL destinations on this site (a document's page is never a from-path).
  const siteUrl = snapshot.organisation.siteUrl
  const hopFrom = (path: string): Hop | undefined => {
    const redirect = taken.get(path)
    return redirect ? { to: redirect.to, sitePath: sitePathOfTarget(redirect.to, siteUrl) } : undefined
  }
  const broken = new Set<string>()
  for (const redirect of taken.values()) {
    const problem = chainProblem(
      redirect.from,
      hopFrom(redirect.from)?.sitePath ?? null,
      hopFrom,
      (path) => taken.get(path)?.source ?? path,
    )
    if (problem) {
      leaveOut(redirect.source, 'to', `${redirect.from}: ${problem}`)
      broken.add(redirect.from)
    }
  }
  const redirects = [...taken.values()].filter((redirect) => !broken.has(redirect.from))
  return { redirects: redirects.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)), warnings }
}

type Destination = { to: string; title: string; locale: Locale } | { problem: string }

function editorDestination(redirect: Redirect, model: SiteModel): Destination {
  const { to } = redirect
  if ('url' in to) return { to: to.url, title: to.url, locale: redirect.locale ?? DEFAULT_LOCALE }
  const order: Locale[] = [
    ...new Set<Locale>([redirect.locale ?? DEFAULT_LOCALE, DEFAULT_LOCALE, ...LOCALES]),
  ]
  if (to.collection === 'topics') {
    const topic = model.topics.find((t) => t.slug === to.key)
    for (const locale of order) {
      const path = topicPath(locale, to.key)
      if (topic && model.pages.some((page) => page.path === path))
        return { to: path, title: topic.name[locale] ?? to.key, locale }
    }
    return { problem: `the topic "${to.key}" has no page (no published articles)` }
  }
  if (to.collection === 'pages') {
    for (const locale of order) {
      const page = model.contentPage(locale, to.key)
      if (page) return { to: model.contentPagePath(page), title: page.title, locale }
    }
    return {
      problem: `pages/${to.key} is not published (draft, scheduled, deleted, or below a page that is not)`,
    }
  }
  const find = (locale: Locale, key: string) =>
    to.collection === 'articles'
      ? model.article(locale, key)
      : to.collection === 'benefits'
        ? model.benefit(locale, key)
        : model.campaign(locale, key)
  for (const locale of order) {
    const doc = find(locale, to.key)
    if (doc)
      return {
        to: documentPath(to.collection, locale, doc.slug),
        title: 'title' in doc ? doc.title : doc.name,
        locale,
      }
  }
  return { problem: `${to.collection}/${to.key} is not published (draft, scheduled, expired or deleted)` }
}

/** Every document with a page, in a fixed order, so the same snapshot always gives the same redirects. */
function pageDocuments(model: SiteModel) {
  const all = <T extends { publishedAt: string; id: string; locale: Locale }>(
    byLocale: Record<Locale, T[]>,
  ) =>
    LOCALES.flatMap((locale) => byLocale[locale]).sort(
      (a, b) =>
        Date.parse(a.publishedAt) - Date.parse(b.publishedAt) ||
        compareIds(a.id, b.id) ||
        (a.locale < b.locale ? -1 : 1),
    )
  const campaigns = Object.fromEntries(
    LOCALES.map((locale) => [locale, [...model.campaigns[locale], ...model.endedCampaigns[locale]]]),
  ) as SiteModel['campaigns']
  const at = <T extends { locale: Locale; slug: string }>(collection: PageCollection, docs: T[]) => ({
    collection,
    docs: docs.map((doc) => ({ doc, path: documentPath(collection, doc.locale, doc.slug) })),
  })
  return [
    at('articles', all(model.articles)),
    at('benefits', all(model.benefits)),
    at('campaigns', all(campaigns)),
    // A site page's path is its ancestors' slugs, then its own (the model resolves them).
    {
      collection: 'pages',
      docs: all(model.contentPages).map((doc) => ({ doc, path: model.contentPagePath(doc) })),
    },
  ]
}

/** Payload ids are numbers on SQLite and strings on MongoDB: numeric order when both are numbers. */
function compareIds(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)]
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y
  return a < b ? -1 : a > b ? 1 : 0
}
