/**
 * The rules every redirect obeys, decided once for the CMS (checked when a redirect is saved) and the
 * site step (checked again at publish, because documents change after a redirect was saved):
 * - it never shadows a page of the site, nor a folder the site's files live in;
 * - it leads straight to its destination: a redirect onto the from-path of another redirect (a chain,
 *   a → b → c) or back onto itself (a loop, a → b → a) is refused, as a static host would follow it
 *   hop by hop or forever.
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
 * or null when it leads elsewhere. `/x/` and `https://<site>/x/` are on the site; its query is ignored.
 */
export function sitePathOfTarget(url: string, siteUrl: string | null): string | null {
  let candidate = url.trim()
  if (siteUrl) {
    const origin = safeOrigin(siteUrl)
    if (origin && safeOrigin(candidate) === origin) candidate = candidate.slice(origin.length) || '/'
  }
  if (!candidate.startsWith('/') || candidate.startsWith('//')) return null
  const pathOnly = candidate.replace(/[?#].*$/s, '')
  if (pathOnly === '/') return '/'
  const result = normalizeOldPath(pathOnly)
  return 'error' in result ? pathOnly : result.path
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
 * Follows `from` through `next` (the redirect at a path, if there is one) and says what is wrong: a loop
 * back to a path already passed, or a chain (its destination is itself redirected, to this site or
 * elsewhere). `describe` names the redirect at a path for the message.
 */
export function chainProblem(
  from: string,
  firstHop: string | null,
  next: (path: string) => Hop | undefined,
  describe: (path: string) => string,
): string | null {
  if (firstHop === null) return null
  if (firstHop === from) return `it leads to itself (${from})`
  const seen = [from, firstHop]
  let at = firstHop
  let onward: string | null = null
  for (;;) {
    const hop = next(at)
    if (!hop) break
    onward ??= hop.to
    if (hop.sitePath === null) break
    if (seen.includes(hop.sitePath))
      return `it makes a loop: ${[...seen, hop.sitePath].join(' → ')} (through ${describe(at)})`
    seen.push(hop.sitePath)
    at = hop.sitePath
  }
  if (onward !== null)
    return `it leads to ${firstHop}, which ${describe(firstHop)} redirects on to ${onward} (a chain): let it lead to the final address instead`
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
