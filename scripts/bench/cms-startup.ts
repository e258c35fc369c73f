/**
 * Where the start of `budstikke publish` goes, phase by phase, for a CMS already filled (issue 15):
 * `BUDSTIKKE_DATA_DIR=<data> node scripts/bin/run-typescript.mjs scripts/bench/cms-startup.ts`, which
 * starts it as `budstikke` starts the CLI (compile cache, quicker resolution, tsx's hooks; see
 * scripts/bin/run-typescript.mjs). Prints wall and CPU seconds since the process started after each
 * phase, on stderr, and the number of modules loaded. The export is run twice: once its reading alone,
 * once whole (read, map, settle links, validate).
 */
import path from 'node:path'
import os from 'node:os'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire, registerHooks } from 'node:module'

// Every file resolved from here on (ES modules and `require`), and the CommonJS modules in require.cache.
const resolved = new Set<string>()
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context)
    if (result.url.startsWith('file:')) resolved.add(result.url)
    return result
  },
})
const modulesLoaded = () => {
  for (const file of Object.keys(createRequire(import.meta.url).cache)) resolved.add(`file://${file}`)
  return resolved.size
}

const mark = (label: string) => {
  const cpu = process.cpuUsage()
  const wall = (performance.now() / 1000).toFixed(2).padStart(6)
  console.error(`${wall} s wall ${((cpu.user + cpu.system) / 1e6).toFixed(2).padStart(6)} CPU s  ${label}`)
}
mark('Node and tsx started')
const { discoverPublishSteps } = await import('../publish/discover-steps.ts')
await discoverPublishSteps()
mark("every channel's publish step imported")
await import('../../cms/payload.config.ts')
mark("Payload's config imported (Payload, the database adapter in use, Lexical)")
const { openPayload, closePayload } = await import('../../cms/payload-client.ts')
const payload = await openPayload()
mark('getPayload and migrations checked')
await payload.jobs.run({ limit: 1000 })
mark('due jobs run')
const { readPublishedSources } = await import('../../cms/export/sources.ts')
const sources = await readPublishedSources(payload)
mark(`published documents read (${sources.articles.length} articles, every locale, depth 2)`)
const { exportSnapshot } = await import('../../cms/export/export-snapshot.ts')
const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-cms-startup-'))
try {
  const { snapshot } = await exportSnapshot(payload, { dir })
  mark('export whole: read again, map, settle links, validate')
  const json = JSON.stringify(snapshot, null, 2) + '\n'
  mark(`snapshot as JSON (${(json.length / 1e6).toFixed(1)} MB)`)
} finally {
  await rm(dir, { recursive: true, force: true })
}
await closePayload()
mark('Payload closed')
console.error(`${modulesLoaded()} modules loaded`)
console.error(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, ${os.cpus().length} cores`,
)
