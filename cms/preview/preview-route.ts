/**
 * `GET /preview/<collection>/<id>?locale=da[&embed=1][&retry=1]`: the preview page of a document's
 * last saved draft, and `GET /preview/<collection>/<id>/files/<key>/<path>`: the files it shows.
 * Signed-in users only (the admin's session cookie); previews never involve member data.
 */
import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { getRequestLanguage, parseCookies, type Payload } from 'payload'
import { failedPage, messagePage, previewPage, renderingPage, type PageLinks } from './preview-page.ts'
import { asLocale, isPreviewCollection } from './preview-paths.ts'
import {
  previewDir,
  previewState,
  readDraft,
  waitForFiles,
  waitForRender,
  type PreviewRequest,
} from './preview-store.ts'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
}

/** Our pages and the rendered previews run no scripts and may only be framed by the admin itself. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': "script-src 'none'; object-src 'self'; frame-ancestors 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
}

/**
 * How long a request waits for a render before answering "rendering…" (a cached one answers at once):
 * long enough that a preview from the warm worker (a second or two) opens finished, without the
 * "rendering…" page and its refresh in between.
 */
const FIRST_WAIT_MS = 4_000
/** How long a file of a shown preview is waited for while its cards are drawn (a second or two). */
const FILE_WAIT_MS = 60_000

export async function handlePreviewRequest(payload: Payload, request: Request): Promise<Response> {
  const url = new URL(request.url)
  const parts = url.pathname.split('/').filter(Boolean)
  // ['preview', collection, id, ('files', key, ...path)?]
  if (parts[0] !== 'preview' || parts.length < 3) return notFound('No such preview.')
  const [, collection, rawId, section, key, ...rest] = parts
  const embed = url.searchParams.get('embed') === '1'
  if (!isPreviewCollection(collection))
    return notFound(
      `${collection} cannot be previewed (only articles, benefits, campaigns, pages, newsletters and letters).`,
    )
  const id = safeDecode(rawId)
  if (id === null) return notFound('No such preview.')

  const { user } = await payload.auth({ headers: request.headers })
  if (!user) {
    if (section === 'files')
      return new Response('Sign in to the admin to see previews.', { status: 401, headers: SECURITY_HEADERS })
    return Response.redirect(
      new URL(
        `/admin/login?redirect=${encodeURIComponent(url.pathname + url.search)}`,
        requestOrigin(request, url),
      ),
      302,
    )
  }

  if (section === 'files') return serveFile(collection, id, key, rest, url)
  if (section !== undefined) return notFound('No such preview.')

  const previewRequest: PreviewRequest = { collection, id, locale: asLocale(url.searchParams.get('locale')) }
  const draft = await readDraft(payload, user, previewRequest)
  if (!draft)
    return notFound(`There is no ${collection} document ${id} (deleted?), or you may not read it.`, embed)

  const base = `/preview/${collection}/${encodeURIComponent(id)}`
  let state = await previewState(payload, previewRequest, draft, {
    retry: url.searchParams.get('retry') === '1',
  })
  if (state.state === 'rendering') {
    await waitForRender(state.key, FIRST_WAIT_MS)
    state = await previewState(payload, previewRequest, draft)
  }
  const links: PageLinks = {
    embed,
    // The admin's language for this editor: the one the Preview tab around this page speaks.
    language: getRequestLanguage({
      config: payload.config,
      cookies: parseCookies(request.headers),
      headers: request.headers,
    }),
    page: ({ locale, retry }) =>
      `${base}?locale=${locale ?? previewRequest.locale}${embed ? '&embed=1' : ''}${retry ? '&retry=1' : ''}`,
    file: (relativePath) =>
      `${base}/files/${state.key}/${relativePath.split('/').map(encodeURIComponent).join('/')}`,
  }
  const html =
    state.state === 'ready'
      ? previewPage(previewRequest, draft, state.manifest, links)
      : state.state === 'failed'
        ? failedPage(previewRequest, draft, state.message, links)
        : renderingPage(previewRequest, draft, (Date.now() - state.startedAt) / 1000, state.queued, links)
  return new Response(html, {
    status: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS },
  })
}

/**
 * The origin the browser used: a proxy's X-Forwarded-Host/-Proto, else the Host header (Next copies it
 * into X-Forwarded-Host). `request.url` names the host Next listens as (localhost), which sent editors
 * on another machine to their own computer. Anything that is not a plain host[:port] is ignored.
 */
function requestOrigin(request: Request, url: URL): string {
  const host = [request.headers.get('x-forwarded-host'), request.headers.get('host')]
    .map((value) => value?.split(',')[0]?.trim())
    .find((value) => value && /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(value))
  const forwardedProto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
  const protocol =
    forwardedProto === 'https' || forwardedProto === 'http' ? `${forwardedProto}:` : url.protocol
  return host ? `${protocol}//${host}` : url.origin
}

function notFound(message: string, embed = false): Response {
  return new Response(messagePage('Preview not found', message, embed), {
    status: 404,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...SECURITY_HEADERS },
  })
}

function safeDecode(segment: string): string | null {
  try {
    const value = decodeURIComponent(segment)
    return value === '' || value === '.' || value === '..' || /[/\\\0]/.test(value) ? null : value
  } catch {
    return null
  }
}

async function serveFile(
  collection: string,
  id: string,
  key: string | undefined,
  rest: string[],
  url: URL,
): Promise<Response> {
  // The key names this document's preview (`articles-12-da-<hash>`); nothing else is served.
  const prefix = `${collection}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}-`
  if (!key || !key.startsWith(prefix) || !/^[A-Za-z0-9_-]+$/.test(key))
    return new Response('No such preview file.', { status: 404 })
  const root = previewDir(key)
  const segments = rest.map(safeDecode)
  if (segments.some((s) => s === null) || !existsSync(path.join(root, 'preview.json')))
    return new Response(
      'No such preview file (it may have been replaced by a newer preview: reload the preview page).',
      { status: 404 },
    )
  let file = path.resolve(root, ...(segments as string[]))
  if (file !== root && !file.startsWith(root + path.sep))
    return new Response('No such preview file.', { status: 404 })
  const info =
    (await stat(file).catch(() => null)) ??
    // A card (or a page of the site copy) of a preview that is shown while they are still drawn.
    (await waitForFiles(key, FILE_WAIT_MS).then(() => stat(file).catch(() => null)))
  if (info?.isDirectory()) file = path.join(file, 'index.html')
  else if (!info) return new Response('No such preview file.', { status: 404 })
  let body: Buffer | string
  try {
    body = await readFile(file)
  } catch {
    return new Response('No such preview file.', { status: 404 })
  }
  const extension = path.extname(file).toLowerCase()
  const relativePath = path.relative(root, file).split(path.sep)
  // The web preview is a small copy of the site served under this path: its root-relative links
  // (`/media/…`, `/artikler/…`) must stay inside the copy.
  if (relativePath[0] === 'web' && (extension === '.html' || extension === '.css')) {
    const base = `/preview/${collection}/${encodeURIComponent(id)}/files/${key}/web`
    body = rebaseRootLinks(body.toString('utf8'), base)
  }
  return new Response(new Uint8Array(typeof body === 'string' ? Buffer.from(body) : body), {
    status: 200,
    headers: {
      'Content-Type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
      // The key changes whenever the preview would; a key's files never change.
      'Cache-Control': 'private, max-age=3600',
      ...(extension === '.html' || extension === '.svg'
        ? SECURITY_HEADERS
        : { 'X-Content-Type-Options': 'nosniff' }),
      ...(url.searchParams.get('download') === '1'
        ? { 'Content-Disposition': `attachment; filename="${path.basename(file)}"` }
        : {}),
    },
  })
}

/** `href="/x"`, `src="/x"`, `srcset="/a 1x, /b 2x"` and CSS `url(/x)` → under `base`. Protocol-relative `//host` stays. */
export function rebaseRootLinks(text: string, base: string): string {
  return text
    .replace(/(\s(?:href|src|action|poster)=)(["'])\/(?!\/)/g, `$1$2${base}/`)
    .replace(/(\ssrcset=)(["'])([^"']*)\2/g, (_match, attribute: string, quote: string, list: string) => {
      const rebased = list
        .split(',')
        .map((candidate) => candidate.replace(/^(\s*)\/(?!\/)/, `$1${base}/`))
        .join(',')
      return `${attribute}${quote}${rebased}${quote}`
    })
    .replace(/url\((["']?)\/(?!\/)/g, `url($1${base}/`)
}
