/**
 * The built-in sample snapshot ships with the product (samples/snapshot/): the admin's preview warm-up
 * and the site's default read it there, and no shipped module names a file under `tests/` (a product
 * installed without its tests must still warm its previews up).
 */
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { mediaPath, readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { SAMPLE_SNAPSHOT_DIR, SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'
import { projectRoot } from '../../channels/site/build-site.ts'

/** What ships: everything but the tests, generated output and dependencies. */
const SHIPPED = ['cms', 'channels', 'site', 'templates', 'scripts', 'astro.config.mjs']
const SKIP = new Set(['node_modules', '.next', '.astro', 'dist'])

async function sourceFiles(entry: string): Promise<string[]> {
  const full = path.join(projectRoot, entry)
  if (!(await readdir(full).catch(() => null))) return /\.(ts|tsx|mjs|js|astro)$/.test(entry) ? [entry] : []
  const files: string[] = []
  for (const dirent of await readdir(full, { withFileTypes: true }))
    if (!SKIP.has(dirent.name)) files.push(...(await sourceFiles(path.join(entry, dirent.name))))
  return files
}

describe('the sample snapshot', () => {
  it('lives in a shipped folder, outside tests/', () => {
    expect(path.relative(projectRoot, SAMPLE_SNAPSHOT_DIR)).toBe(path.join('samples', 'snapshot'))
    expect(existsSync(path.join(projectRoot, 'tests/fixtures/snapshot'))).toBe(false)
  })

  it('is a valid snapshot with every media file it names', async () => {
    const loaded = await readSnapshot(SAMPLE_SNAPSHOT_FILE)
    expect(loaded.snapshot.articles.length).toBeGreaterThan(0)
    expect(loaded.snapshot.letters.length).toBeGreaterThan(0)
    const files = new Set<string>()
    JSON.stringify(loaded.snapshot, (key, value: unknown) => {
      if (key === 'file' && typeof value === 'string') files.add(value)
      return value
    })
    expect(files.size).toBeGreaterThan(0)
    for (const file of files) expect(existsSync(mediaPath(loaded, { file } as never)), file).toBe(true)
  })

  it('is what the shipped code reads: no shipped module names a path under tests/', async () => {
    const offenders: string[] = []
    for (const entry of SHIPPED)
      for (const file of await sourceFiles(entry)) {
        const lines = (await readFile(path.join(projectRoot, file), 'utf8')).split('\n')
        lines.forEach((line, index) => {
          // A string naming tests/… (comments may mention tests, as where a rule is checked).
          if (!/^\s*(\/\/|\*|\/\*)/.test(line) && /['"`][^'"`\n]*\btests\//.test(line))
            offenders.push(`${file}:${index + 1}: ${line.trim()}`)
        })
      }
    expect(offenders).toEqual([])
  })
})
