/**
 * Generated snapshots for benchmarks: any number of obviously fake Danish articles ("Artikel 17: …"),
 * written as `<dir>/snapshot.json`. By default plain articles only (no photos, no other content), as
 * the site bench compares Astro with Hugo on them; `withMedia` adds what a real publish has: hero
 * photos and the logo from the fixture's media folder (copied beside the snapshot), the fixture's
 * benefits and campaigns, and a few newsletter editions.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Article, Block, Newsletter, Snapshot } from '../../channels/snapshot/schema.ts'
import { SAMPLE_SNAPSHOT_DIR } from '../../channels/snapshot/sample-snapshot.ts'

export const FIXTURE_DIR = SAMPLE_SNAPSHOT_DIR
export const TOPICS = ['overenskomst', 'loen', 'arbejdsmiljoe', 'ferie', 'pension']

const words =
  'medlem overenskomst løn ferie pension arbejdsplads tillidsrepræsentant forhandling aftale rettighed fællesskab kollega vagt tillæg uddannelse'.split(
    ' ',
  )
export const sentence = (i: number, n: number): string =>
  Array.from({ length: n }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ')

function articleBody(i: number): Block[] {
  const p = (text: string): Block => ({ type: 'paragraph', children: [{ type: 'text', text }] })
  return [
    p(`${sentence(i, 24)}.`),
    { type: 'heading', level: 2, children: [{ type: 'text', text: `Afsnit ${i}` }] },
    p(`${sentence(i + 1, 30)}.`),
    {
      type: 'list',
      ordered: false,
      items: [
        { children: [{ type: 'text', text: sentence(i + 2, 6) }] },
        { children: [{ type: 'text', text: sentence(i + 3, 6) }] },
      ],
    },
    p(`${sentence(i + 4, 40)}.`),
  ]
}

export interface SyntheticOptions {
  /** Hero photos (three of four articles), the logo, the fixture's benefits and campaigns, and newsletters. */
  withMedia?: boolean
  /** Newsletter editions (with `withMedia`), each with six of the newest articles. Default 4. */
  newsletters?: number
}

/** Writes `<dir>/snapshot.json` (and `<dir>/media/` with `withMedia`); returns the snapshot file. */
export async function generateSnapshot(
  count: number,
  dir: string,
  options: SyntheticOptions = {},
): Promise<string> {
  const fixture = JSON.parse(await readFile(path.join(FIXTURE_DIR, 'snapshot.json'), 'utf8')) as Snapshot
  const photos = fixture.articles
    .flatMap((a) => (a.hero ? [a.hero] : []))
    .filter((hero, i, all) => all.findIndex((h) => h.file === hero.file) === i)
  const articles: Article[] = Array.from({ length: count }, (_, i) => {
    const slug = `artikel-${i + 1}`
    const date = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString()
    const topic = TOPICS[i % TOPICS.length]
    return {
      id: `bench-${i}`,
      key: slug,
      slug,
      locale: 'da',
      fallbackFields: [],
      oldPaths: [],
      translations: { da: slug },
      publishedAt: date,
      updatedAt: date,
      title: `Artikel ${i + 1}: ${sentence(i, 5)}`,
      summary: `${sentence(i, 18)}.`,
      body: articleBody(i),
      hero: options.withMedia && i % 4 !== 3 ? photos[i % photos.length] : null,
      topics: [{ slug: topic, name: topic }],
      segments: [],
      authors: ['Redaktionen'],
    }
  })
  const snapshot: Snapshot = {
    ...fixture,
    topics: TOPICS.map((slug, i) => ({
      id: `t${i}`,
      slug,
      name: { da: slug, sv: slug, nb: slug, en: slug },
      description: {},
    })),
    organisation: options.withMedia ? fixture.organisation : { ...fixture.organisation, logo: null },
    articles,
    benefits: options.withMedia ? fixture.benefits : [],
    campaigns: options.withMedia ? fixture.campaigns : [],
    newsletters: options.withMedia
      ? newsletters(fixture.newsletters[0], articles, options.newsletters ?? 4)
      : [],
    letters: [],
  }
  await mkdir(dir, { recursive: true })
  if (options.withMedia)
    await cp(path.join(FIXTURE_DIR, 'media'), path.join(dir, 'media'), { recursive: true })
  const file = path.join(dir, 'snapshot.json')
  await writeFile(file, JSON.stringify(snapshot))
  return file
}

/** Monthly editions, newest first, each with the next six articles from the newest down. */
function newsletters(template: Newsletter, articles: Article[], editions: number): Newsletter[] {
  const newest = [...articles].reverse()
  return Array.from({ length: editions }, (_, e) => {
    const month = new Date(Date.UTC(2026, 11 - e, 1))
    const slug = `nyhedsbrev-${month.toISOString().slice(0, 7)}`
    return {
      ...template,
      id: `bench-n${e}`,
      key: slug,
      slug,
      translations: { da: slug },
      publishedAt: month.toISOString(),
      updatedAt: month.toISOString(),
      subject: `Nyhedsbrev ${e + 1}: ${sentence(e, 4)}`,
      items: newest.slice(e * 6, e * 6 + 6).map((a) => ({ kind: 'article' as const, key: a.key })),
      segment: null,
    }
  })
}
