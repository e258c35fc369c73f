/**
 * `npm run migration:create -- NAME`: after changing collections, write the next committed migration.
 * Payload's generator writes value imports of types and extension-less paths; both break when Node or
 * vitest load the files directly, so they are rewritten here.
 */
import { execFileSync } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { migrationsDir } from '../cms/lib/paths.ts'

const name = process.argv[2] ?? 'change'
execFileSync('payload', ['migrate:create', name], {
  stdio: 'inherit',
  // A throwaway data folder: generating a migration compares against the last migration, not a database.
  env: {
    ...process.env,
    BUDSTIKKE_CLI: '1',
    PAYLOAD_CONFIG_PATH: 'cms/payload.config.ts',
    BUDSTIKKE_DATA_DIR: path.join(os.tmpdir(), 'budstikke-migration-create'),
  },
})
for (const file of await readdir(migrationsDir)) {
  if (!file.endsWith('.ts')) continue
  const full = path.join(migrationsDir, file)
  const source = await readFile(full, 'utf8')
  const fixed = source
    .replace(
      /^import \{ MigrateUpArgs, MigrateDownArgs, sql \} from '@payloadcms\/db-sqlite'/m,
      "import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-sqlite'",
    )
    .replace(/from '\.\/(\d{8}_\d{6}_[^']+?)(?<!\.ts)';/g, "from './$1.ts';")
  if (fixed !== source) await writeFile(full, fixed)
}
