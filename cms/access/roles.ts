import type { Access, FieldAccess, PayloadRequest, Where } from 'payload'

export const ROLES = ['admin', 'editor'] as const
export type Role = (typeof ROLES)[number]

type UserWithRole = { id: number | string; role?: Role | null; collection?: string }

function userOf(req: PayloadRequest): UserWithRole | null {
  return (req.user as UserWithRole | null) ?? null
}

export const isAdmin = (req: PayloadRequest): boolean => userOf(req)?.role === 'admin'

export const signedIn: Access = ({ req }) => Boolean(req.user)
export const adminsOnly: Access = ({ req }) => isAdmin(req)
export const adminsOnlyField: FieldAccess = ({ req }) => isAdmin(req)

/**
 * Anonymous readers see what the channels show: published and due, i.e. no `publishedAt` in the future
 * (an embargo), as the export decides (cms/export/export-snapshot.ts). A query, not a yes/no, so REST
 * lists, REST by id and GraphQL all filter. Signed-in users (editors) see everything.
 */
export const publishedOrSignedIn: Access = ({ req }) => {
  if (req.user) return true
  return { and: publicNow(new Date().toISOString()) }
}

/** Benefits also leave every channel outside their validity window (valid from / valid to). */
export const validBenefitOrSignedIn: Access = ({ req }) => {
  if (req.user) return true
  const now = new Date().toISOString()
  return { and: [...publicNow(now), notAfter('validFrom', now), notBefore('validTo', now)] }
}

function publicNow(now: string): Where[] {
  return [{ _status: { equals: 'published' } }, notAfter('publishedAt', now)]
}

/** The date is unset or at most `now`. */
function notAfter(field: string, now: string): Where {
  return { or: [{ [field]: { exists: false } }, { [field]: { less_than_equal: now } }] }
}

/** The date is unset or at least `now`. */
function notBefore(field: string, now: string): Where {
  return { or: [{ [field]: { exists: false } }, { [field]: { greater_than_equal: now } }] }
}

/** Admins manage every user; an editor sees and edits only their own account. */
export const adminsOrSelf: Access = ({ req }) => {
  const user = userOf(req)
  if (!user) return false
  if (user.role === 'admin') return true
  return { id: { equals: user.id } }
}

export const anyone: Access = () => true
