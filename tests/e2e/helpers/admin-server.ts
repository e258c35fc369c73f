/**
 * The Payload admin (`next dev cms`) on a free port against its own data folder, for browser tests.
 * The server runs in its own process group so that stopping it also ends Next's worker processes.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * npm scripts and `npx` put node_modules/.bin (Node 24) first; spawned commands must see the same.
 * `overrides` replace the defaults below (e.g. a short publish debounce for a test that publishes).
 */
function envFor(dataDir: string, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.join(projectRoot, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    BUDSTIKKE_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
  }
  // The test's database is the SQLite file in `dataDir`, never one configured in the shell.
  // Publishing in the admin queues a publish of every channel; it is tested elsewhere
  // (tests/cms/publish-queue.test.ts, and tests/e2e/publish-preview.test.ts, which overrides the debounce).
  // By default it must neither run during a test nor write the project's dist/.
  env.BUDSTIKKE_PUBLISH_DEBOUNCE_SECONDS = '3600'
  env.BUDSTIKKE_PUBLISH_ARGS = `--out ${path.join(dataDir, 'dist')}`
  // Previews are rendered into the test's data folder, not the project's .tmp/preview.
  env.BUDSTIKKE_PREVIEW_DIR = path.join(dataDir, 'preview')
  // The warm-up's Astro build competes with `next dev` for the two cores; only the preview test wants it.
  env.BUDSTIKKE_PREVIEW_WARM_UP = '0'
  delete env.DATABASE_URI
  delete env.PAYLOAD_SECRET
  delete env.BUDSTIKKE_CLI
  return { ...env, ...overrides }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface CommandResult {
  code: number | null
  output: string
}

/** `npx budstikke <args>` from the project root with the test's data folder; output kept for error messages. */
export function runBudstikke(args: string[], dataDir: string, timeoutMs = 300_000): Promise<CommandResult> {
  return runCommand('npx', ['budstikke', ...args], dataDir, timeoutMs)
}

/** A command from the project root with the test's data folder (e.g. `npm run cms:build`); output kept for error messages. */
export async function runCommand(
  command: string,
  args: string[],
  dataDir: string,
  timeoutMs: number,
): Promise<CommandResult> {
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: envFor(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
  clearTimeout(timer)
  return { code, output }
}

export interface AdminServer {
  url: string
  /** Everything the server printed so far (shown when a test fails). */
  log(): string
  stop(): Promise<void>
}

/** `next dev cms` (default), or `next start cms` for a production build made by `npm run cms:build`. */
export function startAdminServer(
  port: number,
  dataDir: string,
  env: Record<string, string> = {},
  mode: 'dev' | 'start' = 'dev',
): AdminServer {
  const child: ChildProcess = spawn('npx', ['next', mode, 'cms', '--port', String(port)], {
    cwd: projectRoot,
    // The admin trusts the session cookie only from its own address (cms/lib/trusted-origins.ts).
    env: envFor(dataDir, { BUDSTIKKE_ADMIN_URL: `http://localhost:${port}`, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: `kill(-pid)` reaches npm, Next and its workers
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  return {
    url: `http://localhost:${port}`,
    log: () => output,
    async stop() {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
      signalGroup(child.pid, 'SIGTERM')
      await Promise.race([exited, delay(15_000)])
      // Next's workers may outlive the npm wrapper: whatever is left of the group goes too.
      signalGroup(child.pid, 'SIGKILL')
      await Promise.race([exited, delay(5_000)])
    },
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Waits until `url` answers with a status below 500. Next compiles the admin on the first request
 * (40 s on an idle machine, several minutes when the two cores are busy), so one request may take long.
 */
export async function waitForHttp(url: string, timeoutMs: number, server?: AdminServer): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastProblem = 'no answer'
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(Math.max(1_000, deadline - Date.now())),
      })
      await response.arrayBuffer()
      if (response.status < 500) return
      lastProblem = `HTTP ${response.status}`
    } catch (error) {
      lastProblem = (error as Error).message
    }
    await delay(2_000)
  }
  throw new Error(
    `${url} did not answer within ${Math.round(timeoutMs / 1000)} s (${lastProblem})${server ? `\n--- server log ---\n${server.log()}` : ''}`,
  )
}
