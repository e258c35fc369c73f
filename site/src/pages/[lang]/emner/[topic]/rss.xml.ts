import { feedEndpoint, feedPaths } from '../../../../lib/feed-response.ts'

export const getStaticPaths = feedPaths({ localePrefix: true, kind: 'topic' })
export const GET = feedEndpoint
