import type { GlobalConfig } from 'payload'
import { adminsOnly, signedIn } from '../access/roles.ts'
import { label } from '../i18n/admin-texts.ts'

/** The last publish the CMS ran: when, ok or failed with the message, and why it ran. Written by the publish job. */
export const PublishStatus: GlobalConfig = {
  slug: 'publish-status',
  admin: {
    description: label('help.publishStatus'),
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
    { name: 'reason', type: 'text', admin: { readOnly: true, description: label('help.publishReason') } },
    { name: 'startedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'finishedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'seconds', type: 'number', admin: { readOnly: true } },
    {
      name: 'log',
      type: 'textarea',
      admin: { readOnly: true, description: label('help.publishLog') },
    },
  ],
}
