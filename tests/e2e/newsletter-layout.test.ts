/**
 * Newsletter editions in headless Chromium at a phone width and a desktop width: nothing may
 * overflow horizontally (a member would have to scroll sideways). Images are served from the
 * fixture's media folder so they take their real size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { renderNewsletters, type RenderedEdition } from '../../channels/newsletter/render-newsletters.ts'
import { newsletterFixture, sharedFixtureDir } from '../newsletter/fixtures/newsletter-snapshot.ts'
import { CHROMIUM_ARGS } from './helpers/browser.ts'

let browser: Browser
let editions: RenderedEdition[]

beforeAll(async () => {
  const loaded = await newsletterFixture()
  editions = (await renderNewsletters(loaded, { mergeSyntax: 'mailchimp' })).editions.filter(
    (e) => e.meta.edition !== 'big-edition',
  )
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
})

afterAll(async () => {
  await browser?.close()
})

/** A page whose requests for the site's media are answered from the fixture; everything else is refused. */
async function openPage(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } })
  await page.route('https://faf.example.org/**', async (route) => {
    const url = new URL(route.request().url())
    if (!url.pathname.startsWith('/media/')) return route.fulfill({ status: 404, body: '' })
    const body = await readFile(path.join(sharedFixtureDir, decodeURIComponent(url.pathname)))
    return route.fulfill({
      status: 200,
      body,
      contentType: url.pathname.endsWith('.png') ? 'image/png' : 'image/jpeg',
    })
  })
  await page.route(/^(?!https:\/\/faf\.example\.org)https?:\/\//, (route) => route.abort())
  return page
}

describe.each([375, 800])('newsletter at %i px', (width) => {
  it('has no horizontal overflow in any edition, in light and dark mode', async () => {
    const page = await openPage(width)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      for (const edition of editions) {
        await page.setContent(edition.html, { waitUntil: 'load' })
        const size = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          // An ancestor with overflow:hidden can hide an overflow from scrollWidth: check every element's right edge too.
          rightmost: Math.max(
            ...[...document.body.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right),
          ),
          images: [...document.images].filter((img) => img.complete && img.naturalWidth > 0).length,
          total: document.images.length,
        }))
        expect(size.scrollWidth, `${edition.folder} (${scheme})`).toBeLessThanOrEqual(size.clientWidth)
        expect(size.rightmost, `${edition.folder} (${scheme}): rightmost element edge`).toBeLessThanOrEqual(
          size.clientWidth + 0.5,
        )
        expect(size.images, `${edition.folder}: images loaded`).toBe(size.total)
      }
    }
    await page.close()
  })

  it('scales teaser images with the column on a phone instead of stretching them', async () => {
    const page = await openPage(width)
    await page.setContent(editions.find((e) => e.folder === 'nyhedsbrev-marts-2026/da')!.html, {
      waitUntil: 'load',
    })
    const ratios = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLImageElement>('.nl-image img')].map((img) => ({
        rendered: img.getBoundingClientRect().width / img.getBoundingClientRect().height,
        declared: Number(img.getAttribute('width')) / Number(img.getAttribute('height')),
      })),
    )
    expect(ratios.length).toBeGreaterThan(0)
    for (const ratio of ratios) expect(ratio.rendered).toBeCloseTo(ratio.declared, 1)
    await page.close()
  })

  it('switches to light text on a dark background when the reader prefers dark mode', async () => {
    const page = await openPage(width)
    const html = editions.find((e) => e.folder === 'nyhedsbrev-marts-2026/da')!.html
    const colours = async () =>
      page.evaluate(() => {
        const greeting = [...document.querySelectorAll<HTMLElement>('.nl-text div')].find((el) =>
          el.textContent?.includes('Hej'),
        )!
        let node: HTMLElement | null = greeting
        let background = 'rgba(0, 0, 0, 0)'
        while (node && background === 'rgba(0, 0, 0, 0)') {
          background = getComputedStyle(node).backgroundColor
          node = node.parentElement
        }
        return { text: getComputedStyle(greeting).color, background }
      })
    await page.emulateMedia({ colorScheme: 'light' })
    await page.setContent(html)
    expect(await colours()).toEqual({ text: 'rgb(26, 26, 26)', background: 'rgb(255, 255, 255)' })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.setContent(html)
    expect(await colours()).toEqual({ text: 'rgb(238, 238, 238)', background: 'rgb(22, 22, 22)' })
    await page.close()
  })
})
