/**
 * The preview channel on the fixture snapshot (no database): one document rendered as the channels
 * that publish would render it, into a preview folder, with a made-up recipient for the letter.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { load } from 'cheerio'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { PREVIEW_MANIFEST, type PreviewManifest } from '../../channels/preview/preview-manifest.ts'
import { renderPreview } from '../../channels/preview/render-preview.ts'
import { readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { FIXTURE, fixtureFolders, NOW } from './fixture-folders.ts'

const { tempDir, fixtureCopy, removeAll } = fixtureFolders('preview')

afterAll(removeAll)

async function preview(
  collection: Parameters<typeof renderPreview>[0]['collection'],
  document: string,
  locale: 'da' | 'sv',
  snapshotFile = FIXTURE,
) {
  const outDir = await tempDir(collection)
  const manifest = await renderPreview({
    loaded: await readSnapshot(snapshotFile),
    snapshotFile,
    collection,
    document,
    locale,
    outDir,
    now: NOW,
  })
  return { outDir, manifest }
}

function ok<T extends { status: string }>(channel: T): Extract<T, { status: 'ok' }> {
  if (channel.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(channel)}`)
  return channel as Extract<T, { status: 'ok' }>
}

describe('preview of an article', () => {
  it('shows its Swedish text as a web page, an e-mail to the sample member and three cards; no letter', async () => {
    const { outDir, manifest } = await preview('articles', 'a1', 'sv')
    expect(manifest.document).toMatchObject({
      collection: 'articles',
      id: 'a1',
      locale: 'sv',
      title: 'Rösta om OK26: så gör du',
      label: 'articles/ok26-omrostning (sv)',
    })
    expect(JSON.parse(await readFile(path.join(outDir, PREVIEW_MANIFEST), 'utf8'))).toEqual(manifest)

    const web = ok(manifest.channels.web)
    expect(web.sitePath).toBe('/sv/artikler/ok26-omrostning/')
    const page = load(await readFile(path.join(outDir, web.path), 'utf8'))
    expect(page('h1').first().text()).toBe('Rösta om OK26: så gör du')
    expect(page('html').attr('lang')).toBe('sv')

    const email = ok(manifest.channels.email)
    expect(email).toMatchObject({ subject: 'Rösta om OK26: så gör du', sampleEdition: true })
    const html = await readFile(path.join(outDir, email.path), 'utf8')
    expect(load(html)('body').text()).toContain('Rösta om OK26: så gör du')
    // As the sample member sees it: merge fields filled in, no mail-service tags left.
    expect(html).toContain('Testa')
    expect(html).not.toMatch(/\*\|[A-Z:]+\|\*/)
    // Images come with the preview, not from the (possibly not yet published) public site.
    const images = load(html)('img')
      .map((_, img) => load(img)('img').attr('src'))
      .get()
    expect(images.length).toBeGreaterThan(0)
    for (const src of images) expect(src.startsWith('media/'), src).toBe(true)
    for (const src of images)
      await expect(readFile(path.join(outDir, 'email', decodeURIComponent(src)))).resolves.toBeTruthy()

    const cards = ok(manifest.channels.cards)
    expect(cards.images.map((i) => i.format)).toEqual(['og', 'square', 'story'])
    for (const image of cards.images) {
      const meta = await sharp(path.join(outDir, image.path)).metadata()
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
        format: 'png',
        width: image.width,
        height: image.height,
      })
    }
    expect(cards.post).toContain('Rösta om OK26: så gör du')

    expect(manifest.channels.pdf).toMatchObject({ status: 'not-applicable' })
    expect((manifest.channels.pdf as { reason: string }).reason).toMatch(/Only letters are printed/)
  })

  it('falls back to Danish when the draft has no text in the requested locale, and says so', async () => {
    const { manifest } = await preview('articles', 'loen-stiger-2026', 'sv')
    expect(manifest.document).toMatchObject({ locale: 'da', requestedLocale: 'sv', locales: ['da'] })
    expect(manifest.warnings.map((w) => w.message)).toContain('has no sv text of its own; previewed in da')
  }, 240_000)
})

describe('a preview shown before its cards are drawn (the admin)', () => {
  it('writes the page, the e-mail and the cards’ places first, then draws the cards and the rest of the site copy', async () => {
    const outDir = await tempDir('two-steps')
    const atShown: Record<string, unknown> = {}
    const manifest = await renderPreview({
      loaded: await readSnapshot(FIXTURE),
      snapshotFile: FIXTURE,
      collection: 'articles',
      document: 'a1',
      locale: 'da',
      outDir,
      now: NOW,
      onShown: async (shown) => {
        const written = JSON.parse(await readFile(path.join(outDir, PREVIEW_MANIFEST), 'utf8'))
        const cards = ok(written.channels.cards as PreviewManifest['channels']['cards'])
        Object.assign(atShown, {
          complete: written.complete,
          equal: JSON.stringify(written) === JSON.stringify(shown),
          page: existsSync(path.join(outDir, ok(shown.channels.web).path)),
          email: existsSync(path.join(outDir, ok(shown.channels.email).path)),
          post: cards.post,
          cardsDrawn: cards.images.filter((image) => existsSync(path.join(outDir, image.path))).length,
          otherPages: existsSync(path.join(outDir, 'web', 'artikler', 'loen-stiger-2026', 'index.html')),
        })
      },
    })
    expect(atShown).toMatchObject({ complete: false, equal: true, page: true, email: true, cardsDrawn: 0 })
    expect(atShown.otherPages).toBe(false)
    expect(atShown.post).toContain('Stem om OK26: sådan gør du')

    expect(manifest.complete).toBe(true)
    expect(JSON.parse(await readFile(path.join(outDir, PREVIEW_MANIFEST), 'utf8'))).toEqual(manifest)
    const cards = ok(manifest.channels.cards)
    expect(cards.post).toBe(atShown.post)
    for (const image of cards.images) expect(existsSync(path.join(outDir, image.path)), image.path).toBe(true)
    expect(existsSync(path.join(outDir, 'web', 'artikler', 'loen-stiger-2026', 'index.html'))).toBe(true)
  })
})

describe('preview of a letter', () => {
  it('prints it to the made-up sample recipient, merge fields filled; no page, e-mail or cards', async () => {
    const { outDir, manifest } = await preview('letters', 'l1', 'da')
    const pdf = ok(manifest.channels.pdf)
    expect(pdf.pages).toBeGreaterThanOrEqual(1)
    const text = execFileSync('pdftotext', ['-layout', path.join(outDir, pdf.path), '-'], {
      encoding: 'utf8',
    })
    expect(text).toContain('Velkommen i Fællesforbundet')
    expect(text).toContain('Testa Eksempelsen')
    expect(text).toContain('Prøvevej 1')
    expect(text).toContain('1000 Testrup')
    expect(text).toContain('Kære Testa')
    for (const channel of ['web', 'email', 'cards'] as const)
      expect(manifest.channels[channel].status).toBe('not-applicable')
  })
})

describe('preview of an edition', () => {
  it('renders the edition itself as the sample member receives it, with its warnings', async () => {
    const { outDir, manifest } = await preview('newsletters', 'n1', 'da')
    const email = ok(manifest.channels.email)
    expect(email.sampleEdition).toBe(false)
    expect(email.subject).toBe('OK26: nu skal du stemme')
    const text = load(await readFile(path.join(outDir, email.path), 'utf8'))('body').text()
    // Its items, published, in its own locale.
    expect(text).toContain('Stem om OK26: sådan gør du')
    expect(text).toContain('Lønnen stiger 4,5 % over to år')
    expect(manifest.warnings).toContainEqual(
      expect.objectContaining({ document: 'newsletters/nyhedsbrev-marts-2026 (da)', field: 'items[3]' }),
    )
    expect(manifest.channels.web.status).toBe('not-applicable')
  })
})

describe('a channel that cannot show the draft', () => {
  it('is reported by name while the other channels still render', async () => {
    const file = await fixtureCopy((snapshot) => {
      const benefit = snapshot.benefits.find((b) => b.key === 'indboforsikring')!
      benefit.validTo = '2026-02-01T00:00:00.000Z' // expired before NOW: the site leaves it out
    })
    const { manifest } = await preview('benefits', 'indboforsikring', 'da', file)
    expect(manifest.channels.web.status).toBe('failed')
    expect((manifest.channels.web as { message: string }).message).toMatch(
      /^benefits\/indboforsikring \(da\): the site leaves this page out/,
    )
    expect(manifest.channels.email.status).toBe('ok')
    expect(manifest.channels.cards.status).toBe('ok')
  })
})

describe('preview of a site page', () => {
  it('shows its web page at its place under its parent; e-mail, letter and cards do not apply', async () => {
    const common = (key: string, slug: string) => ({
      id: key,
      key,
      slug,
      locale: 'da' as const,
      fallbackFields: [],
      translations: { da: slug },
      publishedAt: '2026-01-05T08:00:00.000Z',
      updatedAt: '2026-03-01T08:00:00.000Z',
      oldPaths: [],
      order: 0,
      summary: '',
      body: [],
    })
    const file = await fixtureCopy((snapshot) => {
      snapshot.pages = [
        { ...common('om-os', 'om-os'), title: 'Om os', parent: null, parentSlugs: [] },
        {
          ...common('styrelsen', 'styrelsen'),
          title: 'Styrelsen: ny sammensætning efter kongressen',
          parent: 'om-os',
          parentSlugs: ['om-os'],
        },
      ]
    })
    const { outDir, manifest } = await preview('pages', 'styrelsen', 'da', file)
    const web = ok(manifest.channels.web)
    expect(web.sitePath).toBe('/om-os/styrelsen/')
    const page = load(await readFile(path.join(outDir, web.path), 'utf8'))
    expect(page('h1').first().text()).toBe('Styrelsen: ny sammensætning efter kongressen')
    for (const channel of ['email', 'pdf', 'cards'] as const)
      expect(manifest.channels[channel]).toMatchObject({ status: 'not-applicable', reasonKey: 'sitePage' })
  })
})
