/**
 * A bad environment variable stops any command before it does work, with one line naming the
 * variable and no stack trace.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const cli = path.join(root, 'scripts/bin/budstikke.mjs')

function run(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
}

describe('a bad environment variable', () => {
  it('is one line naming it, before any command runs', () => {
    const result = run({ BUDSTIKKE_MERGE_SYNTAX: 'sendgrid' }, 'newsletter', '--help')
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toBe(
      'budstikke: BUDSTIKKE_MERGE_SYNTAX=sendgrid: unknown merge syntax (known: mailchimp, listmonk, plain)',
    )
    expect(result.stdout).toBe('')
  })

  it('names a variable the command would only read later', () => {
    // In a temp data folder, so that even without the check no real database is touched.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'budstikke-config-'))
    const result = run(
      { BUDSTIKKE_PREVIEW_KEEP: 'zero', BUDSTIKKE_DATA_DIR: dataDir },
      'export',
      '--out',
      path.join(dataDir, 'snapshot.json'),
    )
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toBe('budstikke: BUDSTIKKE_PREVIEW_KEEP=zero: not a whole number ≥ 1')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})
