// The site's data: slices of the snapshot, validated once as a whole by the snapshot's own reader
// (site/src/lib/snapshot-loader.ts). The only schemas here hand a hero file to Astro's image pipeline.
import { defineCollection } from 'astro:content'
import { z } from 'astro/zod'
import { localizedEntries, snapshotLoader } from './lib/snapshot-loader.ts'

/** `heroImage` (a file next to the snapshot) becomes Astro image metadata; the rest passes as validated. */
const withHero = ({ image }: { image: () => z.ZodType }) => z.looseObject({ heroImage: image() })

export const collections = {
  articles: defineCollection({
    loader: snapshotLoader('articles', (s) => localizedEntries(s.articles)),
    schema: withHero,
  }),
  benefits: defineCollection({
    loader: snapshotLoader('benefits', (s) => localizedEntries(s.benefits)),
  }),
  campaigns: defineCollection({
    loader: snapshotLoader('campaigns', (s) => localizedEntries(s.campaigns)),
    schema: withHero,
  }),
  pages: defineCollection({
    loader: snapshotLoader('pages', (s) => localizedEntries(s.pages)),
  }),
  navigation: defineCollection({
    loader: snapshotLoader('navigation', (s) => [{ id: 'navigation', data: s.navigation }]),
  }),
  topics: defineCollection({
    loader: snapshotLoader('topics', (s) => s.topics.map((t) => ({ id: t.slug, data: t }))),
  }),
  organisation: defineCollection({
    loader: snapshotLoader('organisation', (s) => [{ id: 'organisation', data: s.organisation }]),
  }),
}
