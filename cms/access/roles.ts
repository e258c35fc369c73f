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

/** Anonymous readers see published documents only (a query, not a yes/no, so lists filter too). */
export const publishedOrSignedIn: Access = ({ req }) => {
  if (req.user) return true
  const published: Where = { _status: { equals: 'published' } }
  return published
}

/** Admins manage every user; an editor sees and edits only their own account. */
export const adminsOrSelf: Access = ({ req }) => {
  const user = userOf(req)
  if (!user) return false
  if (user.role === 'admin') return true
  return { id: { equals: user.id } }
}

export const anyone: Access = () => true
