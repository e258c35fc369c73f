/**
 * The shared output cache (channels/shared/output-cache.ts): which outputs are reused, the manifest's
 * bytes, and carrying a previous output's files over without changing them.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  carryOverEntries,
  carryOverFiles,
  carryOverTree,
  isFilesEntry,
  MANIFEST_FILE,
  planReuse,
  readManifest,
  removeOutputs,
  replaceFile,
  writeManifest,
  type FilesEntry,
  type OutputManifest,
} from '../../channels/shared/output-cache.ts'

const KIND = { channel: 'cards', version: 3 }
let work: string

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'output-cache-'))
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

const manifest = (sourceHash: string, entries: Record<string, string>): OutputManifest => ({
  ...KIND,
  sourceHash,
  entries: Object.fromEntries(Object.entries(entries).map(([key, hash]) => [key, { hash }])),
})

async function files(dir: string, entries: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(entries)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
    await writeFile(path.join(dir, file), text)
  }
}

describe('planReuse', () => {
  const previous = manifest('src-1', { 'a/da': 'h1', 'b/da': 'h2', 'gone/da': 'h3' })

  it('reuses unchanged keys, renders changed and new ones, drops changed and gone ones', () => {
    const current = new Map([
      ['a/da', 'h1'],
      ['b/da', 'h2-edited'],
      ['new/da', 'h4'],
    ])
    expect(planReuse(previous, 'src-1', current)).toEqual({
      reuse: ['a/da'],
      render: ['b/da', 'new/da'],
      drop: ['b/da', 'gone/da'],
    })
  })

  it('reuses nothing when the source hash changed (a template edit, a package upgrade)', () => {
    const current = new Map([['a/da', 'h1']])
    expect(planReuse(previous, 'src-2', current)).toEqual({
      reuse: [],
      render: ['a/da'],
      drop: ['a/da', 'b/da', 'gone/da'],
    })
  })

  it('renders everything without a previous manifest, in the order given', () => {
    const current = new Map([
      ['z', 'h'],
      ['a', 'h'],
    ])
    expect(planReuse(null, 'src-1', current)).toEqual({ reuse: [], render: ['z', 'a'], drop: [] })
  })

  it('does not take an inherited property for an entry', () => {
    expect(planReuse(manifest('s', {}), 's', new Map([['constructor', 'h']])).reuse).toEqual([])
  })
})

describe('the manifest', () => {
  it('is the same bytes whatever order the entries were recorded in, and reads back', async () => {
    const one = path.join(work, 'order-1')
    const two = path.join(work, 'order-2')
    await writeManifest(one, manifest('s', { 'b/sv': 'h2', 'a/da': 'h1', 'a/ø': 'h3' }))
    await writeManifest(two, manifest('s', { 'a/ø': 'h3', 'a/da': 'h1', 'b/sv': 'h2' }))
    const text = await readFile(path.join(one, MANIFEST_FILE), 'utf8')
    expect(text).toBe(await readFile(path.join(two, MANIFEST_FILE), 'utf8'))
    expect(text.indexOf('"a/da"')).toBeLessThan(text.indexOf('"a/ø"'))
    expect(text.indexOf('"a/ø"')).toBeLessThan(text.indexOf('"b/sv"'))
    expect(await readManifest(one, KIND)).toEqual(manifest('s', { 'a/da': 'h1', 'a/ø': 'h3', 'b/sv': 'h2' }))
  })

  it('is not used when missing, broken, of another channel or version, or malformed', async () => {
    const dir = path.join(work, 'bad')
    expect(await readManifest(dir, KIND)).toBeNull()
    await mkdir(dir, { recursive: true })
    const cases = [
      '{"channel":"cards","version":3,',
      JSON.stringify({ ...manifest('s', {}), channel: 'newsletters' }),
      JSON.stringify({ ...manifest('s', {}), version: 2 }),
      JSON.stringify({ ...KIND, sourceHash: 's', entries: { a: 'not an entry' } }),
      JSON.stringify({ ...KIND, entries: {} }),
      // The format the cards' own cache file had before this module.
      JSON.stringify({ version: 2, cards: { 'article/x/da': 'h' } }),
    ]
    for (const text of cases) {
      await writeFile(path.join(dir, MANIFEST_FILE), text)
      expect(await readManifest(dir, KIND), text).toBeNull()
    }
    // An entry without the fields its channel needs (a route without its files).
    await writeManifest(dir, manifest('s', { '/': 'h' }))
    expect(await readManifest(dir, KIND)).not.toBeNull()
    expect(await readManifest(dir, KIND, isFilesEntry)).toBeNull()
  })

  it("replaces a hard-linked manifest without changing the previous output's file", async () => {
    const previous = path.join(work, 'linked-previous')
    const next = path.join(work, 'linked-next')
    await writeManifest(previous, manifest('s', { a: 'h1' }))
    await carryOverTree(previous, next)
    await writeManifest(next, manifest('s', { a: 'h2' }))
    expect((await readManifest(previous, KIND))?.entries).toEqual({ a: { hash: 'h1' } })
    expect((await readManifest(next, KIND))?.entries).toEqual({ a: { hash: 'h2' } })
  })
})

describe('replacing a file', () => {
  it("writes a carried-over (hard-linked) file anew, leaving the previous output's bytes", async () => {
    const previous = path.join(work, 'replace-previous')
    const next = path.join(work, 'replace-next')
    await files(previous, { _redirects: '/a/ /b/ 301\n' })
    await carryOverTree(previous, next)
    expect((await stat(path.join(next, '_redirects'))).ino).toBe(
      (await stat(path.join(previous, '_redirects'))).ino,
    )
    await replaceFile(path.join(next, '_redirects'), '/a/ /c/ 301\n')
    expect(await readFile(path.join(previous, '_redirects'), 'utf8')).toBe('/a/ /b/ 301\n')
    expect(await readFile(path.join(next, '_redirects'), 'utf8')).toBe('/a/ /c/ 301\n')
    expect((await readdir(next)).sort()).toEqual(['_redirects'])
  })

  it('keeps the old file and leaves no temporary file when the new one cannot be put in place', async () => {
    const dir = path.join(work, 'replace-fails')
    await files(dir, { 'kept.txt': 'old', 'folder/inside.txt': 'x' })
    // A folder that is not empty cannot be renamed over: the write fails at the last step.
    await expect(replaceFile(path.join(dir, 'folder'), 'new')).rejects.toMatchObject({
      code: expect.any(String),
    })
    expect((await readdir(dir)).sort()).toEqual(['folder', 'kept.txt'])
    expect(await readFile(path.join(dir, 'folder/inside.txt'), 'utf8')).toBe('x')
  })
})

describe('carrying outputs over', () => {
  it('links a whole tree (the same files, not copies), leaving out the names given', async () => {
    const from = path.join(work, 'tree-from')
    const to = path.join(work, 'tree-to')
    await files(from, {
      'article/a/da/og.png': 'png-a',
      'article/b/sv/post.txt': 'post-b',
      [MANIFEST_FILE]: '{}',
    })
    await carryOverTree(from, to, [MANIFEST_FILE])
    expect(await readFile(path.join(to, 'article/b/sv/post.txt'), 'utf8')).toBe('post-b')
    expect((await stat(path.join(to, 'article/a/da/og.png'))).ino).toBe(
      (await stat(path.join(from, 'article/a/da/og.png'))).ino,
    )
    expect(existsSync(path.join(to, MANIFEST_FILE))).toBe(false)
  })

  it('carries nothing from a folder that does not exist', async () => {
    const to = path.join(work, 'tree-none')
    await carryOverTree(path.join(work, 'no-such-folder'), to)
    expect(existsSync(to)).toBe(true)
  })

  it('carries single files into folders it makes', async () => {
    const from = path.join(work, 'files-from')
    const to = path.join(work, 'files-to')
    await files(from, { 'artikler/a/index.html': 'a', 'artikler/b/index.html': 'b' })
    await carryOverFiles(from, to, ['artikler/a/index.html'])
    expect(await readFile(path.join(to, 'artikler/a/index.html'), 'utf8')).toBe('a')
    // A copy when asked: writing into it in place leaves the previous output's file as it was.
    await carryOverFiles(from, path.join(work, 'files-copied'), ['artikler/b/index.html'], { copy: true })
    await writeFile(path.join(work, 'files-copied/artikler/b/index.html'), 'changed')
    expect(await readFile(path.join(from, 'artikler/b/index.html'), 'utf8')).toBe('b')
    expect(existsSync(path.join(to, 'artikler/b'))).toBe(false)
  })

  it('carries the files a reused entry lists (a site route), and none of a changed one', async () => {
    const from = path.join(work, 'routes-from')
    const to = path.join(work, 'routes-to')
    await files(from, {
      'index.html': 'home',
      'artikler/a/index.html': 'a',
      'pagefind/a.json': 'record a',
      'artikler/b/index.html': 'b',
    })
    const previous: OutputManifest<FilesEntry> = {
      ...KIND,
      sourceHash: 's',
      entries: {
        '/': { hash: 'h0', files: ['index.html'] },
        '/artikler/a/': { hash: 'h1', files: ['artikler/a/index.html', 'pagefind/a.json'] },
        '/artikler/b/': { hash: 'h2', files: ['artikler/b/index.html'] },
      },
    }
    const current = new Map([
      ['/', 'h0-new'],
      ['/artikler/a/', 'h1'],
      ['/artikler/b/', 'h2'],
    ])
    const plan = planReuse(previous, 's', current)
    await carryOverEntries(from, to, previous, plan.reuse)
    expect(await readFile(path.join(to, 'pagefind/a.json'), 'utf8')).toBe('record a')
    expect(existsSync(path.join(to, 'artikler/b/index.html'))).toBe(true)
    expect(existsSync(path.join(to, 'index.html'))).toBe(false)
  })

  it('removes outputs and the folders they leave empty, and nothing outside the folder', async () => {
    const dir = path.join(work, 'remove')
    await files(dir, { 'article/a/da/og.png': '1', 'article/b/da/og.png': '2', 'article/b/sv/og.png': '3' })
    await removeOutputs(dir, ['article/a/da', 'article/b/da', 'article/c/da'])
    expect(existsSync(path.join(dir, 'article/a'))).toBe(false)
    expect(existsSync(path.join(dir, 'article/b/da'))).toBe(false)
    expect(existsSync(path.join(dir, 'article/b/sv/og.png'))).toBe(true)
    await expect(removeOutputs(dir, ['../remove-sibling'])).rejects.toThrow(/outside/)
  })
})
