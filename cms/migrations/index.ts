import * as migration_20261124_051927_initial from './20261124_051927_initial.ts'
import * as migration_20261124_052630_organisation_import_hash from './20261124_052630_organisation_import_hash.ts'
import * as migration_20261124_060934_publish_status from './20261124_060934_publish_status.ts'
import * as migration_20261124_130658_organisation_card_font from './20261124_130658_organisation_card_font.ts'
import * as migration_20261124_144850_parent_indexes from './20261124_144850_parent_indexes.ts'
import * as migration_20261127_080545_pages_navigation_redirects from './20261127_080545_pages_navigation_redirects.ts'
import * as migration_20261127_100238_page_summary from './20261127_100238_page_summary.ts'

export const migrations = [
  {
    up: migration_20261124_051927_initial.up,
    down: migration_20261124_051927_initial.down,
    name: '20261124_051927_initial',
  },
  {
    up: migration_20261124_052630_organisation_import_hash.up,
    down: migration_20261124_052630_organisation_import_hash.down,
    name: '20261124_052630_organisation_import_hash',
  },
  {
    up: migration_20261124_060934_publish_status.up,
    down: migration_20261124_060934_publish_status.down,
    name: '20261124_060934_publish_status',
  },
  {
    up: migration_20261124_130658_organisation_card_font.up,
    down: migration_20261124_130658_organisation_card_font.down,
    name: '20261124_130658_organisation_card_font',
  },
  {
    up: migration_20261124_144850_parent_indexes.up,
    down: migration_20261124_144850_parent_indexes.down,
    name: '20261124_144850_parent_indexes',
  },
  {
    up: migration_20261127_080545_pages_navigation_redirects.up,
    down: migration_20261127_080545_pages_navigation_redirects.down,
    name: '20261127_080545_pages_navigation_redirects',
  },
  {
    up: migration_20261127_100238_page_summary.up,
    down: migration_20261127_100238_page_summary.down,
    name: '20261127_100238_page_summary',
  },
]
