import { type Kysely, sql } from 'kysely';
import { engineOf } from '../database.js';

// Landed migrations are never edited; add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  const withoutRowid = engineOf(db) === 'sqlite' ? sql` without rowid` : sql``;
  // A link that has taken an answer token, named only by a hash of (ballot, link): without the link, which only its
  // person holds, no row can be matched to a person. Written when the person acts; it says "some link", never whose.
  // The person's own record (`token_issued`, `witness_issued`) is written later, in batches (ballots/ballot-mixer.ts).
  await sql`create table ballot_claims (
    claim_hash text primary key,
    ballot_id text not null,
    blinded_hash text not null
  )${withoutRowid}`.execute(db);
  await db.schema.createIndex('ballot_claims_ballot_idx').on('ballot_claims').column('ballot_id').execute();
  // More links for one invitation (a reminder, a re-issued link): they add to the first link and never replace it.
  await sql`create table ballot_links (
    link_hash text primary key,
    kind text not null,
    invitation_id text not null
  )${withoutRowid}`.execute(db);
  await db.schema
    .createIndex('ballot_links_invitation_idx')
    .on('ballot_links')
    .columns(['kind', 'invitation_id'])
    .execute();
  // "My link was used, and not by me": one row per link, named as claims are.
  await sql`create table ballot_reports (
    report_hash text primary key,
    ballot_id text not null
  )${withoutRowid}`.execute(db);
  await db.schema.createIndex('ballot_reports_ballot_idx').on('ballot_reports').column('ballot_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ballot_reports').execute();
  await db.schema.dropTable('ballot_links').execute();
  await db.schema.dropTable('ballot_claims').execute();
}
