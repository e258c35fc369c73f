import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
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
  await db.run(sql`CREATE INDEX \`navigation_da_header_parent_id_idx\` ON \`navigation_da_header\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_da_header_page_idx\` ON \`navigation_da_header\` (\`page_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_da_header_topic_idx\` ON \`navigation_da_header\` (\`topic_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_da_header_campaign_idx\` ON \`navigation_da_header\` (\`campaign_id\`);`)
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
  await db.run(sql`CREATE INDEX \`navigation_da_footer_parent_id_idx\` ON \`navigation_da_footer\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_da_footer_page_idx\` ON \`navigation_da_footer\` (\`page_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_da_footer_topic_idx\` ON \`navigation_da_footer\` (\`topic_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_da_footer_campaign_idx\` ON \`navigation_da_footer\` (\`campaign_id\`);`)
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
  await db.run(sql`CREATE INDEX \`navigation_sv_header_parent_id_idx\` ON \`navigation_sv_header\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_sv_header_page_idx\` ON \`navigation_sv_header\` (\`page_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_sv_header_topic_idx\` ON \`navigation_sv_header\` (\`topic_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_sv_header_campaign_idx\` ON \`navigation_sv_header\` (\`campaign_id\`);`)
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
  await db.run(sql`CREATE INDEX \`navigation_sv_footer_parent_id_idx\` ON \`navigation_sv_footer\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_sv_footer_page_idx\` ON \`navigation_sv_footer\` (\`page_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_sv_footer_topic_idx\` ON \`navigation_sv_footer\` (\`topic_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_sv_footer_campaign_idx\` ON \`navigation_sv_footer\` (\`campaign_id\`);`)
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
  await db.run(sql`CREATE INDEX \`navigation_nb_header_parent_id_idx\` ON \`navigation_nb_header\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_nb_header_page_idx\` ON \`navigation_nb_header\` (\`page_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_nb_header_topic_idx\` ON \`navigation_nb_header\` (\`topic_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_nb_header_campaign_idx\` ON \`navigation_nb_header\` (\`campaign_id\`);`)
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
  await db.run(sql`CREATE INDEX \`navigation_nb_footer_parent_id_idx\` ON \`navigation_nb_footer\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_nb_footer_page_idx\` ON \`navigation_nb_footer\` (\`page_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_nb_footer_topic_idx\` ON \`navigation_nb_footer\` (\`topic_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_nb_footer_campaign_idx\` ON \`navigation_nb_footer\` (\`campaign_id\`);`)
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
  await db.run(sql`CREATE INDEX \`navigation_en_header_parent_id_idx\` ON \`navigation_en_header\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_en_header_page_idx\` ON \`navigation_en_header\` (\`page_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_en_header_topic_idx\` ON \`navigation_en_header\` (\`topic_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_en_header_campaign_idx\` ON \`navigation_en_header\` (\`campaign_id\`);`)
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
  await db.run(sql`CREATE INDEX \`navigation_en_footer_parent_id_idx\` ON \`navigation_en_footer\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_en_footer_page_idx\` ON \`navigation_en_footer\` (\`page_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_en_footer_topic_idx\` ON \`navigation_en_footer\` (\`topic_id\`);`)
  await db.run(sql`CREATE INDEX \`navigation_en_footer_campaign_idx\` ON \`navigation_en_footer\` (\`campaign_id\`);`)
  await db.run(sql`CREATE TABLE \`navigation\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`import_hash\` text,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`navigation_da_header\`;`)
  await db.run(sql`DROP TABLE \`navigation_da_footer\`;`)
  await db.run(sql`DROP TABLE \`navigation_sv_header\`;`)
  await db.run(sql`DROP TABLE \`navigation_sv_footer\`;`)
  await db.run(sql`DROP TABLE \`navigation_nb_header\`;`)
  await db.run(sql`DROP TABLE \`navigation_nb_footer\`;`)
  await db.run(sql`DROP TABLE \`navigation_en_header\`;`)
  await db.run(sql`DROP TABLE \`navigation_en_footer\`;`)
  await db.run(sql`DROP TABLE \`navigation\`;`)
}
