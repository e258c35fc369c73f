import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The admin is the only app here; the public site is the static Astro build.
  reactStrictMode: true,
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
