/**
 * The WordPress import in its own process, so its memory is its own:
 * `tsx scripts/bench/wordpress-phase.ts EXPORT.xml UPLOADS`. Samples RSS as the items go in (to show
 * whether memory stays flat), counts the CPU time of the import (both cores: the machine is shared, so
 * wall time alone says little), and of its main thread alone (the writes; the HTML conversion runs on
 * a thread of its own beside them), and prints one JSON line.
 */
import { closePayload, openPayload } from '../../cms/payload-client.ts'
import { importWordPress } from '../../cms/import/wordpress/import-wordpress.ts'

const [file, uploadsDir] = process.argv.slice(2)
const payload = await openPayload()
const started = performance.now()
const cpuBefore = process.cpuUsage()
const mainBefore = process.threadCpuUsage()
/** RSS in MB after each fifth of the items. */
const rssAt: number[] = []
let nextSample = 0.2
const report = await importWordPress(payload, file, {
  uploadsDir,
  locale: 'da',
  onProgress: (done, total) => {
    if (total > 0 && done / total >= nextSample) {
      rssAt.push(Math.round(process.memoryUsage.rss() / 2 ** 20))
      nextSample += 0.2
    }
  },
})
const seconds = (performance.now() - started) / 1000
const cpu = process.cpuUsage(cpuBefore)
const main = process.threadCpuUsage(mainBefore)
await closePayload()
if (report.rejected.length > 0)
  throw new Error(
    `bench import rejected ${report.rejectedItems} items: ${JSON.stringify(report.rejected.slice(0, 3))}`,
  )
console.log(
  JSON.stringify({
    posts: report.created + report.updated + report.unchanged,
    created: report.created,
    unchanged: report.unchanged,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mainThreadCpuSeconds: (main.user + main.system) / 1e6,
    rssAt,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
)
