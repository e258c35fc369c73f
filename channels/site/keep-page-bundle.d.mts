import type { AstroIntegration } from 'astro'

export const PAGE_BUNDLE_VERSION: number
export function keepPageBundle(keepDir: string): AstroIntegration
export const KEPT_ASSETS: string
