/**
 * Runs `budstikke publish` in a child process: the Astro build and the renderers stay out of the
 * admin server's memory, and a crash there cannot take the admin down.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { cliChildEnv } from '../lib/child-env.ts'
import { rootDir } from '../lib/paths.ts'
import { setting } from '../../channels/shared/config.ts'

export interface PublishRun {
  ok: boolean
  /** The last lines of the publish output (no member data passes through publish). */
  log: string
  seconds: number
}

/** Extra arguments for the publish the CMS starts, e.g. `--out /srv/www/dist` (BUDSTIKKE_PUBLISH_ARGS). */
export function publishArgs(): string[] {
  return [...setting('BUDSTIKKE_PUBLISH_ARGS')]
}

export function runPublish(args: string[] = publishArgs()): Promise<PublishRun> {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(rootDir, 'scripts/bin/budstikke.mjs'), 'publish', ...args],
      { cwd: rootDir, env: cliChildEnv() },
    )
    const lines: string[] = []
    const keep = (chunk: Buffer) => {
      lines.push(...chunk.toString().split('\n').filter(Boolean))
      lines.splice(0, Math.max(0, lines.length - 40))
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.on('close', (code) =>
      resolve({ ok: code === 0, log: lines.join('\n'), seconds: (Date.now() - started) / 1000 }),
    )
    child.on('error', (error) =>
      resolve({ ok: false, log: error.message, seconds: (Date.now() - started) / 1000 }),
    )
  })
}
