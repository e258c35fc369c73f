import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(
    sql`CREATE INDEX \`articles_locales_parent_lookup_idx\` ON \`articles_locales\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`articles_texts_parent_lookup_idx\` ON \`articles_texts\` (\`parent_id\`);`)
  await db.run(
    sql`CREATE INDEX \`_articles_v_locales_parent_lookup_idx\` ON \`_articles_v_locales\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_texts_parent_lookup_idx\` ON \`_articles_v_texts\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`benefits_locales_parent_lookup_idx\` ON \`benefits_locales\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_benefits_v_locales_parent_lookup_idx\` ON \`_benefits_v_locales\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`campaigns_locales_parent_lookup_idx\` ON \`campaigns_locales\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_campaigns_v_locales_parent_lookup_idx\` ON \`_campaigns_v_locales\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`newsletters_locales_parent_lookup_idx\` ON \`newsletters_locales\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_newsletters_v_locales_parent_lookup_idx\` ON \`_newsletters_v_locales\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`letters_locales_parent_lookup_idx\` ON \`letters_locales\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_letters_v_locales_parent_lookup_idx\` ON \`_letters_v_locales\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`topics_locales_parent_lookup_idx\` ON \`topics_locales\` (\`_parent_id\`);`)
  await db.run(
    sql`CREATE INDEX \`segments_locales_parent_lookup_idx\` ON \`segments_locales\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`organisation_locales_parent_lookup_idx\` ON \`organisation_locales\` (\`_parent_id\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`articles_locales_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_texts_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_locales_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_texts_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`benefits_locales_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`_benefits_v_locales_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`campaigns_locales_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`_campaigns_v_locales_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`newsletters_locales_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`_newsletters_v_locales_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`letters_locales_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`_letters_v_locales_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`topics_locales_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`segments_locales_parent_lookup_idx\`;`)
  await db.run(sql`DROP INDEX \`organisation_locales_parent_lookup_idx\`;`)
}
