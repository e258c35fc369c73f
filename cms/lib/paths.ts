import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { setting } from '../../channels/shared/config.ts'

/** Paths built from this folder, never from cwd: the CLI, Next and tests start in different folders. */
export const cmsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const rootDir = path.resolve(cmsDir, '..')
export const migrationsDir = path.join(cmsDir, 'migrations')

/**
 * Gitignored data folder: SQLite file, uploaded media, generated secret. `BUDSTIKKE_DATA_DIR` moves it
 * (tests use temp folders). Read at call time, not import time, so a test can set it after importing modules.
 */
export function dataDir(): string {
  // A runtime folder: tell Next's tracer not to bundle the project behind it.
  return path.resolve(/*turbopackIgnore: true*/ setting('BUDSTIKKE_DATA_DIR') ?? path.join(rootDir, 'data'))
}

export function mediaDir(): string {
  return path.join(dataDir(), 'media')
}
