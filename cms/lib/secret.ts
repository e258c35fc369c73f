import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { dataDir } from './paths.ts'
import { setting } from '../../channels/shared/config.ts'

/** `PAYLOAD_SECRET`, or one generated once into the gitignored data folder, so a fresh clone needs no set-up step. */
export function payloadSecret(): string {
  const secret = setting('PAYLOAD_SECRET')
  if (secret) return secret
  const file = path.join(dataDir(), '.payload-secret')
  if (!existsSync(file)) {
    mkdirSync(dataDir(), { recursive: true })
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  }
  return readFileSync(file, 'utf8').trim()
}
