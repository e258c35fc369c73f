/**
 * The built-in sample snapshot (`samples/snapshot/`): a small, made-up union site with its media files.
 * It ships with the product, so nothing shipped reads from `tests/`: the admin's preview warm-up renders
 * it (cms/preview/warm-at-boot.ts), the site builds it when no snapshot is named (astro.config.mjs), and
 * the channels' tests and benchmarks take it as their fixture. `npm run fixture`
 * (tests/fixtures/build-fixture-snapshot.ts) writes it here, the one copy.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

// A folder read at run time: tell Next's tracer not to bundle what lies behind it.
export const SAMPLE_SNAPSHOT_DIR = path.join(/*turbopackIgnore: true*/ projectRoot, 'samples/snapshot')
export const SAMPLE_SNAPSHOT_FILE = path.join(SAMPLE_SNAPSHOT_DIR, 'snapshot.json')
