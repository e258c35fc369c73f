/**
 * Writes the site's redirects (redirect-plan.ts) three ways, so old links keep working on any host:
 * - `_redirects`: Netlify / Cloudflare Pages rules, `from to 301`;
 * - `redirects.nginx.conf`: an nginx `map $uri $budstikke_redirect { … }` (how to use it is in its header);
 * - a redirect page at each old path (`<old>/index.html`, or the file itself for `…/side.html`), for hosts
 *   with neither: `<meta http-equiv="refresh">`, a canonical link to the new address, `noindex`, and a
 *   plain link. A redirect page never replaces a file of the site: it is created only where nothing is
 *   (`wx`), and a path that is taken is a warning instead;
 * - an old path with a query (`/?p=123`) cannot have a page of its own (`/` is the home page), so for
 *   those `query-redirects.js` holds the map and sends the visitor on; the home pages and the 404 page
 *   load it when the site has such redirects (SiteModel.queryRedirects).
 * Called once after the site is built (after Pagefind, so the redirect pages are not in the search index).
 * The site's CSP does not govern a meta refresh, and the pages have no script or style.
 */
import { existsSync, statSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { replaceFile } from '../shared/output-cache.ts'
import { decodedPath, isFolderPath, oldPathQuery, requestForms } from '../shared/old-path.ts'
import type { Snapshot } from '../snapshot/schema.ts'
import type { ChannelWarning } from '../types.ts'
import { siteFeeds } from './feeds.ts'
import { QUERY_REDIRECTS_SCRIPT, queryRedirectsScript } from './query-redirects.ts'
import { planRedirects, type PlannedRedirect } from './redirect-plan.ts'
import { escapeHtml } from './render-html.ts'
import type { SiteModel } from './site-model.ts'

export const REDIRECTS_FILE = '_redirects'
export const NGINX_REDIRECTS_FILE = 'redirects.nginx.conf'

export interface RedirectFilesResult {
  redirects: number
  /** Redirect pages written (old paths that are folders or .html files). */
  pages: number
  warnings: ChannelWarning[]
}

export async function writeRedirectFiles(
  siteDir: string,
  snapshot: Pick<Snapshot, 'redirects' | 'organisation'>,
  model: SiteModel,
): Promise<RedirectFilesResult> {
  const root = path.resolve(siteDir)
  const known = new Set([
    ...model.pages.map((page) => page.path),
    ...siteFeeds(model).map((feed) => feed.path),
  ])
  // A query old path hides nothing: the page at its path is still served without the query.
  const pageExists = (oldPath: string) =>
    !oldPathQuery(oldPath) &&
    (requestForms(oldPath).some((form) => known.has(form)) ||
      existsSync(fileFor(root, oldPath) ?? diskPath(root, oldPath)))
  const plan = planRedirects(snapshot, model, pageExists)
  const siteUrl = snapshot.organisation.siteUrl.replace(/\/+$/, '')

  let pages = 0
  const written: PlannedRedirect[] = []
  for (const redirect of plan.redirects) {
    const file = fileFor(root, redirect.from)
    if (file) {
      const outcome = await writeRedirectPage(file, redirect, siteUrl)
      if (outcome === 'taken') {
        plan.warnings.push({
          document: redirect.source,
          field: 'oldPaths',
          message: `${redirect.from} is a file of the site; a redirect would hide it; left out`,
        })
        continue
      }
      pages++
    }
    written.push(redirect)
  }
  // Never written in place: an incremental publish hard-links files of the previous output.
  await replaceFile(path.join(root, REDIRECTS_FILE), redirectsFileText(written))
  await replaceFile(path.join(root, NGINX_REDIRECTS_FILE), nginxMapText(written))
  const script = queryRedirectsScript(written)
  if (script) await replaceFile(path.join(root, QUERY_REDIRECTS_SCRIPT), script)
  else await rm(path.join(root, QUERY_REDIRECTS_SCRIPT), { force: true })
  return { redirects: written.length, pages, warnings: plan.warnings }
}

/**
 * Netlify / Cloudflare Pages: one rule per line, a folder path with and without its slash. A query old
 * path is Netlify's query match (`/ p=123 /artikler/x/ 301!`), forced (`!`) because its path (`/`) is a
 * page that would otherwise be served ("shadowing"); Cloudflare Pages does not match queries and ignores
 * such a line (it reads `from to [code]` only), so there the script answers.
 */
export function redirectsFileText(redirects: PlannedRedirect[]): string {
  return [
    '# Old addresses of the site (written by budstikke publish; docs/redirects.md).',
    ...redirects.flatMap((redirect) => {
      const query = oldPathQuery(redirect.from)
      if (!query) return requestForms(redirect.from).map((form) => `${form} ${redirect.to} 301`)
      return requestForms(query.path).map((form) => `${form} ${query.key}=${query.value} ${redirect.to} 301!`)
    }),
    '',
  ].join('\n')
}

/**
 * nginx: `$uri` is the decoded path, so the keys are decoded; quotes and backslashes escaped. Old paths
 * with a query get one more map per query key (`p`, `page_id`, …), keyed by `$uri?p=$arg_p`, chained
 * through the defaults: `$budstikke_redirect` falls back to the first, each to the next, so the one
 * variable a server block tests still answers every redirect (a path's own redirect first).
 */
export function nginxMapText(redirects: PlannedRedirect[]): string {
  const quote = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`
  // A `$` in a value would be read as an nginx variable: encode it (it means the same in a URL).
  const target = (to: string) => quote(to.replace(/\$/g, '%24'))
  const byKey = new Map<string, string[]>()
  for (const redirect of redirects) {
    const query = oldPathQuery(redirect.from)
    if (!query) continue
    const lines = byKey.get(query.key) ?? []
    for (const form of requestForms(query.path))
      lines.push(`    ${quote(`${decodedPath(form)}?${query.key}=${query.value}`)} ${target(redirect.to)};`)
    byKey.set(query.key, lines)
  }
  const keys = [...byKey.keys()].sort()
  const variable = (index: number) =>
    index < keys.length ? `$budstikke_query_redirect_${keys[index]}` : '""'
  const queryMaps = keys.flatMap((key, index) => [
    `map "$uri?${key}=$arg_${key}" ${variable(index)} {`,
    `    default ${variable(index + 1)};`,
    ...byKey.get(key)!,
    '}',
  ])
  return [
    '# Old addresses of the site (written by budstikke publish; docs/redirects.md).',
    '# A map belongs in the http block: include this file there, e.g.',
    '#   http { include /srv/www/dist/site/redirects.nginx.conf; … }',
    "# and answer with it in the site's server block:",
    '#   if ($budstikke_redirect) { return 301 $budstikke_redirect; }',
    '# With many long paths nginx may ask for a larger map_hash_bucket_size (e.g. 256) in the http block.',
    'map $uri $budstikke_redirect {',
    `    default ${variable(0)};`,
    ...redirects
      .filter((redirect) => !oldPathQuery(redirect.from))
      .flatMap((redirect) =>
        requestForms(redirect.from).map((form) => `    ${quote(decodedPath(form))} ${target(redirect.to)};`),
      ),
    '}',
    ...queryMaps,
    '',
  ].join('\n')
}

/**
 * The redirect page: no script, no style; a person without meta refresh follows the link. The empty icon
 * spares a browser asking for /favicon.ico (a 404) on its way through, as the site's own pages do.
 */
export function redirectPageHtml(redirect: PlannedRedirect, siteUrl: string): string {
  const absolute = redirect.to.startsWith('/') ? `${siteUrl}${redirect.to}` : redirect.to
  const attr = escapeHtml(redirect.to)
  return `<!doctype html>
<html lang="${redirect.locale}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(redirect.title)}</title>
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<link rel="canonical" href="${escapeHtml(absolute)}">
<meta http-equiv="refresh" content="0; url=${attr}">
</head>
<body>
<p><a href="${attr}">${escapeHtml(redirect.title)}</a></p>
</body>
</html>
`
}

/** Where the redirect page of an old path goes, or null when the path names a file that is not HTML. */
function fileFor(root: string, oldPath: string): string | null {
  if (oldPathQuery(oldPath)) return null
  if (isFolderPath(oldPath)) return path.join(diskPath(root, oldPath), 'index.html')
  return /\.html?$/i.test(oldPath) ? diskPath(root, oldPath) : null
}

function diskPath(root: string, oldPath: string): string {
  const file = path.resolve(root, `.${decodedPath(oldPath)}`)
  // The canonical form has no `..` segments; this guards the rule should it ever change.
  if (file !== root && !file.startsWith(root + path.sep))
    throw new Error(`${oldPath}: outside the site folder`)
  return file
}

async function writeRedirectPage(
  file: string,
  redirect: PlannedRedirect,
  siteUrl: string,
): Promise<'written' | 'taken'> {
  try {
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, redirectPageHtml(redirect, siteUrl), { flag: 'wx' })
    return 'written'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // EEXIST: a page is there; ENOTDIR: a file of the site is where a folder would go.
    if (code === 'EEXIST' || code === 'ENOTDIR' || (code === 'EISDIR' && statSync(file).isDirectory()))
      return 'taken'
    throw error
  }
}
