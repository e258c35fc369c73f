/**
 * Which link targets may become links, for every channel and both ways into the CMS (import, export):
 * web, mail and phone addresses, and paths on the site itself. `javascript:`, `data:`, `vbscript:` and
 * protocol-relative `//host` addresses keep only their text, wherever they come from.
 */
const SAFE_LINK = /^(https?:\/\/\S|mailto:\S|tel:[+\d]|\/(?!\/)|#)/i

/** The trimmed target when it may be a link, otherwise null. */
export function safeLink(href: string): string | null {
  const trimmed = href.trim()
  return SAFE_LINK.test(trimmed) ? trimmed : null
}
