/**
 * Next's request proxy (formerly middleware), for admin pages only: a browser without an admin
 * language gets the Organisation's default locale (cms/i18n/default-language.ts). The cookie is added
 * to this request, so the page renders in that language at once, and to the response, so the admin's
 * own API calls and later pages keep it.
 */
import { NextResponse, type NextRequest } from 'next/server'
import { DEFAULT_LANGUAGE_COOKIE, LANGUAGE_COOKIE, LANGUAGE_COOKIE_OPTIONS } from './i18n/default-language.ts'

export function proxy(request: NextRequest): NextResponse {
  if (request.cookies.has(LANGUAGE_COOKIE)) return NextResponse.next()
  request.cookies.set(DEFAULT_LANGUAGE_COOKIE.name, DEFAULT_LANGUAGE_COOKIE.value)
  const response = NextResponse.next({ request: { headers: request.headers } })
  response.cookies.set({ ...DEFAULT_LANGUAGE_COOKIE, ...LANGUAGE_COOKIE_OPTIONS })
  return response
}

export const config = { matcher: ['/admin', '/admin/:path*'] }
