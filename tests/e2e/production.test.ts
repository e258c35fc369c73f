/**
 * The README's production start: `npm run cms:build` (migrations, then `next build cms`) and
 * `next start cms` (what `npm run cms:start` runs after migrating). On a fresh data folder the built admin
 * asks for the first user, who can then sign in through the API and read drafts; anonymous readers get
 * only published documents, and the preview route sends them to the login page.
 * Runs in `npm test`'s second, one-file-at-a-time vitest run: the build writes cms/.next.
 */
import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeAdminSession } from './helpers/browser.ts'
import {
  freePort,
  projectRoot,
  runCommand,
  startAdminServer,
  waitForHttp,
  type AdminServer,
} from './helpers/admin-server.ts'

/** `next build` of the admin: ~3 min on an idle 2-core machine, more when the cores are shared. */
const BUILD_TIMEOUT = 15 * 60_000
const START_TIMEOUT = 2 * 60_000
const account = { email: 'drift@example.org', password: 'Taage-over-Oeresund-31', name: 'Prøve Driftsen' }

let dataDir: string
let server: AdminServer | undefined
let buildOutput = ''

beforeAll(
  async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-production-'))
    const build = await runCommand('npm', ['run', 'cms:build'], dataDir, BUILD_TIMEOUT)
    buildOutput = build.output
    if (build.code !== 0)
      throw new Error(`npm run cms:build failed (exit ${build.code}):\n${build.output.slice(-6_000)}`)
    // cms:start is `budstikke migrate && next start cms` (port: PORT, default 3000); here the port is the test's own.
    const migrate = await runCommand('npx', ['budstikke', 'migrate'], dataDir, START_TIMEOUT)
    if (migrate.code !== 0) throw new Error(`budstikke migrate failed:\n${migrate.output.slice(-3_000)}`)
    server = startAdminServer(await freePort(), dataDir, {}, 'start')
    await waitForHttp(`${server.url}/api/users/me`, START_TIMEOUT, server)
  },
  BUILD_TIMEOUT + 2 * START_TIMEOUT,
)

afterAll(() => closeAdminSession({ server, dataDir }), 60_000)

describe('production start (cms:build, then next start)', () => {
  it('builds the admin with its preview route', () => {
    expect(existsSync(path.join(projectRoot, 'cms/.next/BUILD_ID'))).toBe(true)
    expect(buildOutput).toMatch(/\/preview\/\[\.\.\.path\]/)
  })

  it('serves the admin pages, the first-user form included', async () => {
    for (const page of ['/admin', '/admin/login', '/admin/create-first-user']) {
      const response = await fetch(`${server!.url}${page}`)
      expect(response.status, page).toBe(200)
      // Our admin (Payload with this project's config), not a Next error page: the title carries its name.
      expect(await response.text(), page).toMatch(/<title>[^<]*Budstikke<\/title>/)
    }
  })

  it('serves the REST API: the first user signs in and reads drafts, anonymous readers only published documents', async () => {
    const url = server!.url
    const registered = await fetch(`${url}/api/users/first-register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...account, confirmPassword: account.password }),
    })
    expect(registered.status, await registered.clone().text()).toBe(200)
    const login = await fetch(`${url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(account),
    })
    const { token, user } = (await login.json()) as { token: string; user: { role?: string } }
    expect(user.role).toBe('admin')
    const auth = { authorization: `JWT ${token}`, 'content-type': 'application/json' }

    const draft = await fetch(`${url}/api/articles?draft=true`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        title: 'Kladde til driftsprøven',
        summary: 'Ikke udgivet endnu.',
        _status: 'draft',
      }),
    })
    expect(draft.status, await draft.clone().text()).toBe(201)
    const asEditor = (await (await fetch(`${url}/api/articles?draft=true`, { headers: auth })).json()) as {
      totalDocs: number
    }
    expect(asEditor.totalDocs).toBe(1)
    const anonymous = (await (await fetch(`${url}/api/articles`)).json()) as { totalDocs: number }
    expect(anonymous.totalDocs).toBe(0)
    expect((await fetch(`${url}/api/users`)).status).toBe(403)
  })

  it('keeps previews for signed-in users', async () => {
    const response = await fetch(`${server!.url}/preview/articles/1?locale=da`, { redirect: 'manual' })
    expect([302, 303, 307]).toContain(response.status)
    expect(response.headers.get('location')).toMatch(/\/admin\/login/)
  })
})
