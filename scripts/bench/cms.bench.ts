/**
 * Import and export of many generated articles on a fresh SQLite file (issue 2):
 * items per second and peak memory. Each phase runs in its own process, the import from one file.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { quick, type BenchRow } from './types.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

export function generatedArticles(count: number) {
  const topics = ['overenskomst', 'loen', 'arbejdsmiljoe', 'studerende', 'pension']
  return Array.from({ length: count }, (_, i) => ({
    slug: `bench-artikel-${i}`,
    title: `Benchmark-artikel nummer ${i}: løn, vilkår og fællesskab`,
    summary: `Resumé af artikel ${i} med æøå.`,
    body: {
      markdown: `Første afsnit af artikel ${i}.\n\n## Mellemrubrik\n\nAndet afsnit med **fed** tekst og [et link](https://example.org/${i}).\n\n- punkt et\n- punkt to`,
    },
    topics: [topics[i % topics.length]],
    publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  }))
}

/** Articles as an old website holds them: a table, inline pictures (two files shared by all), code, a rule. */
function richHtmlArticles(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    slug: `rig-artikel-${i}`,
    title: `Rig artikel ${i}: satser og billeder`,
    body: {
      html: `<p>Indledning til artikel ${i} med <b>fed</b>, <i>kursiv</i> og H<sub>2</sub>O.</p>
<table><caption>Satser ${i}</caption><thead><tr><th>Gruppe</th><th>Sats</th></tr></thead>
<tbody>${Array.from({ length: 5 }, (_, r) => `<tr><td>Gruppe ${r}</td><td>${100 + r + i},50 kr.</td></tr>`).join('')}</tbody></table>
<figure><img src="img/moede.jpg" alt="Møde ${i}"><figcaption>Billedtekst ${i}</figcaption></figure>
<p>Før <img src="img/tal.jpg" alt="Tal ${i}"> efter.</p>
<pre><code class="language-sh">echo  "${i}"\n  indrykket</code></pre><hr><p>Slut.</p>`,
    },
    publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  }))
}

interface PhaseResult {
  items: number
  seconds: number
  /** CPU seconds of the phase (all threads of its process): steadier than wall on a shared machine. */
  cpuSeconds: number
  peakRssMB: number
}

export async function runPhase(
  phase: 'import' | 'export' | 'export-cached' | 'edit',
  file: string,
  dataDir: string,
): Promise<PhaseResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'cms-phase.ts'), phase, file],
    {
      env: { ...process.env, BUDSTIKKE_DATA_DIR: dataDir, DATABASE_URI: '' },
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  return JSON.parse(stdout.trim().split('\n').pop() as string) as PhaseResult
}

export async function run(): Promise<BenchRow[]> {
  const count = quick ? 300 : 10_000
  const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-bench-cms-'))
  try {
    // One file, one process: the import's memory stays flat however many items the file holds.
    const articles = generatedArticles(count)
    const file = path.join(dir, 'articles.json')
    await writeFile(file, JSON.stringify({ articles }))
    const imported = await runPhase('import', file, path.join(dir, 'data'))
    const exported = await runPhase('export', path.join(dir, 'out', 'snapshot.json'), path.join(dir, 'data'))
    const label = count.toLocaleString('en')
    // The export after one edit (issue 15): the first cached export writes the cache, one title is
    // edited, the next reads only what changed.
    const cachedOut = path.join(dir, 'out-cached', 'snapshot.json')
    await runPhase('export-cached', cachedOut, path.join(dir, 'data'))
    await runPhase('edit', `bench-artikel-${Math.floor(count / 2)}`, path.join(dir, 'data'))
    const load = (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ')[0]
    const afterEdit = await runPhase('export-cached', cachedOut, path.join(dir, 'data'))

    // Rich HTML (issue 13): tables and inline pictures, each picture file uploaded once.
    const richCount = quick ? 100 : 1_000
    await mkdir(path.join(dir, 'rich', 'img'), { recursive: true })
    await sharp({ create: { width: 900, height: 600, channels: 3, background: '#2f7d4a' } })
      .jpeg()
      .toFile(path.join(dir, 'rich', 'img', 'moede.jpg'))
    await sharp({ create: { width: 640, height: 400, channels: 3, background: '#1d4e89' } })
      .jpeg()
      .toFile(path.join(dir, 'rich', 'img', 'tal.jpg'))
    const richFile = path.join(dir, 'rich', 'articles.json')
    await writeFile(richFile, JSON.stringify({ articles: richHtmlArticles(richCount) }))
    const rich = await runPhase('import', richFile, path.join(dir, 'rich-data'))
    return [
      {
        benchmark: `import ${label} articles`,
        value: round(imported.items / imported.seconds),
        unit: 'items/s',
        note: `${imported.seconds.toFixed(1)} s`,
      },
      { benchmark: `import ${label} articles, peak RSS`, value: imported.peakRssMB, unit: 'MB' },
      {
        benchmark: `export ${label} articles`,
        value: round(exported.items / exported.seconds),
        unit: 'items/s',
        note: `${exported.seconds.toFixed(1)} s`,
      },
      { benchmark: `export ${label} articles, peak RSS`, value: exported.peakRssMB, unit: 'MB' },
      {
        benchmark: `export ${label} articles after one edit (export cache)`,
        value: round(afterEdit.seconds),
        unit: 's',
        note: `${afterEdit.cpuSeconds.toFixed(2)} CPU s (full export ${exported.seconds.toFixed(1)} s, ${exported.cpuSeconds.toFixed(2)} CPU s), load ${load}`,
      },
      {
        benchmark: `import ${richCount.toLocaleString('en')} HTML articles with tables and inline images`,
        value: round(rich.items / rich.seconds),
        unit: 'items/s',
        note: `${rich.seconds.toFixed(1)} s`,
      },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const round = (n: number) => Math.round(n * 10) / 10
