import type { CollectionConfig } from 'payload'
import { adminsOnly, adminsOnlyField, adminsOrSelf, ROLES } from '../access/roles.ts'

export const Users: CollectionConfig = {
  slug: 'users',
  auth: true,
  admin: { useAsTitle: 'email' },
  access: {
    // Nothing of Users is readable anonymously; editors see only themselves.
    read: adminsOrSelf,
    create: adminsOnly,
    update: adminsOrSelf,
    delete: adminsOnly,
  },
  hooks: {
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
