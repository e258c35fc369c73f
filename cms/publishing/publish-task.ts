import type { TaskConfig } from 'payload'
import { PUBLISH_TASK } from './queue-publish.ts'
import { runPublish } from './run-publish.ts'

/** The queued publish: runs every channel and records the outcome where editors see it (Publish status). */
export const publishTask: TaskConfig<{ input: { reason?: string }; output: { ok: boolean } }> = {
  slug: PUBLISH_TASK,
  label: 'Publish every channel',
  inputSchema: [{ name: 'reason', type: 'text' }],
  outputSchema: [{ name: 'ok', type: 'checkbox' }],
  retries: 0,
  handler: async ({ input, req }) => {
    const startedAt = new Date().toISOString()
    await req.payload.updateGlobal({
      slug: 'publish-status',
      data: { state: 'running', startedAt, reason: input.reason ?? '' },
      overrideAccess: true,
      req,
    })
    const run = await runPublish()
    await req.payload.updateGlobal({
      slug: 'publish-status',
      data: {
        state: run.ok ? 'ok' : 'failed',
        startedAt,
        finishedAt: new Date().toISOString(),
        seconds: run.seconds,
        reason: input.reason ?? '',
        log: run.log,
      },
      overrideAccess: true,
      req,
    })
    return { output: { ok: run.ok } }
  },
}
