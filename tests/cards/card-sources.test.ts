/**
 * What the cards' cache hash covers of the code: every layout, the renderer and the drawing, and the
 * satori and sharp versions, so a layout edit or a package upgrade redraws every card on the next publish.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CARD_SOURCES } from '../../channels/cards/card-hash.ts'
import { hashSources, projectRoot } from '../../channels/shared/content-hash.ts'

let root: string

/** A copy of the project's card sources and lock file, which the test may change. */
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'card-sources-'))
  for (const entry of [...CARD_SOURCES.paths, 'package-lock.json']) {
    await mkdir(path.dirname(path.join(root, entry)), { recursive: true })
    await cp(path.join(projectRoot, entry), path.join(root, entry), { recursive: true })
  }
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

async function edited(file: string, change: (text: string) => string): Promise<string> {
  const full = path.join(root, file)
  const original = await readFile(full, 'utf8')
  await writeFile(full, change(original))
  try {
    return await hashSources(CARD_SOURCES, root)
  } finally {
    await writeFile(full, original)
  }
}

describe('the card code hash', () => {
  it('is the same for the same code, and matches the project', async () => {
    const base = await hashSources(CARD_SOURCES, root)
    expect(await hashSources(CARD_SOURCES, root)).toBe(base)
    expect(await hashSources(CARD_SOURCES)).toBe(base)
  })

  it('changes with a layout, the renderer, the drawing code, and a satori or sharp upgrade', async () => {
    const base = await hashSources(CARD_SOURCES, root)
    const changed = [
      await edited('templates/cards/article.tsx', (text) => `${text}\n// new layout\n`),
      await edited('channels/cards/render-card.ts', (text) => `${text}\n// new PNG settings\n`),
      await edited('channels/cards/draw-card.ts', (text) => `${text}\n// drawn differently\n`),
      await edited('package-lock.json', (text) =>
        text.replace(/("node_modules\/satori": \{\s*"version": ")[^"]+/, '$10.0.0-upgraded'),
      ),
      await edited('package-lock.json', (text) =>
        text.replace(/("node_modules\/sharp": \{\s*"version": ")[^"]+/, '$10.0.0-upgraded'),
      ),
    ]
    for (const hash of changed) expect(hash).not.toBe(base)
    expect(new Set(changed).size).toBe(changed.length)
  })
})
