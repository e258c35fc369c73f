import type { CollectionSlug, FieldHook, PayloadRequest, TextField } from 'payload'
import { APIError, ValidationError } from 'payload'
import { isValidSlug, slugify } from '../lib/slugify.ts'
import { label } from '../i18n/admin-texts.ts'

/**
 * A localized slug: generated from `sourceField` when left empty, unique per collection and locale,
 * and fixed once the document has been published (links in sent newsletters and letters must keep working).
 */
export function slugField(collection: CollectionSlug, sourceField: string): TextField {
  const generateAndCheck: FieldHook = async ({ value, siblingData, previousValue, originalDoc, req }) => {
    // Writes across all locales at once (e.g. the scheduled-publish job) carry { da: …, sv: … }:
    // each locale's slug was checked when it was saved in that locale.
    if (value !== null && typeof value === 'object') return value
    const wasPublished = (originalDoc as { _status?: string } | undefined)?._status === 'published'
    if (wasPublished && previousValue && value && value !== previousValue) {
      throw new APIError(
        `slug: "${previousValue}" is fixed once published; it cannot become "${value}"`,
        400,
        null,
        true,
      )
    }
    let slug = value
    if (wasPublished && previousValue && !value) slug = previousValue
    else if (typeof value === 'string' && value.trim() !== '') slug = value.trim()
    else if (typeof siblingData?.[sourceField] === 'string' && siblingData[sourceField].trim() !== '')
      slug = slugify(siblingData[sourceField])
    if (typeof slug === 'string' && slug !== '') {
      // The hook's originalDoc is the document itself; a validate function may be handed a version's id instead.
      const message = await clashMessage(
        collection,
        slug,
        (originalDoc as { id?: number | string } | undefined)?.id,
        req,
      )
      if (message) throw new ValidationError({ collection, errors: [{ path: 'slug', message }], req })
    }
    return slug
  }

  return {
    name: 'slug',
    type: 'text',
    localized: true,
    index: true,
    admin: { position: 'sidebar', description: label('help.slug') },
    hooks: { beforeValidate: [generateAndCheck] },
    validate: (value) => {
      if (value === null || value === undefined || value === '' || typeof value === 'object') return true
      return (
        isValidSlug(value) ||
        `"${String(value)}" is not a valid slug: use a-z, 0-9 and dashes (at most 80 characters)`
      )
    },
  }
}

async function clashMessage(
  collection: CollectionSlug,
  slug: string,
  id: number | string | undefined,
  req: PayloadRequest,
): Promise<string | null> {
  const locale = req.locale && req.locale !== 'all' ? req.locale : 'da'
  const clash = await req.payload.find({
    collection,
    locale,
    fallbackLocale: false,
    where: { and: [{ slug: { equals: slug } }, ...(id !== undefined ? [{ id: { not_equals: id } }] : [])] },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
    pagination: false,
  })
  return clash.docs.length > 0
    ? `The slug "${slug}" is already used by another document in ${collection} (${locale})`
    : null
}
