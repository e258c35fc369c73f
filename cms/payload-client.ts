/**
 * Opening Payload from the CLI and tests: migrations applied first, no dev "push", no prompts.
 */
import { getPayload, type Payload } from 'payload'

process.env.BUDSTIKKE_CLI ??= '1'
// Outside NODE_ENV production/test, getPayload() opens a WebSocket to the Next.js dev server's
// hot-reload endpoint (`localhost:${PORT ?? 3000}`) and Payload's destroy() never closes it: a
// command run while an admin listened on that port finished its work and then waited forever on the
// pending connection. There is no config to reload in a CLI process, so never open it.
// Guarded by tests/cms/cli-exit.test.ts.
process.env.DISABLE_PAYLOAD_HMR = 'true'

let cached: Promise<Payload> | undefined

export function openPayload(): Promise<Payload> {
  cached ??= (async () => {
    const { default: config } = await import('./payload.config.ts')
    const payload = await getPayload({ config })
    // Migrations passed as modules (not read from the folder by Payload), so they load the same way
    // under tsx, vitest and Next. MongoDB needs none for its schema.
    const { migrations } = await import('./migrations/index.ts')
    // Payload types a migration's argument as unknown; ours take the SQLite adapter's MigrateUpArgs.
    await payload.db.migrate({
      migrations: migrations as unknown as Parameters<typeof payload.db.migrate>[0] extends {
        migrations?: infer M
      }
        ? M
        : never,
    })
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
