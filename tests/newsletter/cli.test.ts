import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import * as cheerio from 'cheerio'
import { newsletterFixture, sharedFixtureFile } from './fixtures/newsletter-snapshot.ts'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const cli = path.join(root, 'scripts/bin/budstikke.mjs')
let tmp: string

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'newsletter-cli-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

describe('budstikke newsletter', () => {
  it('writes html, text and meta.json per edition and locale, and a preview list', async () => {
    const out = path.join(tmp, 'out')
    const { stdout, stderr } = await run(
      process.execPath,
      [
        cli,
        'newsletter',
        '--snapshot',
        sharedFixtureFile,
        '--out',
        out,
        '--merge-syntax',
        'listmonk',
        '--utm',
        'source=budstikke&medium=email',
      ],
      { cwd: root },
    )
    expect(stderr).toContain(
      'warning: newsletters/nyhedsbrev-marts-2026 (da) items[3]: article "unpublished-draft" is not published',
    )
    expect(stdout).toMatch(/1 edition\(s\), 1 warning\(s\)/)
    const dir = path.join(out, 'newsletters/nyhedsbrev-marts-2026/da')
    const meta = JSON.parse(await readFile(path.join(dir, 'meta.json'), 'utf8'))
    expect(meta).toMatchObject({
      subject: 'OK26: nu skal du stemme',
      preheader: 'Afstemningen åbner mandag',
      segment: null,
      mergeSyntax: 'listmonk',
    })
    expect(meta.bytes.html).toBe((await readFile(path.join(dir, 'index.html'))).length)
    expect(await readFile(path.join(dir, 'index.txt'), 'utf8')).toContain('Lønnen stiger 4,5 % over to år')
    const html = await readFile(path.join(dir, 'index.html'), 'utf8')
    expect(html).toContain('utm_campaign=nyhedsbrev-marts-2026')
    const $ = cheerio.load(await readFile(path.join(out, 'newsletters/index.html'), 'utf8'))
    expect(
      $('a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toContain('nyhedsbrev-marts-2026/da/index.html')
    expect($('li').first().text()).toContain('OK26: nu skal du stemme')
  })

  it('renders one edition by slug and rejects an unknown merge syntax', async () => {
    const snapshotFile = path.join(tmp, 'snapshot.json')
    await writeFile(snapshotFile, JSON.stringify((await newsletterFixture()).snapshot))
    const out = path.join(tmp, 'one')
    await run(
      process.execPath,
      [cli, 'newsletter', '--snapshot', snapshotFile, '--out', out, '--edition', 'student-update'],
      { cwd: root },
    )
    expect(existsSync(path.join(out, 'newsletters/student-update/en/index.html'))).toBe(true)
    expect(existsSync(path.join(out, 'newsletters/hostile-edition'))).toBe(false)
    await expect(
      run(
        process.execPath,
        [cli, 'newsletter', '--snapshot', snapshotFile, '--out', out, '--merge-syntax', 'sendgrid'],
        { cwd: root },
      ),
    ).rejects.toThrow(/--merge-syntax=sendgrid: unknown merge syntax/)
  })
})

describe('budstikke publish', () => {
  it('runs the newsletters step into <out>/newsletters/', async () => {
    const out = path.join(tmp, 'dist')
    const { stdout } = await run(
      process.execPath,
      [cli, 'publish', '--snapshot', sharedFixtureFile, '--out', out, '--only', 'newsletters'],
      { cwd: root },
    )
    expect(stdout).toMatch(/publish: newsletters: 1 rendered, 0 reused, 1 warnings/)
    expect(existsSync(path.join(out, 'newsletters/nyhedsbrev-marts-2026/da/meta.json'))).toBe(true)
    expect(existsSync(path.join(out, 'newsletters/index.html'))).toBe(true)
    const report = JSON.parse(await readFile(path.join(out, 'publish-report.json'), 'utf8'))
    expect(report.channels[0]).toMatchObject({ channel: 'newsletters', rendered: 1 })
  })
})
