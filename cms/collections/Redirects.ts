import type { CollectionBeforeValidateHook, CollectionConfig, Field, PayloadRequest } from 'payload'
import { ValidationError } from 'payload'
import { signedIn } from '../access/roles.ts'
import { LOCALES } from '../../channels/snapshot/locales.ts'
import { REDIRECT_TARGET_COLLECTIONS } from '../../channels/snapshot/schema.ts'
import { normalizeOldPath } from '../../channels/shared/old-path.ts'
import { redirectUrlProblem } from '../../channels/site/redirect-rules.ts'
import { redirectSaveProblem } from '../lib/redirect-save-check.ts'
import { fromCli, queuePublish } from '../publishing/queue-publish.ts'

type RedirectData = { from?: unknown; kind?: unknown; to?: unknown; url?: unknown }

/**
 * Every save is checked whole (from-path, destination, no page hidden, no chain or loop), drafts being
 * no concern here (redirects have no drafts). The message names the field, as the admin shows it there.
 */
const checkRedirect: CollectionBeforeValidateHook = async ({ data, originalDoc, req }) => {
  if (!data) return data
  const merged = { ...(originalDoc as RedirectData | undefined), ...(data as RedirectData) }
  const fail = (path: string, message: string): never => {
    throw new ValidationError({ collection: 'redirects', errors: [{ path, message }], req }, req.t)
  }
  const from = normalizeOldPath(typeof merged.from === 'string' ? merged.from : '')
  if ('error' in from) return fail('from', `from ${from.error}`)
  const kind = merged.kind === 'url' ? 'url' : 'document'
  if (kind === 'url') {
    const url = typeof merged.url === 'string' ? merged.url.trim() : ''
    if (!url) return fail('url', 'give the address to redirect to')
    const problem = redirectUrlProblem(url)
    if (problem) return fail('url', problem)
  } else if (!merged.to) return fail('to', 'choose the document to redirect to')
  const problem = await redirectSaveProblem(
    {
      id: (originalDoc as { id?: number | string } | undefined)?.id,
      from: from.path,
      kind,
      url: typeof merged.url === 'string' ? merged.url.trim() : null,
    },
    req,
  )
  if (problem) return fail('from', `${from.path}: ${problem}`)
  return { ...data, from: from.path }
}

const fields: Field[] = [
  {
    name: 'from',
    type: 'text',
    required: true,
    index: true,
    admin: { description: 'The old address on this site, e.g. /om-os/bestyrelsen/ (path only).' },
  },
  {
    name: 'kind',
    type: 'select',
    required: true,
    defaultValue: 'document',
    options: [
      { label: 'A document of this site', value: 'document' },
      { label: 'An address (URL)', value: 'url' },
    ],
  },
  {
    name: 'to',
    type: 'relationship',
    relationTo: [...REDIRECT_TARGET_COLLECTIONS],
    admin: { condition: (_, sibling) => sibling?.kind !== 'url' },
  },
  {
    name: 'url',
    type: 'text',
    admin: {
      condition: (_, sibling) => sibling?.kind === 'url',
      description: 'https://… or a path on this site (/…).',
    },
  },
  {
    name: 'locale',
    type: 'select',
    options: LOCALES.map((locale) => ({ label: locale, value: locale })),
    admin: {
      description:
        "The language of the document's page to lead to. Empty: Danish, or the first language it has.",
      condition: (_, sibling) => sibling?.kind !== 'url',
    },
  },
]

/** The CLI publishes by itself; an edit in the admin queues one, as content changes do. */
const queueAfterChange = async ({ req, doc }: { req: PayloadRequest; doc: { from?: string } }) => {
  if (!fromCli(req)) await queuePublish(req, `redirect ${doc.from ?? ''} changed`)
  return doc
}

export const Redirects: CollectionConfig = {
  slug: 'redirects',
  admin: {
    useAsTitle: 'from',
    defaultColumns: ['from', 'kind', 'to', 'url', 'locale'],
    description: 'Old addresses that lead to a document or another address (docs/redirects.md).',
  },
  access: { read: signedIn, create: signedIn, update: signedIn, delete: signedIn },
  hooks: {
    beforeValidate: [checkRedirect],
    afterChange: [queueAfterChange],
    afterDelete: [queueAfterChange],
  },
  fields,
}
