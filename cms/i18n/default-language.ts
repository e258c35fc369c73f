/**
 * The admin's language for an editor who has not picked one: the Organisation's default locale.
 *
 * Payload chooses the admin's language from its `payload-lng` cookie (set when an editor picks a
 * language on the account page), else the browser's `Accept-Language`, else `i18n.fallbackLanguage`.
 * The fallback also speaks for the Local API and the CLI (their validation messages), which stay
 * English, and the browser's language would come first; so the default is given as the cookie instead:
 * `cms/proxy.ts` sets it on the first admin page a browser without one asks for (the page itself
 * already renders in that language), and a pick on the account page replaces it.
 */
import { DEFAULT_ADMIN_LANGUAGE } from './admin-languages.ts'

/** Payload's language cookie (no `cookiePrefix` is configured). */
export const LANGUAGE_COOKIE = 'payload-lng'

/** As Payload's own language switch sets it: the whole site, a year. */
export const LANGUAGE_COOKIE_OPTIONS = { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' } as const

export const DEFAULT_LANGUAGE_COOKIE = { name: LANGUAGE_COOKIE, value: DEFAULT_ADMIN_LANGUAGE }
