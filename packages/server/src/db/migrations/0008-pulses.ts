import { type Kysely, sql } from 'kysely';
import { engineOf } from '../database.js';

const SCALE = [1, 2, 3, 4, 5, 6, 7] as const;

// Landed migrations are never edited; add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  const keyOrdered = engineOf(db) === 'sqlite' ? sql`without rowid` : sql``;

  // How often a team's pulse goes out (1, 2 or 4 weeks; null: only the baseline when a repair opens).
  await db.schema.alterTable('teams').addColumn('pulse_every_weeks', 'integer').execute();
  await db.schema.alterTable('teams').addColumn('pulse_next_on', 'text').execute();

  // One pulse is one anonymous ballot. Only totals are stored: the number of people who answered, a histogram
  // per item, and the histogram over all items (so an organisation-wide overview reads one row per pulse).
  let pulses = db.schema
    .createTable('pulses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('repair_id', 'text', (c) => c.references('repairs.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('items_version', 'integer', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('answers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('alerted', 'integer', (c) => c.notNull().defaultTo(0));
  for (const v of SCALE) pulses = pulses.addColumn(`o${v}`, 'integer', (c) => c.notNull().defaultTo(0));
  await pulses.addColumn('created_at', 'text', (c) => c.notNull()).execute();
  // At most one pulse a day per team: two instances of the scheduler cannot both send one.
  await db.schema
    .createIndex('pulses_team_day_unique')
    .on('pulses')
    .columns(['team_id', 'opens_on'])
    .unique()
    .execute();
  await db.schema.createIndex('pulses_status_idx').on('pulses').columns(['status', 'closes_on']).execute();

  await db.schema
    .createTable('pulse_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pulse_id', 'text', (c) => c.notNull().references('pulses.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('link_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_issued', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('pulse_invitations_pulse_person_unique', ['pulse_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('pulse_spent')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('pulse_id', 'text', (c) => c.notNull().references('pulses.id').onDelete('cascade'))
    .execute();

  let counts = db.schema
    .createTable('pulse_item_counts')
    .addColumn('pulse_id', 'text', (c) => c.notNull().references('pulses.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull());
  for (const v of SCALE) counts = counts.addColumn(`c${v}`, 'integer', (c) => c.notNull().defaultTo(0));
  await counts.addPrimaryKeyConstraint('pulse_item_counts_pk', ['pulse_id', 'item_id']).execute();

  // The optional free-text answer: a random id, a day date, nothing else; kept in key order like answers.
  await db.schema
    .createTable('pulse_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pulse_id', 'text', (c) => c.notNull().references('pulses.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('answered_on', 'text', (c) => c.notNull())
    .modifyEnd(keyOrdered)
    .execute();
  await db.schema.createIndex('pulse_comments_pulse_idx').on('pulse_comments').column('pulse_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['pulse_comments', 'pulse_item_counts', 'pulse_spent', 'pulse_invitations', 'pulses'])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable('teams').dropColumn('pulse_next_on').execute();
  await db.schema.alterTable('teams').dropColumn('pulse_every_weeks').execute();
}
