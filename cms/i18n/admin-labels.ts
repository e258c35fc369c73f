/**
 * Gives collections, globals, their fields and select options their names in every admin language
 * from the one table (`admin-texts.ts`), so a collection file stays about its content and a new field
 * named like an old one (`title`, `summary`…) is translated already. A field's own key
 * (`field.<collection>.<path>`) wins over its name's (`field.<name>`); a label written in the
 * collection file is kept. `missingAdminTexts` lists what the table lacks (tests/unit/admin-texts.test.ts).
 */
import type { CollectionConfig, Field, GlobalConfig } from 'payload'
import { ADMIN_TEXTS, label, type AdminTextKey } from './admin-texts.ts'

type Labelled = CollectionConfig | GlobalConfig
type Loose = Record<string, unknown>

const isKey = (key: string): key is AdminTextKey => key in ADMIN_TEXTS

/** The table key of a named field: its own, else its name's; undefined when the table has neither. */
function fieldKey(owner: string, path: string, name: string): AdminTextKey | undefined {
  const own = `field.${owner}.${path}`
  if (isKey(own)) return own
  const shared = `field.${name}`
  return isKey(shared) ? shared : undefined
}

function walkFields(
  fields: Field[],
  owner: string,
  prefix: string,
  visit: (field: Loose, path: string) => Loose,
): Field[] {
  return fields.map((original) => {
    let field = original as unknown as Loose
    const name = typeof field.name === 'string' ? field.name : undefined
    const path = name ? (prefix ? `${prefix}.${name}` : name) : prefix
    if (name) field = visit(field, path)
    if (Array.isArray(field.fields))
      field = { ...field, fields: walkFields(field.fields as Field[], owner, path, visit) }
    if (Array.isArray(field.tabs))
      field = {
        ...field,
        tabs: (field.tabs as Loose[]).map((tab) => {
          const tabPath = typeof tab.name === 'string' ? (path ? `${path}.${tab.name}` : tab.name) : path
          return { ...tab, fields: walkFields(tab.fields as Field[], owner, tabPath, visit) }
        }),
      }
    return field as unknown as Field
  })
}

/** Whether an editor sees the field (hidden bookkeeping fields such as `importHash` need no name). */
const visible = (field: Loose) => !(field.admin as Loose | undefined)?.hidden && field.type !== 'ui'

function labelField(owner: string) {
  return (field: Loose, path: string): Loose => {
    if (!visible(field)) return field
    const key = fieldKey(owner, path, field.name as string)
    let labelled = field.label === undefined && key ? { ...field, label: label(key) } : field
    if (Array.isArray(labelled.options))
      labelled = {
        ...labelled,
        options: (labelled.options as unknown[]).map((option) =>
          typeof option === 'string' && isKey(`option.${option}`)
            ? { value: option, label: label(`option.${option}` as AdminTextKey) }
            : option,
        ),
      }
    return labelled
  }
}

/** Collections with their names, and their fields' labels, in every admin language. */
export function withCollectionLabels(collections: CollectionConfig[]): CollectionConfig[] {
  return collections.map((collection) => {
    const singular = `collection.${collection.slug}`
    const plural = `collection.${collection.slug}.plural`
    return {
      ...collection,
      fields: walkFields(collection.fields, collection.slug, '', labelField(collection.slug)),
      ...(isKey(singular) && isKey(plural) && collection.labels === undefined
        ? { labels: { singular: label(singular), plural: label(plural) } }
        : {}),
    }
  })
}

/** Globals with their names, and their fields' labels, in every admin language. */
export function withGlobalLabels(globals: GlobalConfig[]): GlobalConfig[] {
  return globals.map((global) => {
    const key = `global.${global.slug}`
    return {
      ...global,
      fields: walkFields(global.fields, global.slug, '', labelField(global.slug)),
      ...(isKey(key) && global.label === undefined ? { label: label(key) } : {}),
    }
  })
}

/** What the table lacks: collections or globals without a name, visible fields without a label. */
export function missingAdminTexts(collections: CollectionConfig[], globals: GlobalConfig[]): string[] {
  const missing: string[] = []
  const check = (config: Labelled) =>
    walkFields(config.fields, config.slug, '', (field, path) => {
      if (visible(field) && field.label === undefined && !fieldKey(config.slug, path, field.name as string))
        missing.push(`field.${config.slug}.${path} (or field.${String(field.name)})`)
      return field
    })
  for (const collection of collections) {
    if (!isKey(`collection.${collection.slug}`)) missing.push(`collection.${collection.slug}`)
    if (!isKey(`collection.${collection.slug}.plural`)) missing.push(`collection.${collection.slug}.plural`)
    check(collection)
  }
  for (const global of globals) {
    if (!isKey(`global.${global.slug}`)) missing.push(`global.${global.slug}`)
    check(global)
  }
  return missing
}
