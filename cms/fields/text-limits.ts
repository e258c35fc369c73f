/**
 * The length limits of text fields, for every save, drafts included.
 *
 * Payload checks a text's `maxLength` (default: the config's `defaultMaxTextLength`, 40,000 characters)
 * only when it validates, and it does not validate drafts: a 10-million-character draft title was stored
 * and only publishing it failed. `versions.drafts.validate` would also demand every required field of a
 * half-written draft, so this hook applies just the length limits, to every save (admin, REST, import).
 */
import { ValidationError, type CollectionBeforeValidateHook, type Field } from 'payload'

/** Payload's own default (`defaultMaxTextLength`); the import format promises the same. */
export const TEXT_MAX_LENGTH = 40_000

interface TooLong {
  path: string
  message: string
}

export const limitTextLengths: CollectionBeforeValidateHook = ({ data, collection, req }) => {
  if (!data) return data
  const fallback = req.payload.config.defaultMaxTextLength ?? TEXT_MAX_LENGTH
  const problems: TooLong[] = []
  checkFields(collection.fields, data, '', fallback, problems)
  if (problems.length > 0) throw new ValidationError({ collection: collection.slug, errors: problems }, req.t)
  return data
}

function checkFields(
  fields: Field[],
  data: Record<string, unknown>,
  prefix: string,
  fallback: number,
  problems: TooLong[],
): void {
  for (const field of fields) {
    // Rows, collapsibles and unnamed tabs lay out fields without nesting their data.
    if (!('name' in field)) {
      if ('fields' in field) checkFields(field.fields, data, prefix, fallback, problems)
      if (field.type === 'tabs') {
        for (const tab of field.tabs) {
          if ('name' in tab && tab.name)
            checkNested(tab.fields, data[tab.name], `${prefix}${tab.name}`, fallback, problems)
          else checkFields(tab.fields, data, prefix, fallback, problems)
        }
      }
      continue
    }
    const value = data[field.name]
    const path = `${prefix}${field.name}`
    if (field.type === 'text' || field.type === 'textarea' || field.type === 'email') {
      const limit = 'maxLength' in field && typeof field.maxLength === 'number' ? field.maxLength : fallback
      // One locale's string, a hasMany list, or (locale "all") one string per locale.
      const strings = Array.isArray(value)
        ? value
        : value && typeof value === 'object'
          ? Object.values(value)
          : [value]
      const longest = Math.max(0, ...strings.map((s) => (typeof s === 'string' ? s.length : 0)))
      if (longest > limit)
        problems.push({
          path,
          message: `longer than ${limit.toLocaleString('en')} characters (${longest.toLocaleString('en')})`,
        })
    } else if (field.type === 'group') {
      checkNested(field.fields, value, path, fallback, problems)
    } else if (field.type === 'array' && Array.isArray(value)) {
      value.forEach((row, i) => checkNested(field.fields, row, `${path}.${i}`, fallback, problems))
    }
  }
}

function checkNested(
  fields: Field[],
  value: unknown,
  path: string,
  fallback: number,
  problems: TooLong[],
): void {
  if (value && typeof value === 'object' && !Array.isArray(value))
    checkFields(fields, value as Record<string, unknown>, `${path}.`, fallback, problems)
}
