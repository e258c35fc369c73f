/**
 * `npm run bench wordpress`: `import-wordpress` of a generated export (issue 14) with 5,000 posts and
 * 500 pictures on a fresh SQLite file: posts per second, peak RSS, and RSS after each fifth of the posts
 * (flat memory: the export is streamed, never held). Then the same export again (a no-op).
 * Target (issue 14): at least 100 posts/s on 2 cores, memory flat. `BENCH_WORDPRESS_POSTS=1000`
 * imports another number of posts (one picture per ten posts), e.g. to compare peak RSS.
 */
import { execFile } from 'node:child_process'
import { createWriteStream, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { quick, type BenchRow } from './types.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const SITE = 'https://www.fagforening-bench.example'

interface PhaseResult {
  posts: number
  created: number
  unchanged: number
  seconds: number
  cpuSeconds: number
  /** The writes' thread alone: what bounds the rate on two free cores (the conversion has the other). */
  mainThreadCpuSeconds: number
  rssAt: number[]
  peakRssMB: number
}

function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`
}

function date(i: number): { local: string; gmt: string; path: string } {
  const d = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000 * 7)
  const iso = d.toISOString()
  return {
    gmt: `${iso.slice(0, 10)} ${iso.slice(11, 19)}`,
    local: `${iso.slice(0, 10)} ${iso.slice(11, 19)}`,
    path: `/${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`,
  }
}

export const picture = (n: number) =>
  `${2015 + (n % 5)}/${String((n % 12) + 1).padStart(2, '0')}/billede-${n}.jpg`

/** A WordPress export as WordPress writes one: classic posts with paragraphs, captions, links and featured images. */
export async function writeExport(file: string, posts: number, pictures: number): Promise<void> {
  const out = createWriteStream(file)
  const write = (text: string) =>
    new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)))
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Benchmark-forbundet</title><link>${SITE}</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>${SITE}</wp:base_site_url><wp:base_blog_url>${SITE}</wp:base_blog_url>
<wp:author><wp:author_login>${cdata('redaktion')}</wp:author_login><wp:author_display_name>${cdata('Redaktionen')}</wp:author_display_name></wp:author>
`)
  const categories = ['overenskomst', 'loen', 'arbejdsmiljoe', 'pension', 'studerende']
  for (const slug of categories)
    await write(
      `<wp:category><wp:category_nicename>${slug}</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${cdata(slug.toUpperCase())}</wp:cat_name></wp:category>\n`,
    )
  for (let i = 0; i < posts; i++) {
    const d = date(i)
    const p = i % pictures
    // Mostly an older post, as news sites link; every 20th post links to a later one (resolved in a last pass).
    const linked = i % 20 === 19 ? (i + 11) % posts : Math.max(0, i - 1 - ((i * 7) % 40))
    const content = `Første afsnit af indlæg ${i} om løn og vilkår.
En linje mere i samme afsnit.

Læs også <a href="${SITE}/?p=${1000 + linked}">indlæg ${linked}</a>.

[caption id="attachment_${100_000 + p}" width="300"]<img src="${SITE}/wp-content/uploads/${picture(p).replace('.jpg', '-300x200.jpg')}" alt="Billede ${p}" /> Billedtekst ${i}[/caption]

<h2>Mellemrubrik</h2>

Andet afsnit med <strong>fed</strong> og <em>kursiv</em> tekst, æøå.`
    await write(`<item><title>${cdata(`Indlæg ${i}: løn, vilkår og fællesskab`)}</title>
<link>${SITE}${d.path}/indlaeg-${i}/</link><dc:creator>${cdata('redaktion')}</dc:creator>
<guid isPermaLink="false">${SITE}/?p=${1000 + i}</guid><content:encoded>${cdata(content)}</content:encoded>
<excerpt:encoded>${cdata('')}</excerpt:encoded><wp:post_id>${1000 + i}</wp:post_id>
<wp:post_date>${cdata(d.local)}</wp:post_date><wp:post_date_gmt>${cdata(d.gmt)}</wp:post_date_gmt>
<wp:post_name>${cdata(`indlaeg-${i}`)}</wp:post_name><wp:status>${cdata(i % 50 === 0 ? 'draft' : 'publish')}</wp:status>
<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type>${cdata('post')}</wp:post_type>
<wp:post_password>${cdata('')}</wp:post_password>
<category domain="category" nicename="${categories[i % categories.length]}">${cdata(categories[i % categories.length])}</category>
<wp:postmeta><wp:meta_key>${cdata('_thumbnail_id')}</wp:meta_key><wp:meta_value>${cdata(String(100_000 + ((i + 1) % pictures)))}</wp:meta_value></wp:postmeta>
</item>\n`)
  }
  for (let p = 0; p < pictures; p++)
    await write(`<item><title>${cdata(`Billede ${p}`)}</title><wp:post_id>${100_000 + p}</wp:post_id>
<wp:status>${cdata('inherit')}</wp:status><wp:post_type>${cdata('attachment')}</wp:post_type><wp:post_parent>0</wp:post_parent>
<wp:attachment_url>${cdata(`${SITE}/wp-content/uploads/${picture(p)}`)}</wp:attachment_url>
<wp:postmeta><wp:meta_key>${cdata('_wp_attachment_image_alt')}</wp:meta_key><wp:meta_value>${cdata(`Medlemmer til møde ${p}`)}</wp:meta_value></wp:postmeta></item>\n`)
  await write('</channel></rss>\n')
  await new Promise((resolve) => out.end(resolve))
}

/**
 * `pictures` different photos (each with its number drawn on it: plain colours a step apart can come
 * out of JPEG as the same bytes, and the import keeps one media document per picture content).
 */
export async function writePictures(uploads: string, pictures: number): Promise<void> {
  for (let p = 0; p < pictures; p++) {
    const file = path.join(uploads, picture(p))
    await mkdir(path.dirname(file), { recursive: true })
    const label = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><text x="20" y="120" font-size="64" fill="#fff">${p}</text></svg>`,
    )
    await sharp({
      create: { width: 320, height: 200, channels: 3, background: { r: p % 256, g: 90, b: 60 } },
    })
      .composite([{ input: label }])
      .jpeg()
      .toFile(file)
  }
}

async function runPhase(file: string, uploads: string, dataDir: string): Promise<PhaseResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'wordpress-phase.ts'), file, uploads],
    { env: { ...process.env, BUDSTIKKE_DATA_DIR: dataDir, DATABASE_URI: '' }, maxBuffer: 64 * 1024 * 1024 },
  )
  return JSON.parse(stdout.trim().split('\n').pop() as string) as PhaseResult
}

export async function run(): Promise<BenchRow[]> {
  const posts = quick ? 200 : Number(process.env.BENCH_WORDPRESS_POSTS) || 5_000
  const pictures = Math.max(1, Math.round(posts / 10))
  const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-bench-wordpress-'))
  try {
    const uploads = path.join(dir, 'uploads')
    await writePictures(uploads, pictures)
    const file = path.join(dir, 'export.xml')
    await writeExport(file, posts, pictures)
    const data = path.join(dir, 'data')
    const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
    const loadBefore = load()
    const first = await runPhase(file, uploads, data)
    const again = await runPhase(file, uploads, data)
    const label = `${posts.toLocaleString('en')} posts, ${pictures} pictures`
    return [
      {
        benchmark: `import-wordpress ${label}`,
        value: Math.round(first.posts / first.seconds),
        unit: 'posts/s',
        // Posts per CPU second: what one free core would import, whatever else shares the machine.
        note: `${first.seconds.toFixed(1)} s, ${first.cpuSeconds.toFixed(1)} CPU s (${Math.round(first.posts / first.cpuSeconds)} posts per CPU s), main thread ${first.mainThreadCpuSeconds.toFixed(1)} CPU s (${((1000 * first.mainThreadCpuSeconds) / first.posts).toFixed(1)} ms a post), load average ${loadBefore} before, ${load()} after; target ≥ 100 posts/s on 2 cores`,
      },
      { benchmark: `import-wordpress ${label}`, value: first.peakRssMB, unit: 'MB peak RSS' },
      {
        benchmark: `import-wordpress ${label}`,
        value: first.rssAt.at(-1)! - first.rssAt[0],
        unit: 'MB RSS growth from 20% to 100% of the posts',
        note: `RSS at each fifth: ${first.rssAt.join(', ')} MB`,
      },
      {
        benchmark: `import-wordpress ${label}, again (no-op)`,
        value: Math.round(again.posts / again.seconds),
        unit: 'posts/s',
        note: `${again.unchanged} unchanged, ${again.created} created, ${again.seconds.toFixed(1)} s, ${again.cpuSeconds.toFixed(1)} CPU s`,
      },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
