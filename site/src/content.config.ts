// The site's data: slices of the snapshot, each validated by the snapshot's own zod schema.
import { defineCollection } from 'astro:content'
import {
  articleSchema,
  benefitSchema,
  campaignSchema,
  navigationSchema,
  organisationSchema,
  pageSchema,
  redirectSchema,
  topicSchema,
} from '../../channels/snapshot/schema.ts'
import { localizedEntries, snapshotLoader } from './lib/snapshot-loader.ts'

export const collections = {
  articles: defineCollection({
    loader: snapshotLoader('articles', (s) => localizedEntries(s.articles)),
    schema: ({ image }) => articleSchema.extend({ heroImage: image().nullable() }),
  }),
  benefits: defineCollection({
    loader: snapshotLoader('benefits', (s) => localizedEntries(s.benefits)),
    schema: benefitSchema,
  }),
  campaigns: defineCollection({
    loader: snapshotLoader('campaigns', (s) => localizedEntries(s.campaigns)),
    schema: ({ image }) => campaignSchema.extend({ heroImage: image().nullable() }),
  }),
  // Snapshots from before pages and navigation lack both: none, and the site's own menu.
  pages: defineCollection({
    loader: snapshotLoader('pages', (s) => localizedEntries(s.pages ?? [])),
    schema: pageSchema,
  }),
  navigation: defineCollection({
    loader: snapshotLoader('navigation', (s) => [
      { id: 'navigation', data: s.navigation ?? { header: {}, footer: {} } },
    ]),
    schema: navigationSchema,
  }),
  // Editors' redirects: the pages only ask whether one has a query (SiteModel.queryRedirects).
  redirects: defineCollection({
    loader: snapshotLoader('redirects', (s) => (s.redirects ?? []).map((r) => ({ id: r.id, data: r }))),
    schema: redirectSchema,
  }),
  topics: defineCollection({
    loader: snapshotLoader('topics', (s) => s.topics.map((t) => ({ id: t.slug, data: t }))),
    schema: topicSchema,
  }),
  organisation: defineCollection({
    loader: snapshotLoader('organisation', (s) => [{ id: 'organisation', data: s.organisation }]),
    schema: organisationSchema,
  }),
}
