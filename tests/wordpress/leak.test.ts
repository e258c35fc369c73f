/**
 * No text of a post WordPress kept from the public (draft, pending, private, password-protected,
 * future, trashed, revisions) reaches anything a publish writes: site pages, feeds, sitemap, search
 * index (Pagefind's files are gzip: read unpacked), newsletters, social cards' texts and file names, or
 * the snapshot. Run as a user does: `budstikke import-wordpress`, an edition naming a hidden and a
 * public post through `budstikke import`, then a real `budstikke publish` into a temporary folder.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli, userEnv, type CliRun } from '../helpers/run-cli.ts'
import { FIXTURE, HIDDEN_WORDS, makeUploads } from './helpers.ts'

let out: string
let firstImport: CliRun
let secondImport: CliRun
let publish: CliRun
/** Every file of the publish, as text (unpacked when gzip), with its path. */
let files: { file: string; text: string }[]

/** The hidden posts' slugs: made from their titles, so they carry the hidden words too. */
const HIDDEN_SLUGS = [
  'udkast-hemmeligtudkast',
  'afventer-afventertitel',
  'privat-indlaeg',
  'kodeord-indlaeg',
  'fremtidig-nyhed',
  'smidt-ud',
]

async function readAll(dir: string): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const result: { file: string; text: string }[] = []
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    let bytes = await readFile(full)
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes)
    result.push({ file: path.relative(dir, full), text: bytes.toString('latin1') + bytes.toString('utf8') })
  }
  return result
}

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-wp-leak-'))
  const env = userEnv({ BUDSTIKKE_DATA_DIR: dataDir, DATABASE_URI: '' })
  const uploads = await makeUploads()
  firstImport = await runCli(['import-wordpress', FIXTURE, '--uploads', uploads, '--quiet'], { env })
  secondImport = await runCli(['import-wordpress', FIXTURE, '--uploads', uploads, '--quiet'], { env })
  const edition = path.join(dataDir, 'edition.json')
  await writeFile(
    edition,
    JSON.stringify({
      newsletters: [
        {
          slug: 'nyhedsbrev-november',
          subject: 'Nyt fra Fagforeningen Nord',
          items: [
            { kind: 'article', key: 'ny-overenskomst' },
            { kind: 'article', key: 'udkast-hemmeligtudkast' },
            { kind: 'article', key: 'kodeord-indlaeg' },
            { kind: 'article', key: 'fremtidig-nyhed' },
          ],
        },
      ],
    }),
  )
  const editionImport = await runCli(['import', edition, '--quiet'], { env })
  expect(editionImport.code, editionImport.stderr).toBe(0)
  out = path.join(dataDir, 'dist')
  publish = await runCli(['publish', '--out', out, '--quiet'], {
    env: { ...env, BUDSTIKKE_BUILD_DATE: '2026-11-27T12:00:00Z' },
  })
  files = await readAll(out)
}, 600_000)

describe('import-wordpress, then publish', () => {
  it('imports with exit code 0, and a second run is a no-op', () => {
    expect(firstImport.code, firstImport.stderr).toBe(0)
    expect(firstImport.stdout).toMatch(
      /^import-wordpress: 21 read: \d+ imported \(\d+ created, 0 updated, 0 unchanged\)/,
    )
    // --quiet: no progress lines, the warnings all the same.
    expect(firstImport.stderr).not.toMatch(/import-wordpress: items/)
    expect(firstImport.stderr).toContain(
      'warning: post 103 "Sommerens aktiviteter": shortcode [contact-form-7] removed',
    )
    expect(secondImport.code, secondImport.stderr).toBe(0)
    expect(secondImport.stdout).toMatch(
      /^import-wordpress: 21 read: (\d+) imported \(0 created, 0 updated, \1 unchanged\)/,
    )
    expect(secondImport.stdout).toContain('topics: 0 created, 0 updated, 5 unchanged')
  })

  it('publishes every channel', () => {
    expect(publish.code, publish.stderr).toBe(0)
    const kinds = new Set(files.map((f) => f.file.split('/')[0]))
    for (const kind of ['site', 'snapshot', 'newsletters', 'social']) expect(kinds).toContain(kind)
    expect(files.some((f) => f.file.startsWith('site/pagefind/'))).toBe(true)
    expect(files.some((f) => f.file.endsWith('sitemap-index.xml') || f.file.includes('sitemap'))).toBe(true)
    expect(files.some((f) => f.file.startsWith('newsletters/nyhedsbrev-november/'))).toBe(true)
  })

  it('the search for hidden words would find a public one (the check can fail)', () => {
    const hits = (word: string) => files.filter((f) => f.text.includes(word)).map((f) => f.file)
    const found = hits('Tillidsrepræsentanterne')
    expect(found.some((f) => f.startsWith('site/pagefind/'))).toBe(true)
    expect(found.some((f) => f.startsWith('newsletters/'))).toBe(false) // not in the edition
    expect(hits('Lønnen stiger med 2,5 procent').some((f) => f.startsWith('newsletters/'))).toBe(true)
    expect(found).toContain('snapshot/snapshot.json')
  })

  it('no text, title or summary of a hidden post is anywhere in the output', () => {
    const leaks: string[] = []
    for (const { file, text } of files)
      for (const word of HIDDEN_WORDS) if (text.includes(word)) leaks.push(`${word} in ${file}`)
    expect(leaks).toEqual([])
  })

  it('no address or slug of a hidden post is anywhere in the output, the snapshot and reports included', () => {
    // The edition names three hidden posts: the export leaves those items out, so not even their keys
    // reach snapshot.json, the edition's meta.json or publish-report.json.
    const leaks: string[] = []
    for (const { file, text } of files)
      for (const slug of HIDDEN_SLUGS) if (`${file}\n${text}`.includes(slug)) leaks.push(`${slug} in ${file}`)
    expect(leaks).toEqual([])
  })

  it('says which of the edition’s items the export left out, by position only', () => {
    const lines = publish.stderr.split('\n').filter((line) => line.includes('nyhedsbrev-november'))
    for (const position of [1, 2, 3])
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^export: newsletters/nyhedsbrev-november \\(da\\) items\\[${position}\\]: the article it names is not published on \\d{4}-\\d{2}-\\d{2} \\(a draft, private, scheduled for later or deleted\\); left out$`,
          ),
        ),
      )
    expect(lines.filter((line) => /items\[0\]/.test(line))).toEqual([])
  })
})
