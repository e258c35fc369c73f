/**
 * The rules every redirect obeys, decided once for the CMS (checked when a redirect is saved) and the
 * site step (checked again at publish, because documents change after a redirect was saved):
 * - it never shadows a page of the site, nor a folder the site's files live in;
 * - it leads straight to its destination: a redirect onto the from-path of another redirect (a chain,
 *   a → b → c) or back onto itself (a loop, a → b → a) is refused, as a static host would follow it
 *   hop by hop or forever. An old address with a query (WordPress's `/?p=123`) is such a from-path like
 *   any other, so a destination keeps the one `key=value` pair a redirect can match.
 */
import { normalizeOldPath } from '../shared/old-path.ts'
import { safeLink } from '../shared/safe-link.ts'

/** Folders of the built site that hold its files (media, search index, cards, bundles): never a redirect. */
export const RESERVED_FOLDERS = ['/media/', '/pagefind/', '/social/', '/_astro/'] as const

export function inReservedFolder(path: string): boolean {
  return RESERVED_FOLDERS.some((folder) => path.startsWith(folder))
}

/**
 * Where a URL target leads on this site, as a canonical path (so it can be checked for chains and loops),
 * or null when it leads elsewhere. `/x/` and `https://<site>/x/` are on the site. Its query is kept, each
 * `key=value` pair in canonical form (`/?p=123`), as an old address may be that path with one of them;
 * pairs no redirect can match (`?p`, `?`) and a fragment are dropped.
 */
export function sitePathOfTarget(url: string, siteUrl: string | null): string | null {
  let candidate = url.trim()
  if (siteUrl) {
    const origin = safeOrigin(siteUrl)
    if (origin && safeOrigin(candidate) === origin) candidate = candidate.slice(origin.length) || '/'
  }
  if (!candidate.startsWith('/') || candidate.startsWith('//')) return null
  const [pathOnly, query = ''] = candidate.replace(/#.*$/s, '').split(/\?(.*)/s, 2)
  let path = pathOnly
  if (pathOnly !== '/') {
    const result = normalizeOldPath(pathOnly)
    if (!('error' in result)) path = result.path
  }
  const pairs = query.split('&').flatMap((pair) => {
    const result = normalizeOldPath(`/?${pair}`)
    return 'error' in result ? [] : [result.path.slice(2)]
  })
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path
}

/**
 * The from-paths whose redirect catches a visitor at a site path (as sitePathOfTarget gives it), in the
 * order hosts look: the path with each pair of its query (`/?p=123`: every host matches one pair, whatever
 * else the query holds), then the path alone, whose redirect applies whatever the query.
 */
export function redirectFormsOf(sitePath: string): string[] {
  const mark = sitePath.indexOf('?')
  if (mark < 0) return [sitePath]
  const path = sitePath.slice(0, mark)
  const withPairs = sitePath
    .slice(mark + 1)
    .split('&')
    .map((pair) => `${path}?${pair}`)
  return path === '/' ? withPairs : [...withPairs, path]
}

/** Why a URL cannot be a redirect's destination, or null when it can (web addresses and site paths). */
export function redirectUrlProblem(url: string): string | null {
  const safe = safeLink(url)
  if (!safe || !/^(https?:\/\/|\/(?!\/))/i.test(safe))
    return `"${url}" cannot be a redirect's destination: give a web address (https://…) or a path on this site (/…)`
  if (/\s/.test(safe)) return `"${url}" contains spaces: encode them (%20)`
  return null
}

/** Where the redirect at a path leads: its destination as written, and as a path on this site (null: elsewhere). */
export interface Hop {
  to: string
  sitePath: string | null
}

/**
 * Follows `from` through `next` (the redirect at a from-path, if there is one) and says what is wrong: a
 * loop back to a path already passed, or a chain (its destination is itself redirected, to this site or
 * elsewhere). `describe` names the redirect at a from-path for the message.
 */
export function chainProblem(
  from: string,
  firstHop: string | null,
  next: (path: string) => Hop | undefined,
  describe: (path: string) => string,
): string | null {
  if (firstHop === null) return null
  if (redirectFormsOf(firstHop).includes(from)) return `it leads to itself (${from})`
  const redirectAt = (path: string) => {
    for (const form of redirectFormsOf(path)) {
      const hop = next(form)
      if (hop) return { hop, form }
    }
    return undefined
  }
  const seen = [from, firstHop]
  let at = firstHop
  let onward: { hop: Hop; form: string } | undefined
  for (;;) {
    const found = redirectAt(at)
    if (!found) break
    onward ??= found
    const { sitePath } = found.hop
    if (sitePath === null) break
    if (seen.includes(sitePath))
      return `it makes a loop: ${[...seen, sitePath].join(' → ')} (through ${describe(found.form)})`
    seen.push(sitePath)
    at = sitePath
  }
  if (onward)
    return `it leads to ${firstHop}, which ${describe(onward.form)} redirects on to ${onward.hop.to} (a chain): let it lead to the final address instead`
  return null
}

function safeOrigin(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null
  } catch {
    return null
  }
}
