import type { Kysely } from 'kysely';

// Landed migrations are never edited; add a new file instead.

export async function up(db: Kysely<unknown>): Promise<void> {
  // GET /people pages in (name, id) order within an organisation: with this index a page reads only its own
  // rows, instead of sorting everyone in the organisation for each page.
  await db.schema
    .createIndex('people_org_name_idx')
    .on('people')
    .columns(['organization_id', 'name', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('people_org_name_idx').execute();
}
