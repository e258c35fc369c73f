/**
 * Every collection and global of the CMS, in the admin's order: one list that the Payload config and
 * the tests that check the whole model (e.g. every field named in every admin language) both read.
 */
import type { CollectionConfig, GlobalConfig } from 'payload'
import { Articles } from './collections/Articles.ts'
import { Benefits } from './collections/Benefits.ts'
import { Campaigns } from './collections/Campaigns.ts'
import { Letters } from './collections/Letters.ts'
import { Media } from './collections/Media.ts'
import { Newsletters } from './collections/Newsletters.ts'
import { Pages } from './collections/Pages.ts'
import { Redirects } from './collections/Redirects.ts'
import { Segments, Topics } from './collections/Topics.ts'
import { Users } from './collections/Users.ts'
import { Navigation } from './globals/Navigation.ts'
import { Organisation } from './globals/Organisation.ts'
import { PublishStatus } from './globals/PublishStatus.ts'

export const COLLECTIONS: CollectionConfig[] = [
  Articles,
  Benefits,
  Campaigns,
  Pages,
  Newsletters,
  Letters,
  Media,
  Topics,
  Segments,
  Redirects,
  Users,
]

export const GLOBALS: GlobalConfig[] = [Organisation, Navigation, PublishStatus]
