/**
 * One benchmark phase in its own process, so its peak memory is its own:
 * `tsx scripts/bench/cms-phase.ts import FILE`, `… export OUTFILE`, `… export-cached OUTFILE` (with the export cache beside OUTFILE) or `… edit SLUG` (a new title for the
 * Danish article with that slug, published, as an editor's save). Prints one JSON line.
 */
import { writeFile } from 'node:fs/promises'
import { openPayload, closePayload } from '../../cms/payload-client.ts'

const [phase, file] = process.argv.slice(2)
const payload = await openPayload()
const started = performance.now()
const cpuStarted = process.cpuUsage()
let items: number
if (phase === 'import') {
  const { importFile } = await import('../../cms/import/import-content.ts')
  const report = await importFile(payload, file)
  if (report.rejected.length > 0)
    throw new Error(
      `bench import rejected ${report.rejected.length} items: ${JSON.stringify(report.rejected.slice(0, 3))}`,
    )
  items = report.created + report.updated + report.unchanged
} else if (phase === 'export' || phase === 'export-cached') {
  const { exportSnapshot } = await import('../../cms/export/export-snapshot.ts')
  const path = await import('node:path')
  // `export-cached` keeps the export cache beside the snapshot: after one edit it reads what changed.
  const cache = phase === 'export-cached' ? path.join(path.dirname(file), 'export-cache.json') : undefined
  const result = await exportSnapshot(payload, { dir: path.dirname(file), cache })
  await writeFile(file, JSON.stringify(result.snapshot))
  items = result.snapshot.articles.length
  if (result.cache) console.error(JSON.stringify(result.cache))
} else if (phase === 'edit') {
  const { docs } = await payload.update({
    collection: 'articles',
    where: { slug: { equals: file } },
    locale: 'da',
    data: { title: `Rettet titel ${new Date().toISOString()}`, _status: 'published' },
  })
  if (docs.length !== 1) throw new Error(`bench edit: ${docs.length} articles with slug ${file}`)
  items = docs.length
} else {
  throw new Error(`unknown phase ${phase}`)
}
const seconds = (performance.now() - started) / 1000
const cpu = process.cpuUsage(cpuStarted)
const cpuSeconds = Math.round((cpu.user + cpu.system) / 10_000) / 100
await closePayload()
console.log(
  JSON.stringify({
    phase,
    items,
    seconds,
    cpuSeconds,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
)
