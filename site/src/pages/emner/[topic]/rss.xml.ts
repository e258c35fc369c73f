import { feedEndpoint, feedPaths } from '../../../lib/feed-response.ts'

export const getStaticPaths = feedPaths({ localePrefix: false, kind: 'topic' })
export const GET = feedEndpoint
