import type { Kysely } from 'kysely';

// Landed migrations are never edited; add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Settings every instance of the server must agree on, one row each. The first is `secret_check`: an HMAC of a
  // constant under SECRET, so an instance started with another SECRET is refused (auth/shared-secret.ts).
  await db.schema
    .createTable('server_settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('server_settings').execute();
}
