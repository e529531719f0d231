import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PendingSubmission } from './ballot-mixer.js';

/**
 * Records a batch's tokens as spent, in hash order, and returns the submissions whose token this insert spent. A
 * token already spent (another instance stored it meanwhile) is skipped with ON CONFLICT, so the database never
 * raises, and so never logs, a unique violation naming a token hash.
 */
export async function spendTokens<P>(
  trx: Kysely<Database>,
  kind: 'round' | 'pulse' | 'witness',
  /** The round, pulse or occurrence id. */
  ballot: string,
  submissions: readonly PendingSubmission<P>[],
): Promise<PendingSubmission<P>[]> {
  if (submissions.length === 0) return [];
  const hashes = submissions.map((s) => s.tokenHash).sort();
  // Three spelled-out inserts: Kysely types each table's row on its own.
  const spent =
    kind === 'round'
      ? await trx
          .insertInto('spent_tokens')
          .values(hashes.map((token_hash) => ({ token_hash, round_id: ballot })))
          .onConflict((oc) => oc.column('token_hash').doNothing())
          .returning('token_hash')
          .execute()
      : kind === 'pulse'
        ? await trx
            .insertInto('pulse_spent')
            .values(hashes.map((token_hash) => ({ token_hash, pulse_id: ballot })))
            .onConflict((oc) => oc.column('token_hash').doNothing())
            .returning('token_hash')
            .execute()
        : await trx
            .insertInto('witness_spent')
            .values(hashes.map((token_hash) => ({ token_hash, occurrence_id: ballot })))
            .onConflict((oc) => oc.column('token_hash').doNothing())
            .returning('token_hash')
            .execute();
  const fresh = new Set(spent.map((r) => r.token_hash));
  return submissions.filter((s) => fresh.has(s.tokenHash));
}

/** How many submissions of a ballot are stored. */
export async function countSpent(
  db: Kysely<Database>,
  table: 'spent_tokens' | 'pulse_spent' | 'witness_spent',
  ballot: string,
): Promise<number> {
  const column =
    table === 'spent_tokens' ? 'round_id' : table === 'pulse_spent' ? 'pulse_id' : 'occurrence_id';
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '=', ballot)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
