/**
 * Publishing, unpublishing or deleting content (or changing the Organisation) queues one publish,
 * debounced: while a queued publish has not started yet, further changes join it.
 */
import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  GlobalAfterChangeHook,
  PayloadRequest,
} from 'payload'
import { setting } from '../../channels/shared/config.ts'

export const PUBLISH_QUEUE = 'publish'
export const PUBLISH_TASK = 'publishChannels'

export function debounceSeconds(): number {
  return setting('BUDSTIKKE_PUBLISH_DEBOUNCE_SECONDS')
}

/** Queues a publish unless one is already waiting. Returns whether a new job was queued. */
export async function queuePublish(req: PayloadRequest, reason: string): Promise<boolean> {
  const waiting = await req.payload.count({
    collection: 'payload-jobs',
    where: {
      and: [
        { queue: { equals: PUBLISH_QUEUE } },
        { processing: { equals: false } },
        { completedAt: { exists: false } },
        { hasError: { not_equals: true } },
      ],
    },
    overrideAccess: true,
    req,
  })
  if (waiting.totalDocs > 0) return false
  await req.payload.jobs.queue({
    task: PUBLISH_TASK,
    queue: PUBLISH_QUEUE,
    input: { reason },
    waitUntil: new Date(Date.now() + debounceSeconds() * 1000),
    req,
  })
  return true
}

/** The CLI publishes by itself after an import or seed; only edits made in the admin or API queue one. */
export function fromCli(req: PayloadRequest): boolean {
  return setting('BUDSTIKKE_CLI') && !req.context?.queuePublishFromCli
}

export const queuePublishAfterChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  req,
  collection,
}) => {
  if (fromCli(req)) return doc
  const status = (doc as { _status?: string })._status
  const before = (previousDoc as { _status?: string } | undefined)?._status
  // Saving a draft of an unpublished document changes nothing public.
  if (status === 'published' || before === 'published')
    await queuePublish(
      req,
      `${collection.slug}/${String((doc as { slug?: unknown }).slug ?? doc.id)} ${status === 'published' ? 'published' : 'unpublished'}`,
    )
  return doc
}

export const queuePublishAfterDelete: CollectionAfterDeleteHook = async ({ doc, req, collection }) => {
  if (!fromCli(req) && (doc as { _status?: string })._status === 'published')
    await queuePublish(
      req,
      `${collection.slug}/${String((doc as { slug?: unknown }).slug ?? doc.id)} deleted`,
    )
  return doc
}

export const queuePublishAfterGlobalChange: GlobalAfterChangeHook = async ({ doc, req }) => {
  if (!fromCli(req)) await queuePublish(req, 'organisation changed')
  return doc
}
