import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson, hashSources, hashValue, packageVersions } from '../../channels/shared/content-hash.ts'

describe('hashValue', () => {
  it('does not depend on the order of object keys, at any depth', () => {
    const a = { title: 'OK26', hero: { alt: 'Urne', width: 1600 }, topics: [{ slug: 'loen', name: 'Løn' }] }
    const b = { topics: [{ name: 'Løn', slug: 'loen' }], hero: { width: 1600, alt: 'Urne' }, title: 'OK26' }
    expect(canonicalJson(a)).toBe(canonicalJson(b))
    expect(hashValue(a)).toBe(hashValue(b))
    expect(hashValue(a)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('changes with any value, and with the order of arrays', () => {
    const base = { title: 'OK26', items: ['a', 'b'] }
    expect(hashValue({ ...base, title: 'OK 26' })).not.toBe(hashValue(base))
    expect(hashValue({ ...base, items: ['b', 'a'] })).not.toBe(hashValue(base))
    expect(hashValue({ ...base, extra: null })).not.toBe(hashValue(base))
    // As JSON: an undefined property is no property, a date its ISO string.
    expect(hashValue({ ...base, extra: undefined })).toBe(hashValue(base))
    expect(canonicalJson({ at: new Date('2026-03-01T09:00:00.000Z') })).toBe(
      '{"at":"2026-03-01T09:00:00.000Z"}',
    )
  })
})

describe('hashSources', () => {
  let root: string
  const sources = { paths: ['channels/demo', 'templates/demo', 'config.mjs'], packages: ['mjml', 'astro'] }

  const lock = (mjml: string) =>
    JSON.stringify({
      packages: {
        '': {},
        'node_modules/mjml': { version: mjml },
        'node_modules/astro': { version: '7.3.5' },
      },
    })

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'content-hash-'))
    await mkdir(path.join(root, 'channels/demo/nested'), { recursive: true })
    await mkdir(path.join(root, 'templates/demo'), { recursive: true })
    await writeFile(path.join(root, 'channels/demo/render.ts'), 'export const a = 1\n')
    await writeFile(path.join(root, 'channels/demo/nested/blocks.ts'), 'export const b = 2\n')
    await writeFile(path.join(root, 'templates/demo/edition.mjml'), '<mjml></mjml>\n')
    await writeFile(path.join(root, 'config.mjs'), 'export default {}\n')
    await writeFile(path.join(root, 'package-lock.json'), lock('5.4.1'))
  })

  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('changes when a template, a nested source file or a package version changes, and only then', async () => {
    const original = await hashSources(sources, root)
    expect(await hashSources(sources, root)).toBe(original)

    await writeFile(path.join(root, 'templates/demo/edition.mjml'), '<mjml><mj-body /></mjml>\n')
    const afterTemplate = await hashSources(sources, root)
    expect(afterTemplate).not.toBe(original)

    await writeFile(path.join(root, 'channels/demo/nested/blocks.ts'), 'export const b = 3\n')
    const afterCode = await hashSources(sources, root)
    expect(afterCode).not.toBe(afterTemplate)

    await writeFile(path.join(root, 'channels/demo/nested/new-file.ts'), '')
    const afterNewFile = await hashSources(sources, root)
    expect(afterNewFile).not.toBe(afterCode)

    await writeFile(path.join(root, 'package-lock.json'), lock('5.4.2'))
    const afterUpgrade = await hashSources(sources, root)
    expect(afterUpgrade).not.toBe(afterNewFile)

    // A folder nobody listed does not count.
    await writeFile(path.join(root, 'unrelated.ts'), 'x')
    expect(await hashSources(sources, root)).toBe(afterUpgrade)
  })

  it('reads exact versions from package-lock.json and names a missing source', async () => {
    expect(await packageVersions(['astro', 'left-pad'], root)).toEqual({
      astro: '7.3.5',
      'left-pad': 'missing',
    })
    await expect(hashSources({ paths: ['channels/nowhere'], packages: [] }, root)).rejects.toThrow(
      /channels\/nowhere does not exist/,
    )
  })

  it('covers the real channel sources of this project', async () => {
    const hash = await hashSources({
      paths: ['channels/newsletter', 'templates/newsletter'],
      packages: ['mjml'],
    })
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect((await packageVersions(['mjml']))['mjml']).toMatch(/^\d+\.\d+\.\d+/)
  })
})
