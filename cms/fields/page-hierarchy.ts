/**
 * Pages form a tree (a page's path is its ancestors' slugs, then its own: channels/site/routes.ts),
 * so a save is refused when it would make a page its own ancestor (the tree would have no root and
 * the path no end) or give a top-level page a slug the site itself uses (`emner`, `arkiv`, `sv`…).
 */
import {
  ValidationError,
  type CollectionBeforeChangeHook,
  type NumberField,
  type PayloadRequest,
  type RelationshipField,
} from 'payload'
import { reservedPageSlug } from '../../channels/site/routes.ts'
import { DEFAULT_LOCALE, type Locale } from '../../channels/snapshot/locales.ts'

/** Deeper than any real site; a longer chain is treated as a cycle rather than walked for ever. */
const MAX_DEPTH = 50

export const parentPageField: RelationshipField = {
  name: 'parent',
  type: 'relationship',
  relationTo: 'pages',
  label: { en: 'Parent page', da: 'Overordnet side' },
  admin: {
    position: 'sidebar',
    description: 'Empty: a top-level page (/slug/). Otherwise the page lives at /parent-slug/slug/.',
  },
  // A page cannot be chosen as its own parent in the admin; deeper cycles are refused on save.
  filterOptions: ({ id }) => (id ? { id: { not_equals: id } } : true),
}

export const pageOrderField: NumberField = {
  name: 'order',
  type: 'number',
  label: { en: 'Order', da: 'Rækkefølge' },
  defaultValue: 0,
  admin: {
    position: 'sidebar',
    description: 'Among pages with the same parent, lower numbers come first.',
  },
}

type Id = number | string
type PageRow = { id: Id; parent?: Id | { id: Id } | null; slug?: string | Record<string, string> | null }

const idOf = (value: unknown): Id | null =>
  typeof value === 'number' || typeof value === 'string'
    ? value
    : typeof value === 'object' && value !== null && 'id' in value
      ? (value as { id: Id }).id
      : null

export const checkPageHierarchy: CollectionBeforeChangeHook = async ({
  data,
  originalDoc,
  req,
  operation,
}) => {
  const id = operation === 'update' ? idOf(originalDoc) : null
  const parent = 'parent' in data ? idOf(data.parent) : idOf(originalDoc?.parent)
  if (parent !== null) await refuseCycle(id, parent, data, req)
  else await refuseReservedSlugs(id, data, req)
  return data
}

async function refuseCycle(id: Id | null, parent: Id, data: Record<string, unknown>, req: PayloadRequest) {
  const chain: string[] = []
  let next: Id | null = parent
  for (let depth = 0; next !== null; depth++) {
    if (id !== null && String(next) === String(id)) {
      const own = slugIn(data.slug, req) ?? String(id)
      throw hierarchyError(
        'parent',
        `"${own}" cannot be placed under "${chain[0]}": ${[own, ...chain, own].map((s) => `"${s}"`).join(' → ')} would make the page its own ancestor; choose another parent`,
        req,
      )
    }
    if (depth >= MAX_DEPTH)
      throw hierarchyError(
        'parent',
        `more than ${MAX_DEPTH} levels of parent pages; choose another parent`,
        req,
      )
    const row = await findPage(next, req)
    if (!row) throw hierarchyError('parent', `the parent page (id ${next}) does not exist`, req)
    chain.push(slugIn(row.slug, req) ?? String(row.id))
    next = idOf(row.parent)
  }
}

/** A top-level page: its slug in every locale must be free of the site's own paths. */
async function refuseReservedSlugs(id: Id | null, data: Record<string, unknown>, req: PayloadRequest) {
  const slugs = new Set<string>()
  const given = data.slug
  if (typeof given === 'string') slugs.add(given)
  else if (given && typeof given === 'object') for (const s of Object.values(given)) slugs.add(String(s))
  if (id !== null && typeof given !== 'object') {
    // The other locales' slugs stay as they are: they, too, become top-level paths.
    const stored = await keepingLocale(req, () =>
      req.payload.findByID({
        collection: 'pages',
        id,
        locale: 'all',
        depth: 0,
        draft: true,
        overrideAccess: true,
        req,
        select: { slug: true },
      }),
    )
    const perLocale = (stored as PageRow).slug
    if (perLocale && typeof perLocale === 'object') {
      const locale = currentLocale(req)
      for (const [l, s] of Object.entries(perLocale)) if (l !== locale && s) slugs.add(s)
    }
  }
  for (const slug of slugs) {
    const problem = reservedPageSlug(slug)
    if (problem) throw hierarchyError('slug', problem, req)
  }
}

async function findPage(id: Id, req: PayloadRequest): Promise<PageRow | null> {
  try {
    return (await keepingLocale(req, () =>
      req.payload.findByID({
        collection: 'pages',
        id,
        locale: currentLocale(req),
        depth: 0,
        draft: true,
        overrideAccess: true,
        req,
        select: { slug: true, parent: true },
      }),
    )) as PageRow
  } catch {
    return null
  }
}

/**
 * A Local API call given `req` sets the request's locale to its own (to read every locale, 'all'); the
 * save this hook is part of must go on writing in its locale, or it would store one locale's text as all.
 */
async function keepingLocale<T>(req: PayloadRequest, read: () => Promise<T>): Promise<T> {
  const { locale, fallbackLocale } = req
  try {
    return await read()
  } finally {
    req.locale = locale
    req.fallbackLocale = fallbackLocale
  }
}

function currentLocale(req: PayloadRequest): Locale {
  return req.locale && req.locale !== 'all' ? (req.locale as Locale) : DEFAULT_LOCALE
}

function slugIn(value: unknown, req: PayloadRequest): string | null {
  if (typeof value === 'string' && value) return value
  if (value && typeof value === 'object') {
    const slugs = value as Record<string, string>
    return slugs[currentLocale(req)] || slugs[DEFAULT_LOCALE] || null
  }
  return null
}

function hierarchyError(path: string, message: string, req: PayloadRequest): ValidationError {
  return new ValidationError({ collection: 'pages', errors: [{ path, message }], req })
}
