import { type Kysely, sql } from 'kysely';

// Landed migrations are never edited; add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  // What each affected person has been told in a delivered "closing the loop" update (jobs/commitment-jobs.ts):
  // one row per person and item, the item being a commitment (item_id = commitment_id) or one of its recorded
  // occurrences. Written only after the email was delivered, so a failed send leaves its items for the next one.
  await db.schema
    .createTable('loop_updates')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('delivered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loop_updates_pk', ['person_id', 'item_id'])
    .execute();
  await db.schema
    .createIndex('loop_updates_commitment_idx')
    .on('loop_updates')
    .column('commitment_id')
    .execute();

  // Until now "what is new" was everything after the person's latest update in the outbox (loop:<person id>:<day>),
  // so everything before their latest update that did not fail counts as told, and nobody is sent it again.
  const last = sql`(select substr(dedupe_key, 6, 36) as person_id, max(created_at) as at from mail_outbox
    where dedupe_key like 'loop:%' and error is null group by substr(dedupe_key, 6, 36))`;
  await sql`insert into loop_updates (person_id, item_id, commitment_id, delivered_at)
    select l.person_id, c.id, c.id, l.at from ${last} l
      join repair_people rp on rp.person_id = l.person_id
      join commitments c on c.repair_id = rp.repair_id
      where c.created_at <= l.at
    union all
    select l.person_id, o.id, o.commitment_id, l.at from ${last} l
      join repair_people rp on rp.person_id = l.person_id
      join commitments c on c.repair_id = rp.repair_id
      join occurrences o on o.commitment_id = c.id
      where o.recorded_at <= l.at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('loop_updates').execute();
}
