import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { carryOverTree, placeTree } from '../../channels/shared/output-cache.ts'

let work: string
const source = () => path.join(work, 'previous/site')

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      out[path.relative(dir, path.join(entry.parentPath, entry.name))] = await readFile(
        path.join(entry.parentPath, entry.name),
        'utf8',
      )
  }
  return out
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'copy-tree-'))
  const files: Record<string, string> = {
    'index.html': 'home',
    '.cache.json': '{"hash":"x"}',
    'artikler/ok26-afstemning/index.html': 'vote',
    'sv/artikler/ok26-omrostning/index.html': 'rösta',
    'pagefind/pagefind-entry.json': '{}',
    'social/article/ok26-afstemning/da/og.png': 'previous card',
    'social/article/gammel/da/og.png': 'card of a deleted article',
  }
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(source(), file)), { recursive: true })
    await writeFile(path.join(source(), file), text)
  }
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('carrying the previous site over', () => {
  it("copies everything but the excluded folder and leaves the target's own copy of it alone", async () => {
    const target = path.join(work, 'staging/site')
    await mkdir(path.join(target, 'social/article/ok26-afstemning/da'), { recursive: true })
    await writeFile(path.join(target, 'social/article/ok26-afstemning/da/og.png'), 'this run’s card')
    await carryOverTree(source(), target, ['social'])
    const copied = await tree(target)
    expect(copied['social/article/ok26-afstemning/da/og.png']).toBe('this run’s card')
    expect(copied['social/article/gammel/da/og.png']).toBeUndefined()
    const { 'social/article/ok26-afstemning/da/og.png': _card, ...rest } = copied
    const {
      'social/article/ok26-afstemning/da/og.png': _a,
      'social/article/gammel/da/og.png': _b,
      ...expected
    } = await tree(source())
    expect(rest).toEqual(expected)
  })

  it('gives the same tree with the copy in Node (where there is no cp)', async () => {
    const target = path.join(work, 'node-copy')
    await placeTree(source(), target, { copy: true })
    expect(await tree(target)).toEqual(await tree(source()))
  })
})
