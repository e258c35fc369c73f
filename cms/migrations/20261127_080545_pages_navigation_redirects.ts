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
  await db.run(sql`CREATE TABLE \`pages_old_paths\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`path\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`pages_old_paths_order_idx\` ON \`pages_old_paths\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`pages_old_paths_parent_id_idx\` ON \`pages_old_paths\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`pages_old_paths_locale_idx\` ON \`pages_old_paths\` (\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`pages_old_paths_path_idx\` ON \`pages_old_paths\` (\`path\`);`)
  await db.run(sql`CREATE TABLE \`pages\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`order\` numeric DEFAULT 0,
  	\`published_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`pages_parent_idx\` ON \`pages\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`pages_published_at_idx\` ON \`pages\` (\`published_at\`);`)
  await db.run(sql`CREATE INDEX \`pages_updated_at_idx\` ON \`pages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`pages_created_at_idx\` ON \`pages\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`pages__status_idx\` ON \`pages\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`pages_locales\` (
  	\`title\` text,
  	\`slug\` text,
  	\`body\` text,
  	\`import_hash\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`pages_slug_idx\` ON \`pages_locales\` (\`slug\`,\`_locale\`);`)
  await db.run(
    sql`CREATE UNIQUE INDEX \`pages_locales_locale_parent_id_unique\` ON \`pages_locales\` (\`_locale\`,\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`pages_locales_parent_lookup_idx\` ON \`pages_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_pages_v_version_old_paths\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`path\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_pages_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_old_paths_order_idx\` ON \`_pages_v_version_old_paths\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_old_paths_parent_id_idx\` ON \`_pages_v_version_old_paths\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_old_paths_locale_idx\` ON \`_pages_v_version_old_paths\` (\`_locale\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_old_paths_path_idx\` ON \`_pages_v_version_old_paths\` (\`path\`);`,
  )
  await db.run(sql`CREATE TABLE \`_pages_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_parent_id\` integer,
  	\`version_order\` numeric DEFAULT 0,
  	\`version_published_at\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`snapshot\` integer,
  	\`published_locale\` text,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_parent_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`_pages_v_parent_idx\` ON \`_pages_v\` (\`parent_id\`);`)
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_version_parent_idx\` ON \`_pages_v\` (\`version_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_version_published_at_idx\` ON \`_pages_v\` (\`version_published_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_version_updated_at_idx\` ON \`_pages_v\` (\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_version_created_at_idx\` ON \`_pages_v\` (\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_version__status_idx\` ON \`_pages_v\` (\`version__status\`);`,
  )
  await db.run(sql`CREATE INDEX \`_pages_v_created_at_idx\` ON \`_pages_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_pages_v_updated_at_idx\` ON \`_pages_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_pages_v_snapshot_idx\` ON \`_pages_v\` (\`snapshot\`);`)
  await db.run(sql`CREATE INDEX \`_pages_v_published_locale_idx\` ON \`_pages_v\` (\`published_locale\`);`)
  await db.run(sql`CREATE INDEX \`_pages_v_latest_idx\` ON \`_pages_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`_pages_v_locales\` (
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_body\` text,
  	\`version_import_hash\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_pages_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_version_slug_idx\` ON \`_pages_v_locales\` (\`version_slug\`,\`_locale\`);`,
  )
  await db.run(
    sql`CREATE UNIQUE INDEX \`_pages_v_locales_locale_parent_id_unique\` ON \`_pages_v_locales\` (\`_locale\`,\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_pages_v_locales_parent_lookup_idx\` ON \`_pages_v_locales\` (\`_parent_id\`);`,
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
  	\`pages_id\` integer,
  	\`topics_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`redirects\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`benefits_id\`) REFERENCES \`benefits\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`campaigns_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`pages_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
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
  await db.run(sql`CREATE INDEX \`redirects_rels_pages_id_idx\` ON \`redirects_rels\` (\`pages_id\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_topics_id_idx\` ON \`redirects_rels\` (\`topics_id\`);`)
  await db.run(sql`CREATE TABLE \`navigation_da_header\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`kind\` text DEFAULT 'page' NOT NULL,
  	\`page_id\` integer,
  	\`topic_id\` integer,
  	\`campaign_id\` integer,
  	\`section\` text,
  	\`url\` text,
  	\`label\` text,
  	FOREIGN KEY (\`page_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`topic_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`campaign_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`navigation\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`navigation_da_header_order_idx\` ON \`navigation_da_header\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_da_header_parent_id_idx\` ON \`navigation_da_header\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`navigation_da_header_page_idx\` ON \`navigation_da_header\` (\`page_id\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_da_header_topic_idx\` ON \`navigation_da_header\` (\`topic_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`navigation_da_header_campaign_idx\` ON \`navigation_da_header\` (\`campaign_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`navigation_da_footer\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`kind\` text DEFAULT 'page' NOT NULL,
  	\`page_id\` integer,
  	\`topic_id\` integer,
  	\`campaign_id\` integer,
  	\`section\` text,
  	\`url\` text,
  	\`label\` text,
  	FOREIGN KEY (\`page_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`topic_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`campaign_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`navigation\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`navigation_da_footer_order_idx\` ON \`navigation_da_footer\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_da_footer_parent_id_idx\` ON \`navigation_da_footer\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`navigation_da_footer_page_idx\` ON \`navigation_da_footer\` (\`page_id\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_da_footer_topic_idx\` ON \`navigation_da_footer\` (\`topic_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`navigation_da_footer_campaign_idx\` ON \`navigation_da_footer\` (\`campaign_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`navigation_sv_header\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`kind\` text DEFAULT 'page' NOT NULL,
  	\`page_id\` integer,
  	\`topic_id\` integer,
  	\`campaign_id\` integer,
  	\`section\` text,
  	\`url\` text,
  	\`label\` text,
  	FOREIGN KEY (\`page_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`topic_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`campaign_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`navigation\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`navigation_sv_header_order_idx\` ON \`navigation_sv_header\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_sv_header_parent_id_idx\` ON \`navigation_sv_header\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`navigation_sv_header_page_idx\` ON \`navigation_sv_header\` (\`page_id\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_sv_header_topic_idx\` ON \`navigation_sv_header\` (\`topic_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`navigation_sv_header_campaign_idx\` ON \`navigation_sv_header\` (\`campaign_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`navigation_sv_footer\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`kind\` text DEFAULT 'page' NOT NULL,
  	\`page_id\` integer,
  	\`topic_id\` integer,
  	\`campaign_id\` integer,
  	\`section\` text,
  	\`url\` text,
  	\`label\` text,
  	FOREIGN KEY (\`page_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`topic_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`campaign_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`navigation\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`navigation_sv_footer_order_idx\` ON \`navigation_sv_footer\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_sv_footer_parent_id_idx\` ON \`navigation_sv_footer\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`navigation_sv_footer_page_idx\` ON \`navigation_sv_footer\` (\`page_id\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_sv_footer_topic_idx\` ON \`navigation_sv_footer\` (\`topic_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`navigation_sv_footer_campaign_idx\` ON \`navigation_sv_footer\` (\`campaign_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`navigation_nb_header\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`kind\` text DEFAULT 'page' NOT NULL,
  	\`page_id\` integer,
  	\`topic_id\` integer,
  	\`campaign_id\` integer,
  	\`section\` text,
  	\`url\` text,
  	\`label\` text,
  	FOREIGN KEY (\`page_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`topic_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`campaign_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`navigation\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`navigation_nb_header_order_idx\` ON \`navigation_nb_header\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_nb_header_parent_id_idx\` ON \`navigation_nb_header\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`navigation_nb_header_page_idx\` ON \`navigation_nb_header\` (\`page_id\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_nb_header_topic_idx\` ON \`navigation_nb_header\` (\`topic_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`navigation_nb_header_campaign_idx\` ON \`navigation_nb_header\` (\`campaign_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`navigation_nb_footer\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`kind\` text DEFAULT 'page' NOT NULL,
  	\`page_id\` integer,
  	\`topic_id\` integer,
  	\`campaign_id\` integer,
  	\`section\` text,
  	\`url\` text,
  	\`label\` text,
  	FOREIGN KEY (\`page_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`topic_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`campaign_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`navigation\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`navigation_nb_footer_order_idx\` ON \`navigation_nb_footer\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_nb_footer_parent_id_idx\` ON \`navigation_nb_footer\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`navigation_nb_footer_page_idx\` ON \`navigation_nb_footer\` (\`page_id\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_nb_footer_topic_idx\` ON \`navigation_nb_footer\` (\`topic_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`navigation_nb_footer_campaign_idx\` ON \`navigation_nb_footer\` (\`campaign_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`navigation_en_header\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`kind\` text DEFAULT 'page' NOT NULL,
  	\`page_id\` integer,
  	\`topic_id\` integer,
  	\`campaign_id\` integer,
  	\`section\` text,
  	\`url\` text,
  	\`label\` text,
  	FOREIGN KEY (\`page_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`topic_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`campaign_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`navigation\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`navigation_en_header_order_idx\` ON \`navigation_en_header\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_en_header_parent_id_idx\` ON \`navigation_en_header\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`navigation_en_header_page_idx\` ON \`navigation_en_header\` (\`page_id\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_en_header_topic_idx\` ON \`navigation_en_header\` (\`topic_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`navigation_en_header_campaign_idx\` ON \`navigation_en_header\` (\`campaign_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`navigation_en_footer\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`kind\` text DEFAULT 'page' NOT NULL,
  	\`page_id\` integer,
  	\`topic_id\` integer,
  	\`campaign_id\` integer,
  	\`section\` text,
  	\`url\` text,
  	\`label\` text,
  	FOREIGN KEY (\`page_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`topic_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`campaign_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`navigation\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`navigation_en_footer_order_idx\` ON \`navigation_en_footer\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_en_footer_parent_id_idx\` ON \`navigation_en_footer\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`navigation_en_footer_page_idx\` ON \`navigation_en_footer\` (\`page_id\`);`)
  await db.run(
    sql`CREATE INDEX \`navigation_en_footer_topic_idx\` ON \`navigation_en_footer\` (\`topic_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`navigation_en_footer_campaign_idx\` ON \`navigation_en_footer\` (\`campaign_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`navigation\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`import_hash\` text,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`pages_id\` integer REFERENCES pages(id);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`redirects_id\` integer REFERENCES redirects(id);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_pages_id_idx\` ON \`payload_locked_documents_rels\` (\`pages_id\`);`,
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
  await db.run(sql`DROP TABLE \`pages_old_paths\`;`)
  await db.run(sql`DROP TABLE \`pages\`;`)
  await db.run(sql`DROP TABLE \`pages_locales\`;`)
  await db.run(sql`DROP TABLE \`_pages_v_version_old_paths\`;`)
  await db.run(sql`DROP TABLE \`_pages_v\`;`)
  await db.run(sql`DROP TABLE \`_pages_v_locales\`;`)
  await db.run(sql`DROP TABLE \`redirects\`;`)
  await db.run(sql`DROP TABLE \`redirects_rels\`;`)
  await db.run(sql`DROP TABLE \`navigation_da_header\`;`)
  await db.run(sql`DROP TABLE \`navigation_da_footer\`;`)
  await db.run(sql`DROP TABLE \`navigation_sv_header\`;`)
  await db.run(sql`DROP TABLE \`navigation_sv_footer\`;`)
  await db.run(sql`DROP TABLE \`navigation_nb_header\`;`)
  await db.run(sql`DROP TABLE \`navigation_nb_footer\`;`)
  await db.run(sql`DROP TABLE \`navigation_en_header\`;`)
  await db.run(sql`DROP TABLE \`navigation_en_footer\`;`)
  await db.run(sql`DROP TABLE \`navigation\`;`)
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
