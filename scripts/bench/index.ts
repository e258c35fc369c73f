/**
 * `npm run bench [name…]`: runs every `scripts/bench/*.bench.ts` (or those named), prints one table
 * and writes `bench/results.json` with the machine noted.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchModule, BenchRow } from './types.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const wanted = process.argv.slice(2)
const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts') && (wanted.length === 0 || wanted.some((w) => f.startsWith(w)))).sort()

const rows: BenchRow[] = []
for (const file of files) {
  console.error(`bench: ${file}…`)
  const module = (await import(pathToFileURL(path.join(here, file)).href)) as BenchModule
  const result = await module.run()
  rows.push(...result)
  for (const row of result) console.error(`  ${row.benchmark}: ${row.value} ${row.unit}`)
}

const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }
const width = Math.max(...rows.map((r) => r.benchmark.length), 9)
console.log(`${'benchmark'.padEnd(width)}  ${'value'.padStart(12)}  unit`)
for (const row of rows) console.log(`${row.benchmark.padEnd(width)}  ${String(row.value).padStart(12)}  ${row.unit}${row.note ? `  (${row.note})` : ''}`)
console.log(`machine: ${machine.cpus} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`)
await mkdir(path.join(root, 'bench'), { recursive: true })
await writeFile(path.join(root, 'bench/results.json'), JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2) + '\n')
