/**
 * Runs `budstikke …` as a user does (scripts/bin/budstikke.mjs under the project's Node 24), either
 * with stdout and stderr piped apart (a log, a script) or on a pseudo-terminal: `script` from
 * util-linux gives the command a terminal without node-pty, and records what the terminal was sent.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
const node = path.join(root, 'node_modules/node/bin/node')
const cli = path.join(root, 'scripts/bin/budstikke.mjs')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** The environment of a person at a terminal: not CI, not under vitest's NODE_ENV=test. */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env, ...extra }
  for (const name of ['CI', 'NODE_ENV']) if (!(name in extra)) delete env[name]
  return env as NodeJS.ProcessEnv
}

/** stdout and stderr apart, neither a terminal. */
export async function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliRun> {
  const child = spawn(node, [cli, ...args], {
    cwd: options.cwd ?? root,
    env: options.env ?? userEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  const [code] = (await once(child, 'close')) as [number | null]
  return { code, stdout, stderr }
}

const shellQuote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`

/** On a pseudo-terminal (stdout and stderr both on it, as in a terminal window): what the terminal received. */
export async function runCliOnTerminal(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<{ code: number | null; terminal: string }> {
  const command = [node, cli, ...args].map(shellQuote).join(' ')
  // -e: exit with the command's exit code; /dev/null: no typescript file.
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    cwd: options.cwd ?? root,
    env: options.env ?? userEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let terminal = ''
  child.stdout.on('data', (chunk: Buffer) => (terminal += chunk))
  child.stderr.on('data', (chunk: Buffer) => (terminal += chunk))
  const [code] = (await once(child, 'close')) as [number | null]
  return { code, terminal }
}

/** What a terminal shows: `\r` returns to the line start, `\x1b[2K` clears the line; `\r\n` is a line end. */
export function screen(raw: string): string[] {
  const lines: string[] = ['']
  for (const part of raw.replace(/\r\n/g, '\n').split(/(\r|\n|\x1b\[2K)/)) {
    if (part === '\n') lines.push('')
    else if (part === '\r' || part === '') continue
    else if (part === '\x1b[2K') lines[lines.length - 1] = ''
    else lines[lines.length - 1] += part
  }
  return lines
}

/** Every state a redrawn line went through (each text drawn after a `\r\x1b[2K`), in order. */
export function redraws(raw: string): string[] {
  return raw
    .replace(/\r\n/g, '\n')
    .split('\r\x1b[2K')
    .slice(1)
    .map((part) => part.split(/[\r\n]/)[0])
    .filter(Boolean)
}
