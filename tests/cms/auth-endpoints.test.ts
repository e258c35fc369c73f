/**
 * The anonymous auth endpoints under load and abuse (issue 11, items 6 and 12), through Payload's own
 * REST handler (the one the admin's `/api/[...slug]` route calls) on a real SQLite file, with the reset
 * e-mails delivered to a real SMTP server (in a child process):
 * - 20 forgot-password requests at once used to wait 10 s each on their own transaction and fail with
 *   "database is locked", and an editor's save queued behind them;
 * - login answered an unknown address in 5 ms and a known one in 90 ms (the password hash);
 * - nothing limited how often one client may try.
 */
import { performance } from 'node:perf_hooks'
import type { Payload, SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtp-sink.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'

const USERS = 20
const PASSWORD = 'Fjordbris-og-Kaffe-42'
const userEmail = (n: number) => `tillidsrepraesentant${n}@example.org`
const WARM_UP = 'formand@example.org'

let cms: TempCms
let payload: Payload
let config: SanitizedConfig
let smtp: SmtpSink
let mails: ReceivedMail[] = []
let topicId: number | string

/** A request to Payload's REST API as the admin's route hands it over, from the client `address` (Next sets X-Forwarded-For). */
async function api(pathname: string, body: unknown, address: string): Promise<Response> {
  const { handleEndpoints } = await import('payload')
  const request = new Request(`http://localhost:3000/api${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify(body),
  })
  return handleEndpoints({ config, request })
}

async function waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function saveTopic(name: string): Promise<number> {
  const started = performance.now()
  await payload.update({ collection: 'topics', id: topicId, data: { name }, overrideAccess: true })
  return performance.now() - started
}

beforeAll(async () => {
  smtp = await startSmtpSink()
  mails = smtp.mails
  process.env.BUDSTIKKE_SMTP_URL = smtp.url
  process.env.BUDSTIKKE_SMTP_FROM = 'budstikke@forbundet.example.org'
  process.env.BUDSTIKKE_SERVER_URL = 'https://admin.forbundet.example.org'
  cms = await startTempCms()
  payload = cms.payload
  config = payload.config
  for (let n = 0; n < USERS; n++) {
    await payload.create({
      collection: 'users',
      data: { email: userEmail(n), password: PASSWORD, name: `Tillidsrepræsentant ${n}` },
      overrideAccess: true,
    })
  }
  await payload.create({
    collection: 'users',
    data: { email: WARM_UP, password: PASSWORD },
    overrideAccess: true,
  })
  topicId = (
    await payload.create({
      collection: 'topics',
      data: { name: 'Arbejdsmiljø', slug: 'arbejdsmiljoe' },
      overrideAccess: true,
    })
  ).id
}, 180_000)

afterAll(async () => {
  await cms?.close()
  await smtp?.close()
})

describe('forgot-password', () => {
  it('answers 20 requests at once, delays a concurrent save by under a second, and the links arrive and work', async () => {
    // Warm: the first request loads Payload's REST code and translations, the first mail nodemailer's.
    await api('/users/forgot-password', { email: WARM_UP }, '198.51.100.250')
    await waitFor(() => mails.find((m) => m.to === WARM_UP), 30_000, 'the warm-up e-mail')
    const alone = median([
      await saveTopic('Arbejdsmiljø 1'),
      await saveTopic('Arbejdsmiljø 2'),
      await saveTopic('Arbejdsmiljø 3'),
    ])

    const started = performance.now()
    let answered = 0
    const requests = Promise.all(
      Array.from({ length: USERS }, (_, n) =>
        api('/users/forgot-password', { email: userEmail(n) }, `198.51.100.${n + 1}`),
      ),
    ).finally(() => (answered = performance.now() - started))
    // The editor keeps saving while the requests are in flight; the slowest save counts.
    const saves: number[] = []
    do saves.push(await saveTopic(`Arbejdsmiljø ${saves.length}`))
    while (!answered)
    const responses = await requests
    const during = Math.max(...saves)

    console.info(
      `forgot-password ×${USERS}: all answered in ${Math.round(answered)} ms; ${saves.length} saves meanwhile, the slowest ${Math.round(during)} ms (${Math.round(alone)} ms alone)`,
    )
    const statuses = await Promise.all(
      responses.map(async (r) => `${r.status} ${r.status === 200 ? '' : await r.text()}`.trim()),
    )
    expect(statuses).toEqual(Array(USERS).fill('200'))
    expect(
      during - alone,
      `save took ${Math.round(during)} ms during the requests, ${Math.round(alone)} ms alone`,
    ).toBeLessThan(1_000)
    expect(answered, 'all 20 answered').toBeLessThan(10_000)

    const storm = () => mails.filter((m) => m.to !== WARM_UP)
    await waitFor(() => (storm().length >= USERS ? true : undefined), 30_000, `${USERS} reset e-mails`)
    expect(
      storm()
        .map((m) => m.to)
        .sort(),
    ).toEqual(Array.from({ length: USERS }, (_, n) => userEmail(n)).sort())

    // The link in the mail resets the password, and the new one signs in.
    const mail = mails.find((m) => m.to === userEmail(3))!
    const token = /https:\/\/admin\.forbundet\.example\.org\/admin\/reset\/([0-9a-f]{40})/.exec(
      mail.text,
    )?.[1]
    expect(token, mail.text).toBeDefined()
    const reset = await api(
      '/users/reset-password',
      { token, password: 'Nyt-Kodeord-paa-Bornholm-7' },
      '198.51.100.200',
    )
    expect(reset.status, await reset.clone().text()).toBe(200)
    const login = await api(
      '/users/login',
      { email: userEmail(3), password: 'Nyt-Kodeord-paa-Bornholm-7' },
      '198.51.100.200',
    )
    expect(login.status, await login.clone().text()).toBe(200)
  }, 120_000)
})

describe('login', () => {
  it('takes as long for an unknown address as for a known one with a wrong password', async () => {
    const known: number[] = []
    const unknown: number[] = []
    const attempt = async (email: string) => {
      const started = performance.now()
      const response = await api('/users/login', { email, password: 'forkert-kodeord' }, '192.0.2.77')
      expect(response.status).toBe(401)
      return performance.now() - started
    }
    // Alternating, one wrong attempt per account (5 would lock it); the first pair warms up.
    for (let n = 10; n < 18; n++) {
      const k = await attempt(userEmail(n))
      const u = await attempt(`ukendt${n}@example.org`)
      if (n > 10) {
        known.push(k)
        unknown.push(u)
      }
    }
    const ratio = median(unknown) / median(known)
    console.info(
      `login with a wrong password: median ${median(known).toFixed(1)} ms for a known address, ${median(unknown).toFixed(1)} ms for an unknown one`,
    )
    expect(
      ratio,
      `unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`,
    ).toBeGreaterThan(0.75)
    expect(ratio).toBeLessThan(1.33)
  }, 60_000)
})

describe('per-client limit', () => {
  it('answers 429 after 30 attempts from one address on login, forgot-password and first-register together; other addresses go on', async () => {
    const attacker = '203.0.113.66'
    const statuses: number[] = []
    for (let n = 0; n < 30; n++) {
      const response =
        n % 3 === 0
          ? await api('/users/login', { email: `gaet${n}@example.org`, password: 'gaet-igen' }, attacker)
          : n % 3 === 1
            ? await api('/users/forgot-password', { email: `gaet${n}@example.org` }, attacker)
            : await api(
                '/users/first-register',
                { email: `gaet${n}@example.org`, password: 'gaet-igen', confirmPassword: 'gaet-igen' },
                attacker,
              )
      statuses.push(response.status)
    }
    expect(statuses.filter((status) => status === 429)).toEqual([])

    for (const [pathname, body] of [
      ['/users/login', { email: userEmail(19), password: PASSWORD }],
      ['/users/forgot-password', { email: userEmail(19) }],
      ['/users/first-register', { email: 'ny@example.org', password: PASSWORD, confirmPassword: PASSWORD }],
    ] as const) {
      const refused = await api(pathname, body, attacker)
      expect(refused.status, pathname).toBe(429)
      expect(((await refused.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(
        /^Too many sign-in attempts from your address\. Try again in 10 minutes\.$/,
      )
    }

    const elsewhere = await api('/users/login', { email: userEmail(19), password: PASSWORD }, '203.0.113.67')
    expect(elsewhere.status).toBe(200)
  }, 60_000)

  it('also counts GraphQL sign-ins', async () => {
    const { GRAPHQL_POST } = await import('@payloadcms/next/routes')
    const graphql = GRAPHQL_POST(Promise.resolve(config))
    const messages: string[] = []
    for (let n = 0; n < 31; n++) {
      const request = new Request('http://localhost:3000/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.90' },
        body: JSON.stringify({
          query: `mutation { loginUser(email: "gaet${n}@example.org", password: "gaet-igen") { token } }`,
        }),
      })
      const body = (await (await graphql(request)).json()) as { errors?: { message: string }[] }
      messages.push(body.errors?.[0]?.message ?? 'no error')
    }
    expect(messages.slice(0, 30).filter((message) => message.startsWith('Too many'))).toEqual([])
    expect(messages[30]).toMatch(/^Too many sign-in attempts from your address/)
  }, 60_000)
})

describe('forgot-password for one address', () => {
  it('sends at most one e-mail every 15 s, for known and unknown addresses alike', async () => {
    await payload.create({
      collection: 'users',
      data: { email: 'ny-kasserer@example.org', password: PASSWORD },
      overrideAccess: true,
    })
    const first = await api('/users/forgot-password', { email: 'ny-kasserer@example.org' }, '192.0.2.10')
    const again = await api('/users/forgot-password', { email: 'Ny-Kasserer@example.org ' }, '192.0.2.11')
    const unknownFirst = await api('/users/forgot-password', { email: 'ingen@example.org' }, '192.0.2.12')
    const unknownAgain = await api('/users/forgot-password', { email: 'ingen@example.org' }, '192.0.2.13')
    expect([first.status, again.status, unknownFirst.status, unknownAgain.status]).toEqual([
      200, 429, 200, 429,
    ])
    await waitFor(() => mails.find((m) => m.to === 'ny-kasserer@example.org'), 30_000, 'the reset e-mail')
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(
      mails.filter((m) => m.to === 'ny-kasserer@example.org' || m.to === 'ingen@example.org'),
    ).toHaveLength(1)
  }, 30_000)
})
