/**
 * A real Payload on a fresh SQLite file in a temporary folder, for integration tests.
 * The data folder must be chosen before the config is imported (it reads env at import time).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'

export interface TempCms {
  payload: Payload
  dir: string
  close(): Promise<void>
}

export async function startTempCms(): Promise<TempCms> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-test-'))
  process.env.BUDSTIKKE_DATA_DIR = dir
  delete process.env.DATABASE_URI
  const { openPayload, closePayload } = await import('../../cms/payload-client.ts')
  const payload = await openPayload()
  return {
    payload,
    dir,
    async close() {
      await closePayload()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
