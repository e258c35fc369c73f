import { describe, expect, it } from 'vitest'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { mergeSyntaxFromEnv, publishStep } from '../../channels/newsletter/publish-step.ts'
import { newsletterFixture } from './fixtures/newsletter-snapshot.ts'

describe('newsletters publish step', () => {
  it('renders every edition into <out>/newsletters/ and reports its warnings', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'newsletter-step-'))
    const lines: string[] = []
    try {
      const result = await publishStep.run({
        loaded: await newsletterFixture(),
        outDir,
        full: false,
        log: (line) => lines.push(line),
      })
      expect(publishStep).toMatchObject({ name: 'newsletters', order: 20 })
      expect(result).toMatchObject({ channel: 'newsletters', rendered: 5, reused: 0 })
      expect(result.warnings.length).toBeGreaterThan(5)
      expect(lines).toContain(
        'newsletters: newsletters/hostile-edition (da) items[1]: article "deleted-article" is not published or was deleted; left out',
      )
      expect((await readdir(path.join(outDir, 'newsletters'))).sort()).toEqual([
        '.cache.json',
        'big-edition',
        'hostile-edition',
        'index.html',
        'nyhedsbrev-marts-2026',
        'student-update',
      ])
    } finally {
      await rm(outDir, { recursive: true, force: true })
    }
  })

  it('takes the merge syntax from BUDSTIKKE_MERGE_SYNTAX and rejects an unknown one', () => {
    expect(mergeSyntaxFromEnv(undefined)).toBe('mailchimp')
    expect(mergeSyntaxFromEnv('listmonk')).toBe('listmonk')
    expect(() => mergeSyntaxFromEnv('sendgrid')).toThrow(
      'BUDSTIKKE_MERGE_SYNTAX=sendgrid: unknown merge syntax (known: mailchimp, listmonk, plain)',
    )
  })
})
