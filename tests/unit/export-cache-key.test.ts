/**
 * The export cache's key names the code the export maps with. The admin's build output under
 * `cms/.next/` (hundreds of compiled files that `next dev` rewrites as editors work) is not that code: it
 * must neither be read on every export nor make the next export a full one.
 */
import { existsSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { exportCacheKey } from '../../cms/export/export-cache.ts'
import { rootDir } from '../../cms/lib/paths.ts'

const nextDir = path.join(rootDir, 'cms/.next')
const hadNextDir = existsSync(nextDir)
const compiled = path.join(nextDir, `budstikke-key-test-${process.pid}.js`)

afterAll(async () => {
  await rm(hadNextDir ? compiled : nextDir, { recursive: true, force: true })
})

describe('export cache key', () => {
  it('stays the same when the admin build output changes', async () => {
    const before = await exportCacheKey()
    await mkdir(nextDir, { recursive: true })
    await writeFile(compiled, `export const compiledAt = ${Date.now()}\n`)
    expect(await exportCacheKey()).toBe(before)
  })
})
