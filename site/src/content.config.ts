// The site reads its documents from the snapshot itself (site/src/lib/snapshot-loader.ts says why); the one
// content collection hands each article's and campaign's hero file to Astro's image pipeline.
import { defineCollection } from 'astro:content'
import { z } from 'astro/zod'
import { heroLoader } from './lib/snapshot-loader.ts'

export const collections = {
  heroes: defineCollection({
    loader: heroLoader(),
    schema: ({ image }) => z.object({ heroImage: image() }),
  }),
}
