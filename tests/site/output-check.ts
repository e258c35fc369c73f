/** Checks over a whole built site: forbidden strings, internal links and images that lead nowhere. */
import { existsSync, statSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
}

/** Visible-text checks apply to what we render: HTML, XML, text (not Pagefind's own bundle). */
export async function renderedTextFiles(siteDir: string): Promise<string[]> {
  return (await listFiles(siteDir)).filter(
    (f) => /\.(html|xml|txt)$/.test(f) && !f.includes(`${path.sep}pagefind${path.sep}`),
  )
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")

/** Every `href`/`src`/`srcset` URL on the site's own origin (or root-relative) must name a file of the output. */
export async function brokenInternalReferences(siteDir: string, siteUrl: string): Promise<string[]> {
  const broken: string[] = []
  for (const file of (await listFiles(siteDir)).filter((f) => f.endsWith('.html'))) {
    const html = await readFile(file, 'utf8')
    const urls = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => decode(m[1]))
    for (const m of html.matchAll(/\ssrcset="([^"]*)"/g))
      urls.push(
        ...decode(m[1])
          .split(',')
          .map((part) => part.trim().split(/\s+/)[0]),
      )
    for (const url of urls) {
      let pathname: string
      if (url.startsWith(siteUrl)) pathname = url.slice(siteUrl.length) || '/'
      else if (url.startsWith('/') && !url.startsWith('//')) pathname = url
      else continue
      pathname = decodeURIComponent(pathname.split(/[?#]/)[0])
      const target = path.join(siteDir, pathname)
      const ok = pathname.endsWith('/')
        ? existsSync(path.join(target, 'index.html'))
        : existsSync(target) && statSync(target).isFile()
      if (!ok) broken.push(`${path.relative(siteDir, file)}: ${url}`)
    }
  }
  return broken
}
