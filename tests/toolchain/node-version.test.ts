/**
 * Budstikke targets Node 24 while a fresh machine's `node` may be older: tests, npm scripts and the CLI
 * must all run under the project's own Node 24, whichever `node` starts them.
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')

describe('Node 24', () => {
  it('runs the tests', () => {
    expect(process.versions.node.split('.')[0]).toBe('24')
  })

  it('runs the CLI through npx', () => {
    expect(execFileSync('npx', ['budstikke', '--version'], { cwd: root, encoding: 'utf8' })).toMatch(
      /^budstikke \d+\.\d+\.\d+ \(Node v24\./,
    )
  })

  it('runs the CLI even when started by the system node', () => {
    // /usr/bin/node is the machine's own (Node 20 here); the bin script re-runs itself under node@24.
    const output = execFileSync(
      '/usr/bin/node',
      [path.join(root, 'scripts/bin/budstikke.mjs'), '--version'],
      { cwd: root, encoding: 'utf8' },
    )
    expect(output).toMatch(/\(Node v24\./)
  })
})
