/**
 * Search stays right after an incremental publish (issue 15): an article's title is edited, the site is
 * published again (only the touched pages rendered, the index written from the kept search records), and
 * in Chromium the search page finds the new title and no longer shows the old one.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { publishSnapshot, type PublishReport } from '../../scripts/publish/publish.ts'
import { serveStatic } from '../site/static-server.ts'
import { CHROMIUM_ARGS } from './helpers/browser.ts'
import { SAMPLE_SNAPSHOT_DIR } from '../../channels/snapshot/sample-snapshot.ts'

const OLD_TITLE = 'Dine rettigheder i et studiejob'
const NEW_TITLE = 'Studerende på havnen: ny vejledning om nattevagter'

let work: string
let second: PublishReport
let server: { url: string; close: () => Promise<void> }
let browser: Browser

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'budstikke-search-incremental-'))
  const snapshotDir = path.join(work, 'snapshot')
  await cp(SAMPLE_SNAPSHOT_DIR, snapshotDir, { recursive: true })
  const snapshotFile = path.join(snapshotDir, 'snapshot.json')
  const outDir = path.join(work, 'dist')
  const publish = () => publishSnapshot({ snapshotFile, outDir, only: ['site'], full: false, log: () => {} })
  await publish()
  const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8')) as Snapshot
  snapshot.articles.find((a) => a.key === 'studiejob-rettigheder' && a.locale === 'da')!.title = NEW_TITLE
  await writeFile(snapshotFile, JSON.stringify(snapshot, null, 2))
  second = await publish()
  server = await serveStatic(path.join(outDir, 'site'))
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await rm(work, { recursive: true, force: true })
})

/** The titles of the search page's results for a query, once Pagefind has answered. */
async function resultTitles(query: string): Promise<string[]> {
  const page = await (await browser.newContext()).newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${server.url}/soeg/`, { waitUntil: 'load' })
  await page.locator('.pagefind-ui__search-input').fill(query)
  // Pagefind UI says how many results it found ("2 results for …"; it may say "No results" while its
  // index chunks still load), then loads each shown result (at most five) separately: wait until it has
  // found something and every shown result has its link.
  const message = page.locator('.pagefind-ui__message').filter({ hasText: query })
  const links = page.locator('.pagefind-ui__result-link')
  await expect
    .poll(
      async () => {
        const found = Number(
          /\d+/.exec((await message.textContent({ timeout: 1_000 }).catch(() => '')) ?? '')?.[0] ?? 0,
        )
        return found > 0 && (await links.count()) === Math.min(found, 5)
      },
      { timeout: 20_000 },
    )
    .toBe(true)
  const titles = await links.allTextContents()
  expect(errors).toEqual([])
  await page.context().close()
  return titles.map((t) => t.trim())
}

describe('search after an incremental publish', () => {
  it('was an incremental publish: a few pages rendered, the rest copied', () => {
    const site = second.channels.find((c) => c.channel === 'site')!
    expect(site.rendered).toBeGreaterThan(0)
    expect(site.reused).toBeGreaterThan(site.rendered)
  })

  it('finds the edited title', async () => {
    expect(await resultTitles('nattevagter')).toContain(NEW_TITLE)
  })

  it('no longer finds the old title: a word of it finds the article under its new title', async () => {
    const titles = await resultTitles('studiejob')
    expect(titles).toContain(NEW_TITLE)
    expect(titles).not.toContain(OLD_TITLE)
  })
})
