import type { Kysely } from 'kysely';

// Landed migrations are never edited; add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Sign-in attempt counters (use-cases/session/sign-in-limits.ts), in the database so that every instance of the
  // server counts the same attempts. A row per client address or email address, named only by an HMAC of it under
  // SECRET: the table holds no address, and rows are swept once their window has passed.
  await db.schema
    .createTable('sign_in_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sign_in_limits_window_idx')
    .on('sign_in_limits')
    .column('window_start')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_limits').execute();
}
