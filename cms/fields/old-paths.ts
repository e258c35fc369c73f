import type { ArrayField, FieldHook } from 'payload'
import { ValidationError } from 'payload'
import { normalizeOldPath } from '../../channels/shared/old-path.ts'

type Row = { id?: string | null; path?: unknown }

/**
 * Old addresses of a document (permalinks of the site it was moved from), per locale: publish makes
 * each one redirect to the document's page in that locale (channels/site/redirect-files.ts).
 * Every save stores the canonical form (channels/shared/old-path.ts); a path that is not one is
 * refused naming the row. Payload validates only on publish, so the check is a hook, which runs on
 * drafts too. Two rows that are the same path once normalised are kept once.
 */
export function oldPathsField(collection: string): ArrayField {
  const normalizeRows: FieldHook = ({ value, req }) => {
    // Writes across all locales at once (the scheduled-publish job) carry { da: […], sv: […] }:
    // each locale's rows were checked when they were saved in that locale.
    if (!Array.isArray(value)) return value
    const errors: { path: string; message: string }[] = []
    const seen = new Set<string>()
    const rows: Row[] = []
    ;(value as Row[]).forEach((row, index) => {
      const result = normalizeOldPath(typeof row?.path === 'string' ? row.path : '')
      if ('error' in result)
        errors.push({ path: `oldPaths.${index}.path`, message: `old path ${result.error}` })
      else if (!seen.has(result.path)) {
        seen.add(result.path)
        rows.push({ ...row, path: result.path })
      }
    })
    if (errors.length > 0) throw new ValidationError({ collection, errors, req }, req.t)
    return rows
  }

  return {
    name: 'oldPaths',
    type: 'array',
    localized: true,
    labels: { singular: 'Old path', plural: 'Old paths' },
    admin: {
      position: 'sidebar',
      initCollapsed: true,
      description:
        'Addresses this text had on the old site (e.g. /2018/11/03/ny-overenskomst/): they redirect here once published.',
    },
    hooks: { beforeValidate: [normalizeRows] },
    fields: [{ name: 'path', type: 'text', required: true, index: true }],
  }
}
