/**
 * Import and export of many generated articles on a fresh SQLite file (issue 2):
 * items per second and peak memory. Each phase runs in its own process, the import from one file.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { quick, type BenchRow } from './types.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

function generatedArticles(count: number) {
  const topics = ['overenskomst', 'loen', 'arbejdsmiljoe', 'studerende', 'pension']
  return Array.from({ length: count }, (_, i) => ({
    slug: `bench-artikel-${i}`,
    title: `Benchmark-artikel nummer ${i}: løn, vilkår og fællesskab`,
    summary: `Resumé af artikel ${i} med æøå.`,
    body: { markdown: `Første afsnit af artikel ${i}.\n\n## Mellemrubrik\n\nAndet afsnit med **fed** tekst og [et link](https://example.org/${i}).\n\n- punkt et\n- punkt to` },
    topics: [topics[i % topics.length]],
    publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  }))
}

interface PhaseResult {
  items: number
  seconds: number
  peakRssMB: number
}

async function runPhase(phase: 'import' | 'export', file: string, dataDir: string): Promise<PhaseResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(here, 'cms-phase.ts'), phase, file], {
    env: { ...process.env, BUDSTIKKE_DATA_DIR: dataDir, DATABASE_URI: '' },
    maxBuffer: 64 * 1024 * 1024,
  })
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
    return [
      { benchmark: `import ${label} articles`, value: round(imported.items / imported.seconds), unit: 'items/s', note: `${imported.seconds.toFixed(1)} s` },
      { benchmark: `import ${label} articles, peak RSS`, value: imported.peakRssMB, unit: 'MB' },
      { benchmark: `export ${label} articles`, value: round(exported.items / exported.seconds), unit: 'items/s', note: `${exported.seconds.toFixed(1)} s` },
      { benchmark: `export ${label} articles, peak RSS`, value: exported.peakRssMB, unit: 'MB' },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const round = (n: number) => Math.round(n * 10) / 10
