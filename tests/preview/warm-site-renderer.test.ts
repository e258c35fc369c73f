/**
 * The warm site renderer behind the admin's preview: one Astro build, then each snapshot's pages
 * rendered through the kept bundle. The pages must be the site's own (the same bytes a full build
 * writes, apart from the hero pictures) and must follow each new snapshot.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildSite } from '../../channels/site/build-site.ts'
import { createWarmSiteRenderer } from '../../channels/site/warm-site-renderer.ts'
import { readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { FIXTURE, fixtureFolders, NOW } from './fixture-folders.ts'

const { tempDir, fixtureCopy, removeAll } = fixtureFolders('warm-site')
const renderer = createWarmSiteRenderer()

afterAll(async () => {
  await renderer.close()
  await removeAll()
})

async function render(snapshotFile: string, first: string[] = []) {
  const siteDir = await tempDir('out')
  const result = await renderer.render({
    loaded: await readSnapshot(snapshotFile),
    snapshotFile,
    siteDir,
    buildDate: NOW,
    first,
  })
  return { siteDir, result }
}

const page = (siteDir: string, sitePath: string) =>
  readFile(path.join(siteDir, ...sitePath.split('/').filter(Boolean), 'index.html'), 'utf8')

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && e.name === 'index.html')
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort()
}

/** Hero pictures come from Astro's image pipeline in a build and from Payload's renditions in a preview. */
const withoutPictures = (html: string) => html.replace(/<img [^>]*>/g, '<img>')

describe('warm site renderer', () => {
  const renamed = 'Ny titel: afstemningen om OK26 er forlænget'
  const newSlug = 'afstemningen-forlaenget'

  it('builds once, then renders each new snapshot through the same bundle', async () => {
    const original = await render(FIXTURE)
    expect(original.result.seconds.build).toBeGreaterThan(0)
    expect(await page(original.siteDir, '/artikler/ok26-afstemning/')).toContain('<h1>')

    const edited = await fixtureCopy((snapshot) => {
      const article = snapshot.articles.find((a) => a.id === 'a1' && a.locale === 'da')!
      article.title = renamed
      article.slug = newSlug
      article.translations = { ...article.translations, da: newSlug }
    })
    const second = await render(edited, [`/artikler/${newSlug}/`])
    // No Astro build the second time: the page came from the kept bundle.
    expect(second.result.seconds.build).toBe(0)
    expect(second.result.pages[0]).toBe(`/artikler/${newSlug}/`)
    expect(await page(second.siteDir, `/artikler/${newSlug}/`)).toContain(`<h1>${renamed}</h1>`)
    // The home page lists it under its new title; the old address is gone from this snapshot's pages.
    expect(await page(second.siteDir, '/')).toContain(renamed)
    expect(second.result.pages).not.toContain('/artikler/ok26-afstemning/')
    // The first render's output is untouched by the second.
    expect(await page(original.siteDir, '/artikler/ok26-afstemning/')).not.toContain(renamed)
  })

  it('writes the pages a full site build writes, byte for byte apart from the pictures', async () => {
    const snapshotFile = await fixtureCopy(() => {})
    const warm = await render(snapshotFile)
    const full = await tempDir('full')
    await buildSite({
      loaded: await readSnapshot(snapshotFile),
      snapshotFile,
      siteDir: full,
      buildDate: NOW,
      search: false,
    })

    const files = await htmlFiles(warm.siteDir)
    expect(files.length).toBeGreaterThan(20)
    expect(files).toEqual((await htmlFiles(full)).filter((f) => f !== '404.html'))
    let samePictures = 0
    for (const file of files) {
      const [warmHtml, fullHtml] = await Promise.all([
        readFile(path.join(warm.siteDir, file), 'utf8'),
        readFile(path.join(full, file), 'utf8'),
      ])
      expect(withoutPictures(warmHtml), file).toBe(withoutPictures(fullHtml))
      if (warmHtml === fullHtml) samePictures++
    }
    // Pages without a hero (benefits, the about page) are identical as they are.
    expect(samePictures).toBeGreaterThan(0)
    // Every picture the preview's pages show was copied beside them.
    for (const file of files) {
      const html = await readFile(path.join(warm.siteDir, file), 'utf8')
      for (const [, src] of html.matchAll(/<img [^>]*src="(\/[^"]+)"/g))
        await expect(readFile(path.join(warm.siteDir, src)), `${file}: ${src}`).resolves.toBeInstanceOf(
          Buffer,
        )
    }
  })
})
