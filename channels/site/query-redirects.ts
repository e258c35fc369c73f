/**
 * Old addresses with a query (`/?p=123`, WordPress's default permalinks) on a host that reads neither
 * `_redirects` nor the nginx map: no redirect page can live at `/?p=123` (that is the home page), so the
 * home pages and the 404 page (`/index.php?p=123` is not a file) load this script, a file of the site's
 * own origin as the CSP wants (no inline script), which looks the visitor's address up in its map and
 * replaces it. The pages load it only when the site has such redirects (SiteModel.queryRedirects).
 */
import { decodedPath, oldPathQuery } from '../shared/old-path.ts'
import type { PlannedRedirect } from './redirect-plan.ts'

export const QUERY_REDIRECTS_SCRIPT = 'query-redirects.js'

/**
 * The script: the old query addresses, decoded as the browser's URLSearchParams gives them, and where
 * they lead. Null when there are none.
 */
export function queryRedirectsScript(redirects: PlannedRedirect[]): string | null {
  const map: Record<string, string> = {}
  for (const redirect of redirects) {
    const query = oldPathQuery(redirect.from)
    if (query) map[`${decodedPath(query.path)}?${query.key}=${query.decodedValue}`] = redirect.to
  }
  if (Object.keys(map).length === 0) return null
  return `// Old addresses with a query (written by budstikke publish; docs/redirects.md).
;(function () {
  var map = ${JSON.stringify(map, null, 1)}
  var path = location.pathname
  try { path = decodeURIComponent(path) } catch (e) {}
  // A folder is asked for with or without its slash (/om-os and /om-os/); a file keeps its name.
  if (path.slice(-1) !== '/' && path.slice(path.lastIndexOf('/')).indexOf('.') < 0) path += '/'
  var params = new URLSearchParams(location.search)
  var found = null
  params.forEach(function (value, key) {
    var to = map[path + '?' + key + '=' + value]
    if (found === null && typeof to === 'string') found = to
  })
  // Only a path of this site or a web address (what a redirect's destination may be).
  if (found !== null && /^(\\/(?!\\/)|https?:\\/\\/)/i.test(found)) location.replace(found)
})()
`
}
