/**
 * The admin server's answers to odd and hostile requests (issue 11, item 12), over real HTTP from
 * `next dev cms` on a free port with its own SQLite file:
 * - `/api/media/file/%2e%2e/budstikke.db` and a urlencoded POST to `/api/articles` answered 500;
 * - the preview's login redirect named localhost instead of the host the browser used;
 * - the limit on sign-in attempts must see the client's address as Next records it;
 * - `npm run cms:start` ignored PORT.
 * Next compiles routes on first use: the first requests take long on a busy machine.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeAdminSession } from '../e2e/helpers/browser.ts'
import {
  freePort,
  projectRoot,
  runBudstikke,
  startAdminServer,
  waitForHttp,
  type AdminServer,
} from '../e2e/helpers/admin-server.ts'

const START_TIMEOUT = 6 * 60_000
const account = { email: 'forkvinde@example.org', password: 'Snefog-over-Vaagen-19', name: 'Sigrid Prøvesen' }

let dataDir: string
let server: AdminServer | undefined
let base: string
let auth: Record<string, string>

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-admin-http-'))
  const migrate = await runBudstikke(['migrate'], dataDir, START_TIMEOUT)
  if (migrate.code !== 0) throw new Error(`budstikke migrate failed:\n${migrate.output.slice(-3_000)}`)
  const port = await freePort()
  server = startAdminServer(port, dataDir)
  base = `http://127.0.0.1:${port}`
  await waitForHttp(`${base}/api/users/me`, START_TIMEOUT, server)
  const registered = await fetch(`${base}/api/users/first-register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...account, confirmPassword: account.password }),
  })
  if (registered.status !== 200)
    throw new Error(`first-register: ${registered.status} ${await registered.text()}`)
  const { token } = (await registered.json()) as { token: string }
  auth = { authorization: `JWT ${token}` }
}, START_TIMEOUT + 120_000)

afterAll(() => closeAdminSession({ server, dataDir }), 60_000)

describe('the REST API', () => {
  it('answers 404 or 400 to paths out of the media folder, and never serves the database', async () => {
    const database = await readFile(path.join(dataDir, 'budstikke.db'))
    for (const headers of [{}, auth]) {
      const traversal = await fetch(`${base}/api/media/file/%2e%2e/budstikke.db`, { headers })
      expect(traversal.status, await traversal.clone().text()).toBe(404)
      for (const variant of [
        '..%2fbudstikke.db',
        '%2e%2e%2fbudstikke.db',
        '%2E%2E/%2E%2E/data/budstikke.db',
        '..%5cbudstikke.db',
      ]) {
        const response = await fetch(`${base}/api/media/file/${variant}`, { headers })
        const body = Buffer.from(await response.arrayBuffer())
        expect(response.status, variant).toBeGreaterThanOrEqual(400)
        expect(response.status, variant).toBeLessThan(500)
        expect(body.subarray(0, 15).toString('latin1'), variant).not.toBe('SQLite format 3')
        expect(body.includes(database.subarray(0, 100))).toBe(false)
      }
    }
    // A document id that cannot exist is not found, rather than a failed query.
    for (const id of ['abc', '1.5', 'budstikke.db']) {
      expect((await fetch(`${base}/api/articles/${id}`, { headers: auth })).status, id).toBe(404)
    }
  }, 300_000)

  it('refuses a urlencoded body with 400 and a message, and still takes JSON and the admin’s method override', async () => {
    const form = await fetch(`${base}/api/articles`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'title=Overenskomst+2026&summary=Kort',
    })
    expect(form.status).toBe(400)
    expect(((await form.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(
      /reads JSON .* not application\/x-www-form-urlencoded/,
    )

    const json = await fetch(`${base}/api/articles?draft=true`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Overenskomst 2026', summary: 'Kort', _status: 'draft' }),
    })
    expect(json.status, await json.clone().text()).toBe(201)
    const query = await fetch(`${base}/api/articles`, {
      method: 'POST',
      headers: {
        ...auth,
        'content-type': 'application/x-www-form-urlencoded',
        'x-payload-http-method-override': 'GET',
      },
      body: 'draft=true&depth=0',
    })
    expect(query.status).toBe(200)
    expect(((await query.json()) as { totalDocs: number }).totalDocs).toBe(1)
  }, 300_000)
})

describe('the preview', () => {
  it('sends an anonymous visitor to the login page on the host the request came to', async () => {
    const direct = await fetch(`${base}/preview/articles/1?locale=da`, { redirect: 'manual' })
    expect(direct.status).toBe(302)
    expect(direct.headers.get('location')).toBe(
      `${base}/admin/login?redirect=%2Fpreview%2Farticles%2F1%3Flocale%3Dda`,
    )
    const proxied = await fetch(`${base}/preview/articles/1?locale=da`, {
      redirect: 'manual',
      headers: { 'x-forwarded-host': 'admin.forbundet.example.org', 'x-forwarded-proto': 'https' },
    })
    expect(proxied.headers.get('location')).toBe(
      'https://admin.forbundet.example.org/admin/login?redirect=%2Fpreview%2Farticles%2F1%3Flocale%3Dda',
    )
  }, 300_000)
})

describe('sign-in attempts', () => {
  // Last: it uses up this client's attempts.
  it('are limited per client address as Next records it: 429 once the budget is spent, other addresses go on', async () => {
    const statuses: number[] = []
    for (let n = 0; n < 31; n++) {
      const response = await fetch(`${base}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `gaet${n}@example.org`, password: 'gaet-igen' }),
      })
      statuses.push(response.status)
    }
    const first429 = statuses.indexOf(429)
    expect(first429, statuses.join(' ')).toBeGreaterThan(20)
    expect(
      statuses.slice(first429).every((status) => status === 429),
      statuses.join(' '),
    ).toBe(true)
    expect(
      statuses.slice(0, first429).every((status) => status === 401),
      statuses.join(' '),
    ).toBe(true)
    const otherClient = await fetch(`${base}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.23' },
      body: JSON.stringify(account),
    })
    expect(otherClient.status).toBe(200)
  }, 300_000)
})

describe('npm run cms:start', () => {
  it('listens on PORT', async () => {
    const port = await freePort()
    const child = spawn('npm', ['run', 'cms:start'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        PATH: `${path.join(projectRoot, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
        BUDSTIKKE_DATA_DIR: dataDir,
        PORT: String(port),
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    // Without a production build `next start` announces its address and stops; with one it serves there.
    const deadline = Date.now() + 120_000
    while (Date.now() < deadline && !/Local:\s+http:\/\/\S+:\d+/.test(output) && child.exitCode === null)
      await new Promise((resolve) => setTimeout(resolve, 250))
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // Already gone.
    }
    await exited
    expect(output).toMatch(new RegExp(`Local:\\s+http://localhost:${port}\\b`))
  }, 180_000)
})
