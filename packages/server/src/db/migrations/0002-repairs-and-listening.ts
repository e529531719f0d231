import { type Kysely, sql } from 'kysely';
import { engineOf } from '../database.js';

// Landed migrations are never edited; add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  // On SQLite, anonymous answers live in tables ordered by their random key, so the file keeps no record of the
  // order in which they were written (see ARCHITECTURE.md, the ballot's threat model).
  const keyOrdered = engineOf(db) === 'sqlite' ? sql`without rowid` : sql``;

  await db.schema
    .alterTable('organizations')
    .addColumn('anonymity_threshold', 'integer', (c) => c.notNull().defaultTo(3))
    .execute();

  await db.schema
    .createTable('repairs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('leader_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('breach_kinds', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('repairs_org_idx')
    .on('repairs')
    .columns(['organization_id', 'created_at'])
    .execute();
  await db.schema.createIndex('repairs_leader_idx').on('repairs').column('leader_id').execute();

  await db.schema
    .createTable('repair_people')
    .addColumn('repair_id', 'text', (c) => c.notNull().references('repairs.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('repair_people_pk', ['repair_id', 'person_id'])
    .execute();

  // One listening round (an anonymous ballot) per repair for now; the ballot tables below are generic.
  await db.schema
    .createTable('rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('repair_id', 'text', (c) => c.notNull().unique().references('repairs.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('forecast', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text')
    .addColumn('public_key', 'text')
    .addColumn('private_key', 'text')
    .addColumn('reminded_halfway', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminded_final', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Who was invited, and whether their link has been used to obtain a token. No time of use is kept, and a
  // use updates every invitation of the round at once, so neither rows nor their order reveal who went when.
  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('link_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_issued', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('invitations_round_person_unique', ['round_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('spent_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .execute();

  // Answers carry no pointer to an invitation or person and no time finer than a day. reply_key_hash is
  // SHA-256(token ":" question id): only the holder of the token can find their answer to reply.
  await db.schema
    .createTable('answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text')
    .addColumn('answered_on', 'text', (c) => c.notNull())
    .addColumn('reply_key_hash', 'text', (c) => c.notNull().unique())
    .modifyEnd(keyOrdered)
    .execute();
  await db.schema
    .createIndex('answers_round_idx')
    .on('answers')
    .columns(['round_id', 'question_id'])
    .execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('answer_id', 'text', (c) => c.notNull().references('answers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('notified', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('follow_ups_answer_position_unique', ['answer_id', 'position'])
    .modifyEnd(keyOrdered)
    .execute();

  await db.schema
    .createTable('themes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('repair_id', 'text', (c) => c.notNull().references('repairs.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('acknowledgement', 'text', (c) => c.notNull())
    .addColumn('answer_ids', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('themes_repair_idx').on('themes').column('repair_id').execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('cascade'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('mail_outbox_org_idx')
    .on('mail_outbox')
    .columns(['organization_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'mail_outbox',
    'themes',
    'follow_ups',
    'answers',
    'spent_tokens',
    'invitations',
    'rounds',
    'repair_people',
    'repairs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('organizations').dropColumn('anonymity_threshold').execute();
}
