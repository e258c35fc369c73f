/**
 * Access rules as each role meets them: through the Local API with overrideAccess: false and the role's user,
 * and anonymously over Payload's REST handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

let cms: TempCms
let payload: Payload
let admin: Record<string, unknown> & { id: number | string; collection: 'users' }
let editor: Record<string, unknown> & { id: number | string; collection: 'users' }

beforeAll(async () => {
  cms = await startTempCms()
  payload = cms.payload
  const asUser = (doc: unknown) => ({ ...(doc as object), collection: 'users' as const }) as typeof admin
  // The first account becomes admin whatever it asks for.
  admin = asUser(
    await payload.create({
      collection: 'users',
      data: { email: 'admin@example.org', password: 'pw-admin-123', role: 'editor' },
      overrideAccess: true,
    }),
  )
  editor = asUser(
    await payload.create({
      collection: 'users',
      data: { email: 'editor@example.org', password: 'pw-editor-123', role: 'editor' },
      user: admin,
      overrideAccess: false,
    }),
  )
  await payload.create({
    collection: 'articles',
    data: { title: 'Offentlig artikel', _status: 'published' },
    overrideAccess: true,
  })
  await payload.create({
    collection: 'articles',
    data: { title: 'Hemmelig kladde', _status: 'draft' },
    draft: true,
    overrideAccess: true,
  })
})

afterAll(async () => cms?.close())

describe('anonymous readers', () => {
  it('see published articles only', async () => {
    const result = await payload.find({ collection: 'articles', overrideAccess: false, draft: false })
    expect(result.docs.map((d) => d.title)).toEqual(['Offentlig artikel'])
  })

  it('cannot read a draft by id', async () => {
    const draft = await payload.find({
      collection: 'articles',
      where: { title: { equals: 'Hemmelig kladde' } },
      overrideAccess: true,
      draft: true,
    })
    await expect(
      payload.findByID({ collection: 'articles', id: draft.docs[0].id, overrideAccess: false }),
    ).rejects.toThrow()
  })

  it('see nothing of users', async () => {
    await expect(payload.find({ collection: 'users', overrideAccess: false })).rejects.toThrow(/not allowed/i)
  })

  it('cannot create content', async () => {
    await expect(
      payload.create({ collection: 'articles', data: { title: 'Spam' }, overrideAccess: false }),
    ).rejects.toThrow(/not allowed/i)
  })

  it('get only published articles and no users over the REST API', async () => {
    const { REST_GET } = await import('@payloadcms/next/routes')
    const { default: config } = await import('../../cms/payload.config.ts')
    const get = REST_GET(config)
    const call = async (slug: string[]) =>
      get(new Request(`http://localhost/api/${slug.join('/')}`), { params: Promise.resolve({ slug }) })
    const articles = (await (await call(['articles'])).json()) as { docs: { title: string }[] }
    expect(articles.docs.map((d) => d.title)).toEqual(['Offentlig artikel'])
    const users = await call(['users'])
    expect(users.status).toBe(403)
  })
})

describe('editors', () => {
  it('are editors, and the first user is an admin', () => {
    expect(admin.role).toBe('admin')
    expect(editor.role).toBe('editor')
  })

  it('create, edit and publish content, and see drafts', async () => {
    const doc = await payload.create({
      collection: 'articles',
      data: { title: 'Redaktørens artikel', _status: 'published' },
      user: editor,
      overrideAccess: false,
    })
    const updated = await payload.update({
      collection: 'articles',
      id: doc.id,
      data: { summary: 'Ny teaser' },
      user: editor,
      overrideAccess: false,
    })
    expect(updated.summary).toBe('Ny teaser')
    const all = await payload.find({
      collection: 'articles',
      user: editor,
      overrideAccess: false,
      draft: true,
    })
    expect(all.docs.map((d) => d.title)).toContain('Hemmelig kladde')
  })

  it('cannot create users', async () => {
    await expect(
      payload.create({
        collection: 'users',
        data: { email: 'x@example.org', password: 'pw-x-12345', role: 'editor' },
        user: editor,
        overrideAccess: false,
      }),
    ).rejects.toThrow(/not allowed/i)
  })

  it('cannot make themselves admin', async () => {
    await payload.update({
      collection: 'users',
      id: editor.id,
      data: { role: 'admin' },
      user: editor,
      overrideAccess: false,
    })
    const after = await payload.findByID({ collection: 'users', id: editor.id, overrideAccess: true })
    expect(after.role).toBe('editor')
  })

  it('see only their own account', async () => {
    const users = await payload.find({ collection: 'users', user: editor, overrideAccess: false })
    expect(users.docs.map((u) => u.email)).toEqual(['editor@example.org'])
  })

  it('cannot change the organisation', async () => {
    await expect(
      payload.updateGlobal({
        slug: 'organisation',
        data: { name: 'Kapret' },
        user: editor,
        overrideAccess: false,
      }),
    ).rejects.toThrow(/not allowed/i)
  })
})

describe('admins', () => {
  it('create users and change roles', async () => {
    const created = await payload.create({
      collection: 'users',
      data: { email: 'new@example.org', password: 'pw-new-12345', role: 'editor' },
      user: admin,
      overrideAccess: false,
    })
    const promoted = await payload.update({
      collection: 'users',
      id: created.id,
      data: { role: 'admin' },
      user: admin,
      overrideAccess: false,
    })
    expect(promoted.role).toBe('admin')
  })
})
