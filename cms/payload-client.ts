/**
 * Opening Payload from the CLI and tests: migrations applied first, no dev "push", no prompts.
 */
import { getPayload, type Payload } from 'payload'

process.env.BUDSTIKKE_CLI ??= '1'

let cached: Promise<Payload> | undefined

export function openPayload(): Promise<Payload> {
  cached ??= (async () => {
    const { default: config } = await import('./payload.config.ts')
    const payload = await getPayload({ config })
    // Migrations passed as modules (not read from the folder by Payload), so they load the same way
    // under tsx, vitest and Next. MongoDB needs none for its schema.
    const { migrations } = await import('./migrations/index.ts')
    // Payload types a migration's argument as unknown; ours take the SQLite adapter's MigrateUpArgs.
    await payload.db.migrate({ migrations: migrations as unknown as Parameters<typeof payload.db.migrate>[0] extends { migrations?: infer M } ? M : never })
    return payload
  })()
  return cached
}

export async function closePayload(): Promise<void> {
  if (!cached) return
  const payload = await cached
  cached = undefined
  await payload.destroy()
}
