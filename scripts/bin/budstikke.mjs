#!/usr/bin/env node
// The `budstikke` CLI. Runs the TypeScript sources through tsx, under Node 24: when started by an
// older `node` (a fresh Debian machine has Node 20), it re-runs itself with the project's `node@24`.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  const node24 = path.join(root, 'node_modules/node/bin/node')
  if (!existsSync(node24)) {
    console.error(`budstikke needs Node 24 (this is ${process.version}); run \`npm install\` first.`)
    process.exit(1)
  }
  const result = spawnSync(node24, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  })
  process.exit(result.status ?? 1)
}
const { runTypeScript } = await import('./run-typescript.mjs')
await runTypeScript(path.join(root, 'scripts/cli.ts'))
