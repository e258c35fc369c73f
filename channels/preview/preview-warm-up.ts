/**
 * The preview worker's warm-up, run once when the admin starts (cms/preview/warm-at-boot.ts): a
 * throwaway preview of an article and of a letter from a small snapshot, so Astro's page bundle is
 * built and MJML, pdfkit's fonts, satori and sharp are loaded before an editor asks for the first
 * preview. The page bundle depends only on the site's sources and its URL (warm-site-renderer.ts
 * rebuilds it when the URL changes), so the snapshot's site URL is replaced by the Organisation's:
 * the bundle built here then serves every draft.
 *
 * A small snapshot (the built-in sample, samples/snapshot/), not the last published one: Astro's build renders every page
 * of the snapshot it is given, and a published site of 10,000 articles would make the warm-up a full
 * site build.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { readSnapshot } from '../snapshot/read-snapshot.ts'
import type { Snapshot } from '../snapshot/schema.ts'
import type { WarmSiteRenderer } from '../site/warm-site-renderer.ts'
import { renderPreview } from './render-preview.ts'

export interface WarmUpOptions {
  snapshotFile: string
  siteUrl: string
  /** Scratch folder (removed afterwards). */
  outDir: string
  siteRenderer: WarmSiteRenderer
  log: (line: string) => void
}

export async function warmUpPreviews(options: WarmUpOptions): Promise<void> {
  const outDir = path.resolve(options.outDir)
  try {
    const snapshotDir = path.join(outDir, 'snapshot')
    await mkdir(snapshotDir, { recursive: true })
    const snapshot = JSON.parse(await readFile(options.snapshotFile, 'utf8')) as Snapshot
    snapshot.organisation.siteUrl = options.siteUrl
    const snapshotFile = path.join(snapshotDir, 'snapshot.json')
    await writeFile(snapshotFile, JSON.stringify(snapshot))
    await cp(path.join(path.dirname(options.snapshotFile), 'media'), path.join(snapshotDir, 'media'), {
      recursive: true,
    }).catch(() => undefined)
    const loaded = await readSnapshot(snapshotFile)
    const article = loaded.snapshot.articles[0]
    const letter = loaded.snapshot.letters[0]
    if (!article) throw new Error(`${options.snapshotFile}: has no article to warm up with`)
    const common = { loaded, snapshotFile, siteRenderer: options.siteRenderer, log: options.log }
    await renderPreview({
      ...common,
      collection: 'articles',
      document: article.id,
      locale: article.locale,
      outDir: path.join(outDir, 'article'),
    })
    if (letter)
      await renderPreview({
        ...common,
        collection: 'letters',
        document: letter.id,
        locale: letter.locale,
        outDir: path.join(outDir, 'letter'),
      })
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}
