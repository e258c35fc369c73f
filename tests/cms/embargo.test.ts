/**
 * A published document with a future `publishedAt` (an embargo), and a benefit outside its validity
 * window, stay out of the public API as they stay out of every channel: anonymous REST list, REST by id
 * and GraphQL through Payload's own route handlers on a real SQLite database; an editor still sees them.
 * (tests/e2e/web-security.test.ts checks the same over HTTP against `next dev`.)
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

let cms: TempCms
let payload: Payload
let editor: Record<string, unknown> & { id: number | string; collection: 'users' }
let restGet: (path: string, headers?: Record<string, string>) => Promise<Response>
let graphql: (query: string) => Promise<{
  data?: Record<string, { docs?: { title?: string; name?: string }[] } | { title?: string } | null>
  errors?: unknown[]
}>
const ids: Record<string, string> = {}

const EMBARGO = '2030-01-01T00:00:00.000Z'
const past = '2026-01-15T08:00:00.000Z'

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  editor = {
    ...(await payload.create({
      collection: 'users',
      data: { email: 'redaktion@example.org', password: 'Fjeldet-i-sne-26', role: 'admin' },
      overrideAccess: true,
    })),
    collection: 'users',
  } as typeof editor
  const publish = async (
    collection: 'articles' | 'benefits' | 'campaigns' | 'newsletters' | 'letters',
    key: string,
    data: Record<string, unknown>,
  ) => {
    const doc = await payload.create({
      collection,
      data: { ...data, _status: 'published' } as never,
      overrideAccess: true,
    })
    ids[key] = String(doc.id)
  }
  await publish('articles', 'publicArticle', { title: 'Ny overenskomst i hus', publishedAt: past })
  await publish('articles', 'embargoed', { title: 'Hemmelig lønaftale', publishedAt: EMBARGO })
  await publish('campaigns', 'embargoedCampaign', { title: 'Kampagne under embargo', publishedAt: EMBARGO })
  await publish('newsletters', 'embargoedEdition', {
    subject: 'Nyhedsbrev under embargo',
    publishedAt: EMBARGO,
  })
  await publish('letters', 'embargoedLetter', { subject: 'Brev under embargo', publishedAt: EMBARGO })
  await publish('benefits', 'validBenefit', {
    name: 'Rabat på feriehus',
    category: 'Fritid',
    publishedAt: past,
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2029-12-31T00:00:00.000Z',
  })
  await publish('benefits', 'expiredBenefit', {
    name: 'Udløbet forsikring',
    category: 'Forsikring',
    publishedAt: past,
    validTo: '2026-02-01T00:00:00.000Z',
  })
  await publish('benefits', 'futureBenefit', {
    name: 'Kommende kursus',
    category: 'Uddannelse',
    publishedAt: past,
    validFrom: '2029-06-01T00:00:00.000Z',
  })

  const { GRAPHQL_POST, REST_GET } = await import('@payloadcms/next/routes')
  const { default: config } = await import('../../cms/payload.config.ts')
  const get = REST_GET(config)
  const post = GRAPHQL_POST(config)
  restGet = (path, headers = {}) =>
    get(new Request(`http://localhost:3000/api/${path}`, { headers }), {
      params: Promise.resolve({ slug: path.split('?')[0].split('/') }),
    })
  graphql = async (query) =>
    (await (
      await post(
        new Request('http://localhost:3000/api/graphql', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ query }),
        }),
      )
    ).json()) as never
})

afterAll(async () => cms?.close())

const titles = async (response: Response) =>
  ((await response.json()) as { docs: { title?: string; name?: string; subject?: string }[] }).docs.map(
    (d) => d.title ?? d.name ?? d.subject,
  )

describe('anonymous readers of the API', () => {
  it('do not get an embargoed article in the REST list, by id, or by a query on its date', async () => {
    expect(await titles(await restGet('articles'))).toEqual(['Ny overenskomst i hus'])
    expect((await restGet(`articles/${ids.embargoed}`)).status).toBe(404)
    expect(await titles(await restGet('articles?where[publishedAt][greater_than]=2029-01-01'))).toEqual([])
    expect((await restGet(`articles/${ids.publicArticle}`)).status).toBe(200)
  })

  it('do not get embargoed campaigns, editions or letters', async () => {
    for (const [collection, key] of [
      ['campaigns', 'embargoedCampaign'],
      ['newsletters', 'embargoedEdition'],
      ['letters', 'embargoedLetter'],
    ]) {
      expect(await titles(await restGet(collection)), collection).toEqual([])
      expect((await restGet(`${collection}/${ids[key]}`)).status, collection).toBe(404)
    }
  })

  it('get only benefits within their validity window', async () => {
    expect(await titles(await restGet('benefits'))).toEqual(['Rabat på feriehus'])
    expect((await restGet(`benefits/${ids.expiredBenefit}`)).status).toBe(404)
    expect((await restGet(`benefits/${ids.futureBenefit}`)).status).toBe(404)
  })

  it('do not get an embargoed article over GraphQL, in a list or by id', async () => {
    const list = await graphql('{ Articles { docs { title } } }')
    expect(list.errors).toBeUndefined()
    expect((list.data?.Articles as { docs: { title: string }[] }).docs.map((d) => d.title)).toEqual([
      'Ny overenskomst i hus',
    ])
    const byId = await graphql(`{ Article(id: ${ids.embargoed}) { title } }`)
    expect(byId.data?.Article ?? null).toBeNull()
    const benefits = await graphql('{ Benefits { docs { name } } }')
    expect((benefits.data?.Benefits as { docs: { name: string }[] }).docs.map((d) => d.name)).toEqual([
      'Rabat på feriehus',
    ])
  })
})

describe('editors', () => {
  it('still see the embargoed article and the benefits outside their window', async () => {
    const articles = await payload.find({
      collection: 'articles',
      overrideAccess: false,
      user: editor,
      sort: 'title',
    })
    expect(articles.docs.map((d) => d.title)).toEqual(['Hemmelig lønaftale', 'Ny overenskomst i hus'])
    const embargoed = await payload.findByID({
      collection: 'articles',
      id: ids.embargoed,
      overrideAccess: false,
      user: editor,
    })
    expect(embargoed.publishedAt).toBe(EMBARGO)
    const benefits = await payload.find({ collection: 'benefits', overrideAccess: false, user: editor })
    expect(benefits.docs).toHaveLength(3)
  })
})
