/**
 * An incremental publish renders again the pages whose digest changed (channels/site/route-digests.ts):
 * a site page's digest must follow its own text and summary (its meta description), and the home page's
 * whether it loads the old query addresses' script, or an edit would leave the old HTML in place.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pageDigests } from '../../channels/site/route-digests.ts'
import { buildSiteModel } from '../../channels/site/site-model.ts'
import { parseSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { BUILD_DATE } from './fixtures/bad-snapshot.ts'
import { makePagesSnapshot } from './fixtures/pages-snapshot.ts'

let dir: string
let base: Snapshot

const digests = (snapshot: Snapshot) =>
  pageDigests(buildSiteModel(snapshot, { buildDate: BUILD_DATE, mediaExists: () => true }), {
    mediaHashes: new Map(),
    socialCards: new Set(),
  })

/** The page paths whose digest differs between two snapshots. */
const changed = (edit: (snapshot: Snapshot) => void) => {
  const after = structuredClone(base)
  edit(after)
  const [a, b] = [digests(base), digests(after)]
  return [...b.keys()].filter((key) => a.get(key) !== b.get(key)).sort()
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-page-digests-'))
  base = parseSnapshot(JSON.parse(await readFile(await makePagesSnapshot(dir), 'utf8')))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('page digests', () => {
  it('a site page is rendered again when its summary changes, with the Danish pages that list it', () => {
    const paths = changed((snapshot) => {
      snapshot.pages.find((p) => p.key === 'vedtaegter' && p.locale === 'da')!.summary = 'Forbundets love.'
    })
    expect(paths).toContain('/om-forbundet/vedtaegter/')
    expect(paths).not.toContain('/sv/om-forbundet-sv/stadgar/')
    expect(paths).not.toContain('/')
  })

  it('a site page is rendered again when its text changes', () => {
    expect(
      changed((snapshot) => {
        snapshot.pages.find((p) => p.key === 'styrelsen')!.body = [
          { type: 'paragraph', children: [{ type: 'text', text: 'Ny bestyrelse fra 2026.' }] },
        ]
      }),
    ).toContain('/om-forbundet/styrelsen/')
  })

  it('the home pages are rendered again when the first old query address comes (their script tag)', () => {
    const paths = changed((snapshot) => {
      snapshot.articles[0].oldPaths = ['/?p=123']
    })
    expect(paths).toContain('/')
    expect(paths).toContain('/sv/')
  })
})
