/**
 * Every command exits when its work is done (issue 11, item 11), even while a server listens on the
 * port Payload's development hot-reload client would use (`localhost:${PORT ?? 3000}`, see
 * node_modules/payload/dist/utilities/getNextJsHMRURL.js). A CLI that opened that WebSocket stayed
 * alive, asleep, after printing its last line, so `budstikke publish && rsync …`, a cron job or the
 * admin's publish job waited forever.
 *
 * The child runs as a user's shell would start it: no NODE_ENV (vitest sets NODE_ENV=test, which
 * alone would hide the bug), PORT pointing at a server that keeps every connection open.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

const root = path.resolve(import.meta.dirname, '../..')
const FIXTURE_SNAPSHOT = SAMPLE_SNAPSHOT_FILE
/** A finished command must be gone this soon after its last line (closing SQLite takes milliseconds). */
const EXIT_WITHIN_MS = 5000

let dir: string
let server: Server
let port: number
const sockets = new Set<Socket>()
const requests: string[] = []

/**
 * Accepts every connection and answers nothing, keeping it open: what the client met when it hung
 * (a production admin does not serve the HMR path and leaves the upgrade request pending).
 * A client that had its handshake answered would not hold the process; a pending one does.
 */
function startHoldingServer(): Promise<void> {
  server = createServer()
  server.on('connection', (socket: Socket) => sockets.add(socket))
  server.on('request', (req) => requests.push(`${req.method} ${req.url}`))
  server.on('upgrade', (req) => requests.push(`UPGRADE ${req.url}`))
  return new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)).then(() => {
    port = (server.address() as AddressInfo).port
  })
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
  /** From the last byte of output to the process's exit; null when it had to be killed. */
  exitAfterLastOutputMs: number | null
}

function cliEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (
      name === 'NODE_ENV' ||
      name.startsWith('VITEST') ||
      name === 'DISABLE_PAYLOAD_HMR' ||
      name === 'PAYLOAD_HMR_URL_OVERRIDE'
    )
      continue
    env[name] = value
  }
  return {
    ...env,
    PORT: String(port),
    BUDSTIKKE_DATA_DIR: path.join(dir, 'data'),
    DATABASE_URI: '',
    BUDSTIKKE_LOG_LEVEL: 'warn',
  }
}

/**
 * Runs `budstikke …args` as a user does. Once its result line is out, it has EXIT_WITHIN_MS * 3 to
 * exit before it is killed (reported as null); start-up on a busy machine may be slow and silent.
 */
async function budstikke(args: string[], result: RegExp): Promise<Run> {
  const child = spawn(
    path.join(root, 'node_modules/node/bin/node'),
    [path.join(root, 'scripts/bin/budstikke.mjs'), ...args],
    { cwd: dir, env: cliEnv() as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stdout = ''
  let stderr = ''
  let lastOutput = performance.now()
  let done: number | undefined
  child.stdout.on('data', (chunk) => {
    stdout += chunk
    lastOutput = performance.now()
    if (done === undefined && result.test(stdout)) done = lastOutput
  })
  child.stderr.on('data', (chunk) => ((stderr += chunk), (lastOutput = performance.now())))
  let killed = false
  const watchdog = setInterval(() => {
    if (done !== undefined && performance.now() - done > EXIT_WITHIN_MS * 3) {
      killed = true
      child.kill('SIGKILL')
    }
  }, 250)
  const [code] = (await once(child, 'exit')) as [number | null]
  clearInterval(watchdog)
  return { code, stdout, stderr, exitAfterLastOutputMs: killed ? null : performance.now() - lastOutput }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-exit-'))
  await startHoldingServer()
  await writeFile(
    path.join(dir, 'content.json'),
    JSON.stringify({
      topics: [{ slug: 'loen', name: { da: 'Løn' } }],
      articles: [
        {
          slug: 'ny-overenskomst',
          title: 'Ny overenskomst på plads',
          summary: 'Kort om aftalen.',
          body: { markdown: 'Aftalen er **stemt hjem**.' },
          topics: ['loen'],
          publishedAt: '2026-03-01T09:00:00Z',
        },
      ],
    }),
  )
  await writeFile(
    path.join(dir, 'members.csv'),
    'member_number,first_name,last_name,address_line1,address_line2,postal_code,city,country,locale,segments,email\nX00001,Testa,Fiktivsen,Prøvevej 1,,1000,Testrup,DK,da,,\n',
  )
})

afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  await rm(dir, { recursive: true, force: true })
})

describe('every command exits when done, while a development server listens on PORT', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['import', () => ['import', path.join(dir, 'content.json')], /^import: 2 created/m],
    ['export', () => ['export', '--out', path.join(dir, 'export/snapshot.json')], /^export: .*1 articles/m],
    [
      'publish',
      () => ['publish', '--out', path.join(dir, 'dist'), '--only', 'newsletters'],
      /^published into /m,
    ],
    [
      'letters',
      () => [
        'letters',
        '--snapshot',
        FIXTURE_SNAPSHOT,
        '--letter',
        'velkommen',
        '--recipients',
        path.join(dir, 'members.csv'),
        '--out',
        path.join(dir, 'print'),
        '--date',
        '2026-11-24',
      ],
      /^letters: wrote /m,
    ],
  ]
  for (const [name, args, result] of cases) {
    it(`${name}: exits 0 within a few seconds of its last line and never connects to the server`, async () => {
      const before = { requests: requests.length, sockets: sockets.size }
      const run = await budstikke(args(), result)
      expect(run.stdout, run.stderr).toMatch(result)
      expect(
        run.exitAfterLastOutputMs,
        `${name} was still running ${EXIT_WITHIN_MS * 3} ms after its result line`,
      ).not.toBeNull()
      expect(run.exitAfterLastOutputMs!).toBeLessThan(EXIT_WITHIN_MS)
      expect(run.code, run.stderr).toBe(0)
      expect(requests.slice(before.requests)).toEqual([])
      expect(sockets.size - before.sockets).toBe(0)
    }, 180_000)
  }

  it('prints every line before it exits, also when its output fills the pipe', async () => {
    // 2,000 items without a title: each rejected with a line on stderr (~160 KB, more than a socket
    // buffer holds), validated before any database write, so this is quick.
    const file = path.join(dir, 'untitled.json')
    await writeFile(
      file,
      JSON.stringify({
        articles: Array.from({ length: 2000 }, (_, i) => ({
          slug: `uden-titel-${i}`,
          summary: 'Ingen titel.',
        })),
      }),
    )
    const run = await budstikke(['import', file, '--quiet'], /^import: /m)
    expect(run.code).toBe(1)
    expect(run.stderr.split('\n').filter((line) => line.startsWith(`${file}: articles[`))).toHaveLength(2000)
    expect(run.stdout).toBe('import: 0 created, 0 updated, 0 unchanged, 2000 rejected\n')
  }, 180_000)
})
