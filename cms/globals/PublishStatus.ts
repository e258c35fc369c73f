import type { GlobalConfig } from 'payload'
import { adminsOnly, signedIn } from '../access/roles.ts'

/** The last publish the CMS ran: when, ok or failed with the message, and why it ran. Written by the publish job. */
export const PublishStatus: GlobalConfig = {
  slug: 'publish-status',
  label: 'Publish status',
  admin: {
    description: 'The last publish of the site, newsletters and cards, started by publishing in the admin.',
  },
  access: { read: signedIn, update: adminsOnly },
  fields: [
    {
      name: 'state',
      type: 'select',
      options: ['never', 'running', 'ok', 'failed'],
      defaultValue: 'never',
      admin: { readOnly: true },
    },
    { name: 'reason', type: 'text', admin: { readOnly: true, description: 'What changed' } },
    { name: 'startedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'finishedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'seconds', type: 'number', admin: { readOnly: true } },
    {
      name: 'log',
      type: 'textarea',
      admin: { readOnly: true, description: 'The last lines of the publish output' },
    },
  ],
}
