import type { Kysely } from 'kysely';

// Landed migrations are never edited; add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A team member's personal way into a repair's team space. Only the SHA-256 of the secret is kept.
  await db.schema
    .createTable('team_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('repair_id', 'text', (c) => c.notNull().references('repairs.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('link_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('team_links_repair_person_idx')
    .on('team_links')
    .columns(['repair_id', 'person_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('team_links').execute();
}
