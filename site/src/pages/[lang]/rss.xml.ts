import { feedEndpoint, feedPaths } from '../../lib/feed-response.ts'

export const getStaticPaths = feedPaths({ localePrefix: true, kind: 'articles' })
export const GET = feedEndpoint
