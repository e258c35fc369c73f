/**
 * An old address of the site (a permalink from before Budstikke, or a redirect's from-path), in one
 * canonical form, so the CMS (field validation), import, export and the redirect files agree on what
 * "the same path" is. The rules (documented in docs/redirects.md):
 *
 * - a path on this site only: it starts with one `/`; no scheme or host (`https://…`, `//host/…`);
 * - a query of one `key=value` pair is kept (`/?p=123`, `/index.php?page_id=45`: WordPress's default
 *   permalinks), the home page `/` allowed before it; its key is letters, digits and `_` (what nginx's
 *   `$arg_<key>` can name), its value is percent-normalised as a segment is. Any other query (`/?a=1&b=2`,
 *   `/?p`, `/?`) is refused: the redirect files match exactly one parameter. A fragment (`#…`) never
 *   reaches the server: refused;
 * - percent-encoding is normalised: each segment is decoded and encoded again (UTF-8, upper-case hex;
 *   letters, digits and `-._~!$&'()*+,;=:@` stay as they are), so `/løn/` and `/l%c3%b8n/` are one path;
 * - a path that names a folder gets a trailing slash (`/om-os` → `/om-os/`); the redirect files match it
 *   with and without. A last segment with a dot (`/side.html`, `/index.php`) is a file: kept as written;
 * - case is kept (most hosts tell `/Om-Os/` from `/om-os/`);
 * - refused: the home page `/` (without a query), empty segments (`//`), `.` and `..` segments, an encoded `/` or `\`,
 *   control characters, and paths longer than 2,000 characters. The redirect pages are written at
 *   these paths, so nothing may climb out of the site folder.
 */

export const OLD_PATH_MAX_LENGTH = 2000

export type OldPathResult = { path: string } | { error: string }

/** Characters RFC 3986 allows unencoded in a path segment; everything else is percent-encoded. */
const SEGMENT_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/
/** In a query value only the unreserved characters stay: `&`, `=`, `+` and `;` mean something there. */
const QUERY_VALUE_SAFE = /[A-Za-z0-9\-._~]/

export function normalizeOldPath(input: string): OldPathResult {
  const raw = input.trim()
  if (raw === '') return { error: 'is empty' }
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//'))
    return { error: `"${raw}": give the path only (e.g. /2018/11/03/slug/), without scheme and host` }
  if (!raw.startsWith('/')) return { error: `"${raw}": a path must start with /` }
  if (raw.includes('#')) return { error: `"${raw}": a fragment (#…) never reaches the server; leave it out` }
  if (raw.length > OLD_PATH_MAX_LENGTH)
    return { error: `longer than ${OLD_PATH_MAX_LENGTH.toLocaleString('en')} characters` }
  const mark = raw.indexOf('?')
  if (mark >= 0) {
    const query = normalizeQuery(raw, raw.slice(mark + 1))
    if ('error' in query) return query
    const pathPart = raw.slice(0, mark)
    if (pathPart === '/') return { path: `/?${query.path}` }
    const path = normalizePathPart(raw, pathPart)
    return 'error' in path ? path : { path: `${path.path}?${query.path}` }
  }
  if (raw === '/') return { error: 'the home page (/) cannot be an old path' }
  return normalizePathPart(raw, raw)
}

/** The path (before any query); `raw` is the whole input, for messages. */
function normalizePathPart(raw: string, input: string): OldPathResult {
  const parts = input.slice(1).split('/')
  const folder = parts[parts.length - 1] === ''
  if (folder) parts.pop()
  const segments: string[] = []
  for (const part of parts) {
    if (part === '') return { error: `"${raw}": empty segment (//)` }
    let decoded: string
    try {
      decoded = decodeURIComponent(part)
    } catch {
      return { error: `"${raw}": malformed percent-encoding in "${part}"` }
    }
    if (decoded === '.' || decoded === '..')
      return { error: `"${raw}": "." and ".." segments are not allowed` }
    if (/[/\\]/.test(decoded)) return { error: `"${raw}": an encoded / or \\ is not allowed` }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(decoded))
      return { error: `"${raw}": control characters are not allowed` }
    segments.push(encodeSafe(decoded, SEGMENT_SAFE))
  }
  const last = parts[parts.length - 1]
  const isFile = !folder && safeDecode(last).includes('.')
  return { path: `/${segments.join('/')}${isFile ? '' : '/'}` }
}

/** The one `key=value` pair of a query old path, normalised (`path` holds `key=value`). */
function normalizeQuery(raw: string, query: string): OldPathResult {
  const refuse = {
    error: `"${raw}": a query must be one key=value pair, such as /?p=123 or /?page_id=45`,
  }
  const pair = /^([A-Za-z0-9_]+)=([^&=;]+)$/.exec(query)
  if (!pair) return refuse
  let value: string
  try {
    value = decodeURIComponent(pair[2].replace(/\+/g, ' '))
  } catch {
    return { error: `"${raw}": malformed percent-encoding in "${pair[2]}"` }
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return { error: `"${raw}": control characters are not allowed` }
  return { path: `${pair[1]}=${encodeSafe(value, QUERY_VALUE_SAFE)}` }
}

/** A query old path split into its parts (decoded value), or null for a path without a query. */
export interface OldPathQuery {
  /** The canonical path before the query (`/`, `/index.php`). */
  path: string
  key: string
  /** As written in the canonical form (percent-encoded). */
  value: string
  /** Decoded, as a browser's URLSearchParams and nginx's `$arg_<key>` (for plain values) give it. */
  decodedValue: string
}

export function oldPathQuery(canonical: string): OldPathQuery | null {
  const mark = canonical.indexOf('?')
  if (mark < 0) return null
  const [key, value] = canonical.slice(mark + 1).split('=', 2)
  return { path: canonical.slice(0, mark), key, value, decodedValue: safeDecode(value) }
}

/** The normalised path, or an Error whose message says what is wrong (for callers that throw). */
export function requireOldPath(input: string): string {
  const result = normalizeOldPath(input)
  if ('error' in result) throw new Error(result.error)
  return result.path
}

/** Whether the canonical path names a folder (served as `<path>index.html`) rather than a file. */
export function isFolderPath(canonical: string): boolean {
  return canonical.endsWith('/')
}

/** The forms a browser may ask for: `/a/b/` is also reached as `/a/b` (the home page `/` only as itself). */
export function requestForms(canonical: string): string[] {
  return isFolderPath(canonical) && canonical !== '/' ? [canonical, canonical.slice(0, -1)] : [canonical]
}

/** The decoded path (what nginx's `$uri` holds and what a file on disk is named). */
export function decodedPath(canonical: string): string {
  return canonical
    .split('/')
    .map((segment) => decodeURIComponent(segment))
    .join('/')
}

function encodeSafe(decoded: string, safe: RegExp): string {
  let out = ''
  for (const char of decoded) {
    if (safe.test(char)) out += char
    else
      for (const byte of new TextEncoder().encode(char))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
