/**
 * Payload's log for people: one readable line per message on stderr (`14:02:11 INFO: Migrating: …`),
 * instead of pino's JSON objects, so CLI output and the admin's Publish status log read as text.
 * `BUDSTIKKE_LOG_FORMAT=json` keeps pino's JSON (for a log collector); `BUDSTIKKE_LOG_LEVEL` sets the
 * level (the tests use `warn`).
 */
import { build } from 'pino-pretty'
import type { Config } from 'payload'
import { setting } from '../../channels/shared/config.ts'

export function payloadLogger(): NonNullable<Config['logger']> {
  const options = { level: setting('BUDSTIKKE_LOG_LEVEL') }
  if (setting('BUDSTIKKE_LOG_FORMAT') === 'json') return { options }
  // Synchronous: a CLI that exits right after an error must not lose the line that explains it.
  const destination = build({
    colorize: Boolean(process.stderr.isTTY),
    ignore: 'pid,hostname',
    translateTime: 'SYS:HH:MM:ss',
    destination: 2,
    sync: true,
  })
  return { options, destination }
}
