/**
 * The committed `cms/payload-types.ts` is what Payload's generator makes of the config now: a change to
 * a collection, global or field without `npm run types` fails here. And the export's list of localized
 * fields (read with `locale: 'all'`, one value per locale) is the config's.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Field, SanitizedConfig } from 'payload'
import { LOCALIZED_FIELDS } from '../../cms/lib/payload-docs.ts'

let dir: string
let config: SanitizedConfig

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-types-'))
  // The config reads its data folder when imported; generating never opens the database.
  process.env.BUDSTIKKE_DATA_DIR = dir
  config = await (await import('../../cms/payload.config.ts')).default
})

afterAll(async () => {
  delete process.env.PAYLOAD_TS_OUTPUT_PATH
  await rm(dir, { recursive: true, force: true })
})

describe('the CMS seam types', () => {
  it('cms/payload-types.ts is what `npm run types` generates from the config', async () => {
    const { generateTypes } = await import('payload/node')
    const file = path.join(dir, 'payload-types.ts')
    process.env.PAYLOAD_TS_OUTPUT_PATH = file
    await generateTypes(config, { log: false })
    const committed = await readFile('cms/payload-types.ts', 'utf8')
    expect(
      (await readFile(file, 'utf8')) === committed,
      'cms/payload-types.ts is stale: run `npm run types` and commit the result',
    ).toBe(true)
  }, 60_000)

  it('names every localized top-level field of the exported collections and the Organisation, as the config has them', () => {
    // Named groups as `group.field`; rows, collapsibles and unnamed tabs are layout only.
    const localized = (fields: Field[], prefix = ''): string[] =>
      fields.flatMap((field): string[] => {
        if ('name' in field && 'localized' in field && field.localized) return [prefix + field.name]
        if (field.type === 'group' && 'name' in field)
          return localized(field.fields, `${prefix}${field.name}.`)
        if (field.type === 'row' || field.type === 'collapsible') return localized(field.fields, prefix)
        if (field.type === 'tabs')
          return field.tabs.flatMap((tab) => ('name' in tab ? [] : localized(tab.fields, prefix)))
        return []
      })
    const fromConfig = Object.fromEntries(
      Object.keys(LOCALIZED_FIELDS).map((slug) => {
        const fields =
          config.collections.find((c) => c.slug === slug)?.fields ??
          config.globals.find((g) => g.slug === slug)?.fields ??
          []
        return [slug, localized(fields).sort()]
      }),
    )
    const declared = Object.fromEntries(
      Object.entries(LOCALIZED_FIELDS).map(([slug, names]) => [slug, [...names].sort()]),
    )
    expect(declared).toEqual(fromConfig)
  })
})
