import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`articles_old_paths\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`path\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`articles_old_paths_order_idx\` ON \`articles_old_paths\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`articles_old_paths_parent_id_idx\` ON \`articles_old_paths\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`articles_old_paths_locale_idx\` ON \`articles_old_paths\` (\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`articles_old_paths_path_idx\` ON \`articles_old_paths\` (\`path\`);`)
  await db.run(sql`CREATE TABLE \`_articles_v_version_old_paths\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`path\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_articles_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_old_paths_order_idx\` ON \`_articles_v_version_old_paths\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_old_paths_parent_id_idx\` ON \`_articles_v_version_old_paths\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_old_paths_locale_idx\` ON \`_articles_v_version_old_paths\` (\`_locale\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_old_paths_path_idx\` ON \`_articles_v_version_old_paths\` (\`path\`);`,
  )
  await db.run(sql`CREATE TABLE \`benefits_old_paths\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`path\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`benefits\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`benefits_old_paths_order_idx\` ON \`benefits_old_paths\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`benefits_old_paths_parent_id_idx\` ON \`benefits_old_paths\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`benefits_old_paths_locale_idx\` ON \`benefits_old_paths\` (\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`benefits_old_paths_path_idx\` ON \`benefits_old_paths\` (\`path\`);`)
  await db.run(sql`CREATE TABLE \`_benefits_v_version_old_paths\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`path\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_benefits_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_benefits_v_version_old_paths_order_idx\` ON \`_benefits_v_version_old_paths\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_benefits_v_version_old_paths_parent_id_idx\` ON \`_benefits_v_version_old_paths\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_benefits_v_version_old_paths_locale_idx\` ON \`_benefits_v_version_old_paths\` (\`_locale\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_benefits_v_version_old_paths_path_idx\` ON \`_benefits_v_version_old_paths\` (\`path\`);`,
  )
  await db.run(sql`CREATE TABLE \`campaigns_old_paths\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`path\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`campaigns_old_paths_order_idx\` ON \`campaigns_old_paths\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`campaigns_old_paths_parent_id_idx\` ON \`campaigns_old_paths\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`campaigns_old_paths_locale_idx\` ON \`campaigns_old_paths\` (\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`campaigns_old_paths_path_idx\` ON \`campaigns_old_paths\` (\`path\`);`)
  await db.run(sql`CREATE TABLE \`_campaigns_v_version_old_paths\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`path\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_campaigns_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_campaigns_v_version_old_paths_order_idx\` ON \`_campaigns_v_version_old_paths\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_campaigns_v_version_old_paths_parent_id_idx\` ON \`_campaigns_v_version_old_paths\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_campaigns_v_version_old_paths_locale_idx\` ON \`_campaigns_v_version_old_paths\` (\`_locale\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_campaigns_v_version_old_paths_path_idx\` ON \`_campaigns_v_version_old_paths\` (\`path\`);`,
  )
  await db.run(sql`CREATE TABLE \`redirects\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`from\` text NOT NULL,
  	\`kind\` text DEFAULT 'document' NOT NULL,
  	\`url\` text,
  	\`locale\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`redirects_from_idx\` ON \`redirects\` (\`from\`);`)
  await db.run(sql`CREATE INDEX \`redirects_updated_at_idx\` ON \`redirects\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`redirects_created_at_idx\` ON \`redirects\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`redirects_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`articles_id\` integer,
  	\`benefits_id\` integer,
  	\`campaigns_id\` integer,
  	\`topics_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`redirects\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`benefits_id\`) REFERENCES \`benefits\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`campaigns_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`topics_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`redirects_rels_order_idx\` ON \`redirects_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_parent_idx\` ON \`redirects_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_path_idx\` ON \`redirects_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_articles_id_idx\` ON \`redirects_rels\` (\`articles_id\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_benefits_id_idx\` ON \`redirects_rels\` (\`benefits_id\`);`)
  await db.run(
    sql`CREATE INDEX \`redirects_rels_campaigns_id_idx\` ON \`redirects_rels\` (\`campaigns_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`redirects_rels_topics_id_idx\` ON \`redirects_rels\` (\`topics_id\`);`)
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`redirects_id\` integer REFERENCES redirects(id);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_redirects_id_idx\` ON \`payload_locked_documents_rels\` (\`redirects_id\`);`,
  )
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`reset_password_requested_at\`;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`articles_old_paths\`;`)
  await db.run(sql`DROP TABLE \`_articles_v_version_old_paths\`;`)
  await db.run(sql`DROP TABLE \`benefits_old_paths\`;`)
  await db.run(sql`DROP TABLE \`_benefits_v_version_old_paths\`;`)
  await db.run(sql`DROP TABLE \`campaigns_old_paths\`;`)
  await db.run(sql`DROP TABLE \`_campaigns_v_version_old_paths\`;`)
  await db.run(sql`DROP TABLE \`redirects\`;`)
  await db.run(sql`DROP TABLE \`redirects_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`articles_id\` integer,
  	\`benefits_id\` integer,
  	\`campaigns_id\` integer,
  	\`newsletters_id\` integer,
  	\`letters_id\` integer,
  	\`media_id\` integer,
  	\`topics_id\` integer,
  	\`segments_id\` integer,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`benefits_id\`) REFERENCES \`benefits\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`campaigns_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`newsletters_id\`) REFERENCES \`newsletters\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`letters_id\`) REFERENCES \`letters\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`topics_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`segments_id\`) REFERENCES \`segments\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "articles_id", "benefits_id", "campaigns_id", "newsletters_id", "letters_id", "media_id", "topics_id", "segments_id", "users_id") SELECT "id", "order", "parent_id", "path", "articles_id", "benefits_id", "campaigns_id", "newsletters_id", "letters_id", "media_id", "topics_id", "segments_id", "users_id" FROM \`payload_locked_documents_rels\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(
    sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`,
  )
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_articles_id_idx\` ON \`payload_locked_documents_rels\` (\`articles_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_benefits_id_idx\` ON \`payload_locked_documents_rels\` (\`benefits_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_campaigns_id_idx\` ON \`payload_locked_documents_rels\` (\`campaigns_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_newsletters_id_idx\` ON \`payload_locked_documents_rels\` (\`newsletters_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_letters_id_idx\` ON \`payload_locked_documents_rels\` (\`letters_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_topics_id_idx\` ON \`payload_locked_documents_rels\` (\`topics_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_segments_id_idx\` ON \`payload_locked_documents_rels\` (\`segments_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`,
  )
  await db.run(sql`ALTER TABLE \`users\` ADD \`reset_password_requested_at\` text;`)
}
