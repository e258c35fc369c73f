/** `npx budstikke cards`: what an editor runs by hand. */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { FIXTURE_SNAPSHOT, loadFixture, tempDir, removeTempDirs } from './helpers.ts'

afterAll(removeTempDirs)

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/bin/budstikke.mjs')

describe('budstikke cards', () => {
  it('renders into --out, names the warnings, and reuses everything on a second run', async () => {
    const { snapshot } = await loadFixture()
    const cards = snapshot.articles.length + snapshot.benefits.length + snapshot.campaigns.length
    const out = await tempDir('cli')
    const run = () =>
      promisify(execFile)(process.execPath, [cli, 'cards', '--snapshot', FIXTURE_SNAPSHOT, '--out', out], {
        timeout: 170_000,
      })
    const first = await run()
    expect(first.stdout).toContain(`cards: ${cards} rendered, 0 reused`)
    expect(first.stderr).toContain('benefits/studierabat-boeger (da) partner')
    expect(existsSync(path.join(out, 'social/article/ok26-afstemning/da/og.png'))).toBe(true)
    expect((await run()).stdout).toContain(`cards: 0 rendered, ${cards} reused`)
  })
})
