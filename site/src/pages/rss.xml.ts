import { danishFeedEndpoint } from '../lib/feed-response.ts'

export const GET = danishFeedEndpoint('articles')
