/**
 * `npm run bench [name…]`: runs every `scripts/bench/*.bench.ts` (or those named), prints one table
 * and writes `bench/results.json` with the machine noted.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchModule, BenchRow } from './types.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const wanted = process.argv.slice(2)
const files = (await readdir(here))
  .filter((f) => f.endsWith('.bench.ts') && (wanted.length === 0 || wanted.some((w) => f.startsWith(w))))
  .sort()

const rows: BenchRow[] = []
const byModule: Record<string, { date: string; rows: BenchRow[] }> = {}
for (const file of files) {
  console.error(`bench: ${file}…`)
  const module = (await import(pathToFileURL(path.join(here, file)).href)) as BenchModule
  const result = await module.run()
  rows.push(...result)
  byModule[file.replace(/\.bench\.ts$/, '')] = { date: new Date().toISOString(), rows: result }
  for (const row of result) console.error(`  ${row.benchmark}: ${row.value} ${row.unit}`)
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
}
const width = Math.max(...rows.map((r) => r.benchmark.length), 9)
console.log(`${'benchmark'.padEnd(width)}  ${'value'.padStart(12)}  unit`)
for (const row of rows)
  console.log(
    `${row.benchmark.padEnd(width)}  ${String(row.value).padStart(12)}  ${row.unit}${row.note ? `  (${row.note})` : ''}`,
  )
console.log(
  `machine: ${machine.cpus} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`,
)
// Results are kept per benchmark module: running one module updates its rows and keeps the others'.
const resultsFile = path.join(root, 'bench/results.json')
const previous = JSON.parse(await readFile(resultsFile, 'utf8').catch(() => '{}')) as {
  modules?: typeof byModule
}
await mkdir(path.dirname(resultsFile), { recursive: true })
await writeFile(
  resultsFile,
  JSON.stringify({ machine, modules: { ...(previous.modules ?? {}), ...byModule } }, null, 2) + '\n',
)
