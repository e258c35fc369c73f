/** Drawing threads: the same bytes as drawing in the calling thread, progress reported as cards finish. */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildCards } from '../../channels/cards/build-cards.ts'
import { layOver } from '../../channels/cards/render-card.ts'
import type { LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { loadFixture, quiet, tempDir, removeTempDirs } from './helpers.ts'

afterAll(removeTempDirs)

/** The fixture, with one hero photo cut short: its header reads, its pixels do not. */
async function fixtureWithTruncatedPhoto(): Promise<LoadedSnapshot> {
  const base = await loadFixture()
  const dir = await tempDir('truncated')
  await mkdir(path.join(dir, 'media'))
  for (const file of await readdir(path.join(base.dir, 'media')))
    await copyFile(path.join(base.dir, 'media', file), path.join(dir, 'media', file))
  const photo = await readFile(path.join(dir, 'media/students.jpg'))
  await writeFile(path.join(dir, 'media/students.jpg'), photo.subarray(0, Math.floor(photo.length / 3)))
  return { snapshot: base.snapshot, dir }
}

async function pngs(out: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  for (const entry of await readdir(path.join(out, 'social'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.png')) {
      const file = path.join(entry.parentPath, entry.name)
      files.set(path.relative(out, file), await readFile(file))
    }
  }
  return files
}

describe('drawing threads', () => {
  it('draw the same bytes as the calling thread, with the same warnings, and report progress', async () => {
    const loaded = await fixtureWithTruncatedPhoto()
    const total =
      loaded.snapshot.articles.length + loaded.snapshot.benefits.length + loaded.snapshot.campaigns.length
    const here = await tempDir('inline')
    const threads = await tempDir('threads')
    const progress: [number, number][] = []
    const inline = await buildCards({ loaded, outDir: here, full: true, log: quiet, workers: 0 })
    const drawn = await buildCards({
      loaded,
      outDir: threads,
      full: true,
      log: quiet,
      workers: 2,
      progress: (done, all) => progress.push([done, all]),
    })

    expect([inline.workers, drawn.workers]).toEqual([0, 2])
    expect([drawn.rendered, drawn.reused]).toEqual([inline.rendered, inline.reused])
    expect(drawn.warnings).toEqual(inline.warnings)
    // The cut photo is drawn without it, in every format, with a warning naming the document and field.
    const cut = drawn.warnings.filter(
      (w) => w.field === 'hero' && w.message.startsWith('photo cannot be drawn'),
    )
    expect(cut.map((w) => w.document)).toContain('articles/studiejob-rettigheder (da)')
    expect(drawn.warnings.filter((w) => w.message.startsWith('card not made'))).toEqual([])

    const a = await pngs(here)
    const b = await pngs(threads)
    expect(a.size).toBe(total * 3)
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort())
    for (const [file, bytes] of a) expect(bytes.equals(b.get(file)!), file).toBe(true)

    expect(progress[0]).toEqual([0, total])
    expect(progress.at(-1)).toEqual([total, total])
    expect(progress.every(([done], i) => i === 0 || done === progress[i - 1][0] + 1)).toBe(true)
  })
})

describe('laying a card over its photo', () => {
  it('keeps the photo where the card is transparent, the card where it is opaque, and blends between', () => {
    const base = Buffer.from([10, 20, 30, 100, 100, 100, 200, 0, 50, 7, 7, 7])
    const layer = Buffer.from([
      ...[0, 0, 0, 0], // transparent: the photo
      ...[255, 255, 255, 255], // opaque white
      ...[0, 0, 0, 128], // half black over (200, 0, 50)
      ...[9, 9, 9, 0], // alpha 0 with colour: still the photo
    ])
    expect([...layOver(base, layer, 4)]).toEqual([10, 20, 30, 255, 255, 255, 100, 0, 25, 7, 7, 7])
  })
})
