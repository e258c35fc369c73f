/**
 * Language alternates (`xhtml:link hreflang`) for the sitemap, taken from each built page's own
 * `<link rel="alternate" hreflang>` tags. @astrojs/sitemap can only pair pages whose paths match after
 * the locale prefix, but a document's slug is translated (`/artikler/ok26-afstemning/` is
 * `/sv/artikler/ok26-omrostning/`), so the page head, which knows the real pairs, is the one source.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'

export interface SitemapLink {
  lang: string
  url: string
}

const LINK_TAG = /<link\s[^>]*>/gi

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)
  return match?.[1]
    ?.replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
}

/** The hreflang alternates a page declares; none when it exists in one language only. */
export function alternatesInHtml(html: string): SitemapLink[] {
  const links: SitemapLink[] = []
  for (const [tag] of html.matchAll(LINK_TAG)) {
    if (attribute(tag, 'rel')?.toLowerCase() !== 'alternate') continue
    const lang = attribute(tag, 'hreflang')
    const url = attribute(tag, 'href')
    if (lang && url) links.push({ lang, url })
  }
  const languages = links.filter((l) => l.lang !== 'x-default')
  return languages.length > 1 ? links : []
}

/** The built page of a sitemap URL (`format: 'directory'`: `<path>/index.html`). */
export function builtPageFile(outDir: string, url: string): string {
  const pathname = decodeURIComponent(new URL(url).pathname)
  return path.join(outDir, pathname, pathname.endsWith('.html') ? '' : 'index.html')
}

/** For the sitemap integration's `serialize`: adds the page's alternates; a page that cannot be read gets none. */
export async function withAlternates<T extends { url: string; links?: SitemapLink[] }>(
  item: T,
  outDir: string,
): Promise<T> {
  try {
    const links = alternatesInHtml(await readFile(builtPageFile(outDir, item.url), 'utf8'))
    return links.length > 0 ? { ...item, links } : item
  } catch {
    return item
  }
}
