import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SETTINGS, checkSettings, parseSetting, setting } from '../../channels/shared/config.ts'

const root = path.resolve(import.meta.dirname, '../..')

describe('configuration', () => {
  it('gives defaults for unset and empty variables', () => {
    expect(setting('BUDSTIKKE_PUBLISH_DEBOUNCE_SECONDS', {})).toBe(30)
    expect(setting('BUDSTIKKE_PREVIEW_KEEP', { BUDSTIKKE_PREVIEW_KEEP: '' })).toBe(12)
    expect(setting('BUDSTIKKE_MERGE_SYNTAX', {})).toBe('mailchimp')
    expect(setting('BUDSTIKKE_LOG_FORMAT', { BUDSTIKKE_LOG_FORMAT: '' })).toBe('pretty')
    expect(setting('DATABASE_URI', { DATABASE_URI: '' })).toBeUndefined()
    expect(setting('BUDSTIKKE_CLI', {})).toBe(false)
  })

  it('parses values into what the code uses', () => {
    expect(setting('BUDSTIKKE_PUBLISH_DEBOUNCE_SECONDS', { BUDSTIKKE_PUBLISH_DEBOUNCE_SECONDS: '0' })).toBe(0)
    expect(
      setting('BUDSTIKKE_PUBLISH_ARGS', { BUDSTIKKE_PUBLISH_ARGS: ' --only site  --out /srv/www ' }),
    ).toEqual(['--only', 'site', '--out', '/srv/www'])
    expect(setting('BUDSTIKKE_BUILD_DATE', { BUDSTIKKE_BUILD_DATE: '2026-03-01' })?.toISOString()).toBe(
      '2026-03-01T00:00:00.000Z',
    )
    expect(setting('BUDSTIKKE_CLI', { BUDSTIKKE_CLI: '1' })).toBe(true)
    expect(setting('DATABASE_URI', { DATABASE_URI: 'mongodb://db.example.org/budstikke' })).toBe(
      'mongodb://db.example.org/budstikke',
    )
  })

  it('rejects a bad value with one line naming the variable', () => {
    expect(() => setting('BUDSTIKKE_PREVIEW_KEEP', { BUDSTIKKE_PREVIEW_KEEP: 'zero' })).toThrow(
      'BUDSTIKKE_PREVIEW_KEEP=zero: not a whole number ≥ 1',
    )
    expect(() => setting('BUDSTIKKE_PREVIEW_KEEP', { BUDSTIKKE_PREVIEW_KEEP: '0' })).toThrow(
      /^BUDSTIKKE_PREVIEW_KEEP=0: /,
    )
    expect(() =>
      setting('BUDSTIKKE_PUBLISH_DEBOUNCE_SECONDS', { BUDSTIKKE_PUBLISH_DEBOUNCE_SECONDS: '-5' }),
    ).toThrow('BUDSTIKKE_PUBLISH_DEBOUNCE_SECONDS=-5: not a number of seconds ≥ 0')
    expect(() => setting('BUDSTIKKE_LOG_LEVEL', { BUDSTIKKE_LOG_LEVEL: 'loud' })).toThrow(
      /^BUDSTIKKE_LOG_LEVEL=loud: not a log level/,
    )
    expect(() => setting('BUDSTIKKE_BUILD_DATE', { BUDSTIKKE_BUILD_DATE: 'soon' })).toThrow(
      'BUDSTIKKE_BUILD_DATE=soon: not a date',
    )
    expect(() => setting('BUDSTIKKE_SERVER_URL', { BUDSTIKKE_SERVER_URL: 'budstikke.example' })).toThrow(
      'BUDSTIKKE_SERVER_URL=budstikke.example: not an absolute URL',
    )
    expect(() => setting('DATABASE_URI', { DATABASE_URI: 'data/budstikke.db' })).toThrow(
      /^DATABASE_URI=data\/budstikke.db: not a URI/,
    )
    expect(() => setting('PORT', { PORT: '70000' })).toThrow(/^PORT=70000: /)
    expect(() => checkSettings({ BUDSTIKKE_MERGE_SYNTAX: 'sendgrid' })).toThrow(
      'BUDSTIKKE_MERGE_SYNTAX=sendgrid: unknown merge syntax (known: mailchimp, listmonk, plain)',
    )
  })

  it('names a command-line flag that takes the same values', () => {
    expect(() => parseSetting('BUDSTIKKE_MERGE_SYNTAX', 'sendgrid', '--merge-syntax')).toThrow(
      /^--merge-syntax=sendgrid: unknown merge syntax/,
    )
  })
})

describe('the README documents every variable', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Environment variables'))
  const documented = new Set([...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]))

  it('lists every BUDSTIKKE_* variable mentioned anywhere in the code', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => /\.(ts|tsx|mjs|js|astro|json)$/.test(file) && !file.startsWith('tests/fixtures/'))
    const mentioned = new Set<string>()
    for (const file of files) {
      let text: string
      try {
        text = readFileSync(path.join(root, file), 'utf8')
      } catch {
        continue // listed by git but deleted in the working tree
      }
      for (const match of text.matchAll(/BUDSTIKKE_[A-Z_]*[A-Z]/g)) mentioned.add(match[0])
    }
    expect(mentioned.size).toBeGreaterThan(10)
    expect([...mentioned].filter((name) => !documented.has(name)).sort()).toEqual([])
  })

  it('lists exactly the variables the configuration module parses', () => {
    expect([...documented].sort()).toEqual(Object.keys(SETTINGS).sort())
  })
})
