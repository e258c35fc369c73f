/**
 * An old address of the site (a permalink from before Budstikke, or a redirect's from-path), in one
 * canonical form, so the CMS (field validation), import, export and the redirect files agree on what
 * "the same path" is. The rules (documented in docs/redirects.md):
 *
 * - a path on this site only: it starts with one `/`; no scheme or host (`https://…`, `//host/…`);
 * - no query (`?p=123`) or fragment (`#…`): a static host cannot tell them apart, so they are refused
 *   rather than silently redirected by their path alone;
 * - percent-encoding is normalised: each segment is decoded and encoded again (UTF-8, upper-case hex;
 *   letters, digits and `-._~!$&'()*+,;=:@` stay as they are), so `/løn/` and `/l%c3%b8n/` are one path;
 * - a path that names a folder gets a trailing slash (`/om-os` → `/om-os/`); the redirect files match it
 *   with and without. A last segment with a dot (`/side.html`, `/index.php`) is a file: kept as written;
 * - case is kept (most hosts tell `/Om-Os/` from `/om-os/`);
 * - refused: the home page `/`, empty segments (`//`), `.` and `..` segments, an encoded `/` or `\`,
 *   control characters, and paths longer than 2,000 characters. The redirect pages are written at
 *   these paths, so nothing may climb out of the site folder.
 */

export const OLD_PATH_MAX_LENGTH = 2000

export type OldPathResult = { path: string } | { error: string }

/** Characters RFC 3986 allows unencoded in a path segment; everything else is percent-encoded. */
const SEGMENT_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/

export function normalizeOldPath(input: string): OldPathResult {
  const raw = input.trim()
  if (raw === '') return { error: 'is empty' }
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//'))
    return { error: `"${raw}": give the path only (e.g. /2018/11/03/slug/), without scheme and host` }
  if (!raw.startsWith('/')) return { error: `"${raw}": a path must start with /` }
  if (raw.includes('?'))
    return { error: `"${raw}": a query (?…) cannot be redirected by a static site; give the path only` }
  if (raw.includes('#')) return { error: `"${raw}": a fragment (#…) never reaches the server; leave it out` }
  if (raw.length > OLD_PATH_MAX_LENGTH)
    return { error: `longer than ${OLD_PATH_MAX_LENGTH.toLocaleString('en')} characters` }
  if (raw === '/') return { error: 'the home page (/) cannot be an old path' }

  const parts = raw.slice(1).split('/')
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
    segments.push(encodeSegment(decoded))
  }
  const last = parts[parts.length - 1]
  const isFile = !folder && safeDecode(last).includes('.')
  return { path: `/${segments.join('/')}${isFile ? '' : '/'}` }
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

/** The forms a browser may ask for: `/a/b/` is also reached as `/a/b`. */
export function requestForms(canonical: string): string[] {
  return isFolderPath(canonical) ? [canonical, canonical.slice(0, -1)] : [canonical]
}

/** The decoded path (what nginx's `$uri` holds and what a file on disk is named). */
export function decodedPath(canonical: string): string {
  return canonical
    .split('/')
    .map((segment) => decodeURIComponent(segment))
    .join('/')
}

function encodeSegment(decoded: string): string {
  let out = ''
  for (const char of decoded) {
    if (SEGMENT_SAFE.test(char)) out += char
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
