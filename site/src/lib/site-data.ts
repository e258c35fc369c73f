/**
 * The site model for this build, made once from the snapshot (with the heroes' image metadata from the
 * `heroes` collection) and shared by every page and feed (Astro renders all pages in one process, so
 * the memo holds for the whole build).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { ImageMetadata } from 'astro'
import { getCollection } from 'astro:content'
import type { Article, Campaign, Media } from '../../../channels/snapshot/schema.ts'
import { buildSiteModel, type SiteModel } from '../../../channels/site/site-model.ts'
import { SITE_ENV, siteBuildDate } from '../../../channels/site/site-env.ts'
import { siteModelOverride } from '../../../channels/site/site-model-override.ts'
import { heroId, snapshotFile, validatedSnapshot } from './snapshot-loader.ts'
import { setting } from '../../../channels/shared/config.ts'

let model: Promise<SiteModel> | undefined

export function siteModel(): Promise<SiteModel> {
  // A warm renderer (the admin's preview) renders another snapshot's pages through this bundle.
  const override = siteModelOverride()
  if (override) return Promise.resolve(override.model)
  model ??= load()
  return model
}

async function load(): Promise<SiteModel> {
  const [snapshot, heroes] = await Promise.all([
    validatedSnapshot(),
    getCollection('heroes') as Promise<Array<{ id: string; data: { heroImage: ImageMetadata } }>>,
  ])
  const pipeline = new Map(heroes.map((entry) => [entry.id, entry.data.heroImage]))
  // A document carries its hero's image metadata as `heroImage` (HeroImage.astro), null without one.
  const withHero = <T extends Article | Campaign>(collection: 'articles' | 'campaigns', docs: T[]) =>
    docs.map((doc) => ({ ...doc, heroImage: pipeline.get(heroId(collection, doc)) ?? null }))
  const snapshotDir = path.dirname(snapshotFile())
  return buildSiteModel(
    {
      articles: withHero('articles', snapshot.articles),
      benefits: snapshot.benefits,
      campaigns: withHero('campaigns', snapshot.campaigns),
      pages: snapshot.pages,
      topics: snapshot.topics,
      organisation: snapshot.organisation,
      navigation: snapshot.navigation,
      redirects: snapshot.redirects,
    },
    {
      buildDate: siteBuildDate(),
      mediaExists: (media: Media) => existsSync(path.resolve(snapshotDir, media.file)),
    },
  )
}

/** The folder the site is being written to (social cards are already there when publish runs). */
export function siteOutDir(): string {
  const override = siteModelOverride()
  if (override) return override.outDir
  const dir = setting('BUDSTIKKE_SITE_OUT')
  if (!dir) throw new Error(`${SITE_ENV.outDir} is not set`)
  return dir
}
