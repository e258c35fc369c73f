/**
 * The origins a browser may use the admin's session from (Payload's `csrf`) and read the API from
 * (`cors`): the admin's own address and the Organisation's public site.
 *
 * With an empty `csrf` list Payload honours the session cookie from any Origin, so a page on another
 * site could create documents with an editor's cookie. With the list set, a cookie request is signed in
 * only when its Origin is listed, or, without an Origin, when the browser says it is same-site
 * (`Sec-Fetch-Site`); anything else is treated as anonymous, and anonymous readers may change nothing.
 * Guarded by tests/e2e/web-security.test.ts.
 */
import type { GlobalAfterChangeHook, Payload } from 'payload'
import { setting } from '../../channels/shared/config.ts'

export const ADMIN_URL_SETTING = 'BUDSTIKKE_ADMIN_URL'
const DEFAULT_ADMIN_URL = 'http://localhost:3000'

/** The admin's origin, from BUDSTIKKE_ADMIN_URL (the address editors open, e.g. https://cms.example.org). */
export function adminOrigin(value: string = setting('BUDSTIKKE_ADMIN_URL')): string {
  const raw = value?.trim() || DEFAULT_ADMIN_URL
  const origin = originOf(raw)
  if (!origin)
    throw new Error(`${ADMIN_URL_SETTING}: "${raw}" is not an http(s) URL (e.g. https://cms.example.org)`)
  return origin
}

/** A fresh list for Payload's `csrf` or `cors` (each its own array: the site's origin is added to both later). */
export function trustedOrigins(): string[] {
  return [adminOrigin()]
}

function originOf(url: unknown): string | null {
  if (typeof url !== 'string') return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null
  } catch {
    return null
  }
}

/**
 * Whether a browser request comes from a page of another site: an `Origin` not in Payload's `csrf` list
 * (the admin and the Organisation's site). Requests without one (scripts, the Local API) are not foreign.
 */
export function isForeignOrigin(payload: Payload, headers: Headers): boolean {
  const origin = headers.get('origin')
  if (!origin) return false
  // `null`: a sandboxed frame or a page from a file, never the admin.
  if (origin === 'null') return true
  const trusted = payload.config.csrf
  return Array.isArray(trusted) && trusted.length > 0 && !trusted.includes(origin)
}

/** The site origin currently trusted, so a changed site URL replaces it rather than piling up. */
const trustedSite = new WeakMap<Payload, string>()

function trustSite(payload: Payload, siteUrl: unknown): void {
  const origin = originOf(siteUrl)
  const previous = trustedSite.get(payload)
  if (origin === previous) return
  const admin = adminOrigin()
  for (const list of [payload.config.csrf, payload.config.cors]) {
    if (!Array.isArray(list)) continue
    // Never drop the admin's own origin, even when the site shares it.
    const at = previous && previous !== admin ? list.indexOf(previous) : -1
    if (at >= 0) list.splice(at, 1)
    if (origin && !list.includes(origin)) list.push(origin)
  }
  if (origin) trustedSite.set(payload, origin)
  else trustedSite.delete(payload)
}

/** Payload's onInit: the Organisation's site URL as stored (the CLI serves no browser, so it skips the read). */
export async function trustOrganisationSite(payload: Payload): Promise<void> {
  if (setting('BUDSTIKKE_CLI')) return
  try {
    const organisation = await payload.findGlobal({ slug: 'organisation', depth: 0, overrideAccess: true })
    trustSite(payload, (organisation as { siteUrl?: unknown }).siteUrl)
  } catch (error) {
    // A database without migrations yet has no Organisation: only the admin is trusted until it is saved.
    payload.logger.warn(
      `trusted origins: the Organisation's site URL could not be read (${(error as Error).message})`,
    )
  }
}

/** Organisation afterChange: a new site URL is trusted at once, the old one no longer. */
export const trustSiteAfterOrganisationChange: GlobalAfterChangeHook = ({ doc, req }) => {
  trustSite(req.payload, (doc as { siteUrl?: unknown }).siteUrl)
  return doc
}
