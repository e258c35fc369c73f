/**
 * HTTP security headers for the static site, written beside it for the two ways it is usually served:
 * `_headers` (Netlify, Cloudflare Pages and other hosts that read that file) and
 * `nginx-security-headers.conf` (to `include` in nginx's server block). Both carry the same headers.
 *
 * The CSP allows scripts from the site itself only: the site has no inline script (the search page
 * loads /search.js), and Pagefind's search runs its index as WebAssembly, which needs
 * 'wasm-unsafe-eval' (not 'unsafe-eval'). Styles stay 'unsafe-inline': the Organisation's colours are
 * an inline <style>, and a style cannot run code. Guarded by tests/e2e/site-headers.test.ts, which
 * serves a built site with these headers in Chromium.
 */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'

export const HEADERS_FILE = '_headers'
export const NGINX_HEADERS_FILE = 'nginx-security-headers.conf'

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ')

/** The headers every page, feed and file of the site is served with. */
export const SITE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
  'X-Frame-Options': 'SAMEORIGIN',
}

/** Netlify/Cloudflare `_headers`: a path pattern, then its headers indented below it. */
export function headersFileText(headers = SITE_SECURITY_HEADERS): string {
  return [
    '# Security headers for every file of the site (written by budstikke publish).',
    '/*',
    ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`),
    '',
  ].join('\n')
}

/** nginx `add_header … always` lines (always: error pages such as the 404 get them too). */
export function nginxSnippetText(headers = SITE_SECURITY_HEADERS): string {
  return [
    '# Security headers for the Budstikke site (written by budstikke publish).',
    '# include this file in the server block, and again in any location that has add_header lines of its own',
    '# (nginx does not inherit add_header into a location that sets any).',
    ...Object.entries(headers).map(([name, value]) => `add_header ${name} "${value}" always;`),
    '',
  ].join('\n')
}

export async function writeSecurityHeaders(siteDir: string): Promise<void> {
  await writeFile(path.join(siteDir, HEADERS_FILE), headersFileText())
  await writeFile(path.join(siteDir, NGINX_HEADERS_FILE), nginxSnippetText())
}
