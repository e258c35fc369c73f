/**
 * Two site builds at once (a publish, and an editor's preview in the admin) must not disturb each
 * other: Astro used to bundle every build's pages into one shared folder under the project root.
 */
import { mkdtemp, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildSite } from '../../channels/site/build-site.ts'
import { readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { generateSnapshot } from '../../scripts/bench/synthetic-snapshot.ts'
import { BUILD_DATE, fixtureFile } from './fixtures/bad-snapshot.ts'

describe('concurrent site builds', () => {
  it('build side by side into different folders, each complete', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'budstikke-two-builds-'))
    // A small and a larger site: the small build finishes (and cleans up) while the larger still renders.
    const largerFile = await generateSnapshot(400, path.join(tmp, 'larger-snapshot'))
    const build = async (name: string, file: string) => {
      const loaded = await readSnapshot(file)
      return {
        loaded,
        result: await buildSite({
          loaded,
          snapshotFile: file,
          siteDir: path.join(tmp, name),
          buildDate: BUILD_DATE,
          search: false,
        }),
      }
    }
    const builds = await Promise.all([build('small', fixtureFile), build('larger', largerFile)])
    expect(builds[1].result.pages).toBeGreaterThan(builds[0].result.pages)
    for (const [i, name] of ['small', 'larger'].entries()) {
      const home = await readFile(path.join(tmp, name, 'index.html'), 'utf8')
      expect(home).toContain(builds[i].loaded.snapshot.organisation.name.replace(/&/g, '&amp;'))
      await readFile(path.join(tmp, name, '404.html'), 'utf8')
    }
  })
})
