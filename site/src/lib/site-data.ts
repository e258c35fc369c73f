/**
 * The site model for this build, made once from the content collections and shared by every page
 * and feed (Astro renders all pages in one process, so the memo holds for the whole build).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { getCollection } from 'astro:content'
import type {
  Article,
  Benefit,
  Campaign,
  Media,
  Navigation,
  Organisation,
  Page,
  Redirect,
  Topic,
} from '../../../channels/snapshot/schema.ts'
import { buildSiteModel, type SiteModel } from '../../../channels/site/site-model.ts'
import { SITE_ENV, siteBuildDate } from '../../../channels/site/site-env.ts'
import { siteModelOverride } from '../../../channels/site/site-model-override.ts'
import { snapshotFile } from './snapshot-loader.ts'
import { setting } from '../../../channels/shared/config.ts'

type Entry<T> = { id: string; data: T }

let model: Promise<SiteModel> | undefined

export function siteModel(): Promise<SiteModel> {
  // A warm renderer (the admin's preview) renders another snapshot's pages through this bundle.
  const override = siteModelOverride()
  if (override) return Promise.resolve(override.model)
  model ??= load()
  return model
}

async function load(): Promise<SiteModel> {
  const data = async <T>(name: string): Promise<T[]> =>
    ((await getCollection(name)) as Entry<T>[]).map((entry) => entry.data)
  const [articles, benefits, campaigns, pages, topics, organisation, navigation, redirects] =
    await Promise.all([
      data<Article>('articles'),
      data<Benefit>('benefits'),
      data<Campaign>('campaigns'),
      data<Page>('pages'),
      data<Topic>('topics'),
      data<Organisation>('organisation'),
      data<Navigation>('navigation'),
      data<Redirect>('redirects'),
    ])
  if (!organisation[0]) throw new Error(`${snapshotFile()}: the snapshot has no organisation`)
  const snapshotDir = path.dirname(snapshotFile())
  return buildSiteModel(
    {
      articles,
      benefits,
      campaigns,
      pages,
      topics,
      organisation: organisation[0],
      navigation: navigation[0],
      redirects,
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
