/**
 * The admin's preview route without a running admin: who may see previews, which files it serves,
 * and how the page treats hostile text. (tests/e2e/publish-preview.test.ts drives it in Chromium.)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PreviewManifest } from '../../channels/preview/preview-manifest.ts'
import { previewPage } from '../../cms/preview/preview-page.ts'
import { handlePreviewRequest, rebaseRootLinks } from '../../cms/preview/preview-route.ts'

const KEY = 'articles-7-da-0123456789abcdef'
let root: string

/** Just enough of Payload for the file part of the route: who is signed in. */
const payloadWith = (user: object | null) => ({ auth: async () => ({ user }) }) as unknown as Payload
const signedIn = payloadWith({ id: 1, email: 'redaktion@example.org', collection: 'users' })
const get = (payload: Payload, url: string) =>
  handlePreviewRequest(payload, new Request(`http://localhost:3000${url}`))

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'preview-route-'))
  process.env.BUDSTIKKE_PREVIEW_DIR = root
  await mkdir(path.join(root, KEY, 'web', 'artikler', 'x'), { recursive: true })
  await writeFile(path.join(root, KEY, 'preview.json'), '{}')
  await writeFile(
    path.join(root, KEY, 'web', 'artikler', 'x', 'index.html'),
    '<html><body><a href="/om/">Om</a><img src="/media/a.jpg" srcset="/media/a-400.jpg 400w, /media/a.jpg 800w"></body></html>',
  )
  await writeFile(path.join(root, 'secret.txt'), 'not for the browser')
})

afterAll(async () => {
  delete process.env.BUDSTIKKE_PREVIEW_DIR
  await rm(root, { recursive: true, force: true })
})

describe('preview route', () => {
  it('sends anonymous visitors to the login, and refuses them files', async () => {
    const page = await get(payloadWith(null), '/preview/articles/7?locale=da')
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe(
      'http://localhost:3000/admin/login?redirect=%2Fpreview%2Farticles%2F7%3Flocale%3Dda',
    )
    const file = await get(payloadWith(null), `/preview/articles/7/files/${KEY}/web/artikler/x/index.html`)
    expect(file.status).toBe(401)
  })

  it('serves a preview page of the site with its links kept inside the preview', async () => {
    const response = await get(signedIn, `/preview/articles/7/files/${KEY}/web/artikler/x`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toContain("script-src 'none'")
    const base = `/preview/articles/7/files/${KEY}/web`
    expect(await response.text()).toBe(
      `<html><body><a href="${base}/om/">Om</a><img src="${base}/media/a.jpg" srcset="${base}/media/a-400.jpg 400w, ${base}/media/a.jpg 800w"></body></html>`,
    )
  })

  it('serves nothing outside the document’s own preview folder', async () => {
    for (const url of [
      `/preview/articles/7/files/${KEY}/..%2Fsecret.txt`,
      `/preview/articles/7/files/${KEY}/web/..%2F..%2Fsecret.txt`,
      `/preview/articles/8/files/${KEY}/web/artikler/x/index.html`, // another document's id
      `/preview/letters/7/files/${KEY}/web/artikler/x/index.html`,
      `/preview/articles/7/files/articles-7-da-ffffffffffffffff/preview.json`, // no such preview
      `/preview/users/7`,
    ]) {
      const response = await get(signedIn, url)
      expect(response.status, url).toBe(404)
      expect(await response.text(), url).not.toContain('not for the browser')
    }
  })
})

describe('rebaseRootLinks', () => {
  it('moves root-relative URLs under the preview and leaves absolute ones alone', () => {
    const html = `<a href="/a/">a</a><a href='//cdn.example.org/x'>b</a><a href="https://example.org/c">c</a><div style="background:url(/bg.png)"></div><form action="/soeg/"></form>`
    expect(rebaseRootLinks(html, '/p')).toBe(
      `<a href="/p/a/">a</a><a href='//cdn.example.org/x'>b</a><a href="https://example.org/c">c</a><div style="background:url(/p/bg.png)"></div><form action="/p/soeg/"></form>`,
    )
  })
})

describe('preview page', () => {
  it('shows hostile editor text as text', () => {
    const hostile = '<script>alert("x")</script> & *|FNAME|*'
    const manifest: PreviewManifest = {
      document: {
        collection: 'articles',
        id: '7',
        key: 'x',
        slug: 'x',
        locale: 'da',
        requestedLocale: 'da',
        locales: ['da'],
        title: hostile,
        label: 'articles/x (da)',
        updatedAt: '2026-03-01T10:00:00.000Z',
      },
      renderedAt: '2026-03-01T10:00:05.000Z',
      channels: {
        web: { status: 'failed', message: `articles/x (da): ${hostile}`, seconds: 1 },
        email: {
          status: 'ok',
          path: 'email/index.html',
          textPath: 'email/index.txt',
          subject: hostile,
          preheader: '',
          sampleEdition: true,
          seconds: 1,
        },
        pdf: { status: 'not-applicable', reason: 'Only letters are printed.' },
        cards: {
          status: 'ok',
          images: [{ format: 'og', path: 'cards/og.png', width: 1200, height: 630 }],
          post: hostile,
          seconds: 1,
        },
      },
      warnings: [{ document: 'articles/x (da)', field: 'hero', message: hostile }],
      seconds: { total: 2 },
    }
    const html = previewPage(
      { collection: 'articles', id: '7', locale: 'da' },
      { title: hostile, updatedAt: '', label: 'articles/7' },
      manifest,
      {
        embed: false,
        page: () => '/preview/articles/7?locale=da',
        file: (p) => `/preview/articles/7/files/${KEY}/${p}`,
      },
    )
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; *|FNAME|*')
    // The failed channel is named, the others still show.
    expect(html).toContain('Web page could not be rendered')
    expect(html).toContain(`src="/preview/articles/7/files/${KEY}/email/index.html"`)
  })
})
