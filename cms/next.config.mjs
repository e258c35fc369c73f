import { withPayload } from '@payloadcms/next/withPayload'
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js'

/**
 * The admin's Content-Security-Policy. Next's pages carry inline scripts without a nonce (the RSC
 * payload), and Payload's UI sets inline styles, so both need 'unsafe-inline'; everything else comes
 * from the admin's own origin only. `next dev` adds 'unsafe-eval': React's development build evaluates code.
 * frame-ancestors 'self': the admin can be framed only by itself (its Preview tab frames /preview).
 */
const adminCsp = (development) =>
  [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ')

/** Every response: no framing by other sites (clickjacking), no MIME sniffing, no full URLs to other sites. */
const everywhere = [
  { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
]

/** @param {string} phase `next dev` or a build/start (NODE_ENV is not yet set when this file is read) */
export default function nextConfig(phase) {
  const csp = [{ key: 'Content-Security-Policy', value: adminCsp(phase === PHASE_DEVELOPMENT_SERVER) }]
  /** @type {import('next').NextConfig} */
  const config = {
    // The admin is the only app here; the public site is the static Astro build.
    reactStrictMode: true,
    async headers() {
      return [
        { source: '/:path*', headers: everywhere },
        { source: '/admin', headers: csp },
        { source: '/admin/:path*', headers: csp },
      ]
    },
  }
  return withPayload(config, { devBundleServerPackages: false })
}
