import type { Kysely } from 'kysely';

// Landed migrations are never edited; add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Each recorded occurrence is its own anonymous ballot, made when the first team member asks to witness it.
  await db.schema
    .createTable('witness_ballots')
    .addColumn('occurrence_id', 'text', (c) =>
      c.primaryKey().references('occurrences.id').onDelete('cascade'),
    )
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .execute();
  // Whose team link has taken its one token for an occurrence; never what they then said.
  await db.schema
    .createTable('witness_issued')
    .addColumn('occurrence_id', 'text', (c) => c.notNull().references('occurrences.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('witness_issued_pk', ['occurrence_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('witness_spent')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('occurrence_id', 'text', (c) => c.notNull().references('occurrences.id').onDelete('cascade'))
    .execute();
  // Only the totals are stored: there is no row per witness whose order or content could be matched to a person.
  await db.schema
    .createTable('witness_counts')
    .addColumn('occurrence_id', 'text', (c) =>
      c.primaryKey().references('occurrences.id').onDelete('cascade'),
    )
    .addColumn('saw', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('did_not_see', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['witness_counts', 'witness_spent', 'witness_issued', 'witness_ballots'])
    await db.schema.dropTable(table).execute();
}
