import type { CollectionConfig } from 'payload'
import { adminsOnly, adminsOnlyField, adminsOrSelf, ROLES } from '../access/roles.ts'
import { guardAuthOperations, limitedFirstRegister } from '../auth/auth-guards.ts'

export const Users: CollectionConfig = {
  slug: 'users',
  auth: {
    // Payload's per-address interval reserves it with a write outside the operation's transaction while
    // that transaction holds the write turn: the request waited on itself ("database is locked" after
    // 10 s). guardAuthOperations keeps the interval in memory instead (cms/auth/auth-guards.ts).
    forgotPassword: { minRequestInterval: 0 },
  },
  // Per-client limits on the anonymous auth endpoints; first-register is counted here, then Payload's own runs.
  endpoints: [limitedFirstRegister],
  admin: { useAsTitle: 'email' },
  access: {
    // Nothing of Users is readable anonymously; editors see only themselves.
    read: adminsOrSelf,
    create: adminsOnly,
    update: adminsOrSelf,
    delete: adminsOnly,
  },
  hooks: {
    beforeOperation: [guardAuthOperations],
    beforeChange: [
      // The first account ever created (the admin's "create first user" screen) is an admin.
      async ({ data, operation, req }) => {
        if (operation !== 'create') return data
        const { totalDocs } = await req.payload.count({ collection: 'users', overrideAccess: true, req })
        return totalDocs === 0 ? { ...data, role: 'admin' } : data
      },
    ],
  },
  fields: [
    { name: 'name', type: 'text' },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'editor',
      options: [...ROLES],
      saveToJWT: true,
      // Only admins give or change roles.
      access: { create: adminsOnlyField, update: adminsOnlyField },
    },
  ],
}
