/** What the CLI prints of Payload's own log: readable lines on stderr, or JSON when asked for. */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

async function migrate(format?: 'json'): Promise<{ stdout: string; stderr: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-log-'))
  dirs.push(dir)
  return promisify(execFile)(
    path.join(root, 'node_modules/node/bin/node'),
    [path.join(root, 'scripts/bin/budstikke.mjs'), 'migrate'],
    {
      cwd: root,
      env: {
        ...process.env,
        BUDSTIKKE_DATA_DIR: dir,
        DATABASE_URI: '',
        BUDSTIKKE_LOG_LEVEL: 'info',
        ...(format ? { BUDSTIKKE_LOG_FORMAT: format } : { BUDSTIKKE_LOG_FORMAT: '' }),
      },
    },
  )
}

describe("Payload's log in the CLI", () => {
  it('is one readable line per message on stderr, not JSON', async () => {
    const { stderr } = await migrate()
    const lines = stderr.split('\n').filter(Boolean)
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\] INFO \(payload\): Migrating: 20261124_051927_initial$/),
    )
    expect(lines.filter((line) => line.startsWith('{'))).toEqual([])
  }, 60_000)

  it('is JSON with BUDSTIKKE_LOG_FORMAT=json, for a log collector', async () => {
    const { stdout, stderr } = await migrate('json')
    const messages = (stdout + stderr)
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg: string }).msg)
    expect(messages).toContain('Migrating: 20261124_051927_initial')
  }, 60_000)
})
