import type { CollectionSlug, FieldHook, TextField } from 'payload'
import { APIError } from 'payload'
import { isValidSlug, slugify } from '../lib/slugify.ts'

/**
 * A localized slug: generated from `sourceField` when left empty, unique per collection and locale,
 * and fixed once the document has been published (links in sent newsletters and letters must keep working).
 */
export function slugField(collection: CollectionSlug, sourceField: string): TextField {
  const generate: FieldHook = ({ value, siblingData, previousValue, originalDoc }) => {
    const wasPublished = (originalDoc as { _status?: string } | undefined)?._status === 'published'
    if (wasPublished && previousValue && value && value !== previousValue) {
      throw new APIError(`slug: "${previousValue}" is fixed once published; it cannot become "${value}"`, 400, null, true)
    }
    if (wasPublished && previousValue && !value) return previousValue
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
    const source = siblingData?.[sourceField]
    return typeof source === 'string' && source.trim() !== '' ? slugify(source) : value
  }

  return {
    name: 'slug',
    type: 'text',
    localized: true,
    index: true,
    admin: { position: 'sidebar', description: 'Made from the title when left empty. Fixed once published.' },
    hooks: { beforeValidate: [generate] },
    validate: async (value, { req, id }) => {
      if (value === null || value === undefined || value === '') return true // no title in this locale yet
      if (typeof value !== 'string' || !isValidSlug(value)) return `"${String(value)}" is not a valid slug: use a-z, 0-9 and dashes (at most 80 characters)`
      const locale = req.locale && req.locale !== 'all' ? req.locale : 'da'
      const clash = await req.payload.find({
        collection,
        locale,
        fallbackLocale: false,
        where: { and: [{ slug: { equals: value } }, ...(id !== undefined ? [{ id: { not_equals: id } }] : [])] },
        depth: 0,
        limit: 1,
        overrideAccess: true,
        req,
        pagination: false,
      })
      return clash.docs.length > 0 ? `The slug "${value}" is already used by another document in ${collection} (${locale})` : true
    },
  }
}
