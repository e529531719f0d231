import type { BallotKind } from '../../ballots/ballot-mixer.js';
import { countSpent, spendTokens } from '../../ballots/spend-tokens.js';
import { organizationThreshold } from '../repairs/load-repair.js';
import { ledgerWitnessed } from './commitment-ledger.js';

/** A witness ballot's id: the context its private key is bound to, and its name in the ballot tables. */
export const witnessBallotId = (occurrenceId: string) => `witness:${occurrenceId}`;
const occurrenceOf = (ballotId: string) => ballotId.replace(/^witness:/, '');

export interface WitnessSubmission {
  saw: boolean;
}

/**
 * Witness votes as a ballot: only the two totals are kept, and a batch adds its sums in one update, so no stored
 * version of the totals differs from the previous one by a single vote. Witnessing has no closing date.
 */
export const witnessBallot: BallotKind<WitnessSubmission> = {
  name: 'witness',
  async population(deps, ballotId) {
    const occurrenceId = occurrenceOf(ballotId);
    const repair = await deps.db
      .selectFrom('occurrences as o')
      .innerJoin('commitments as c', 'c.id', 'o.commitment_id')
      .innerJoin('repairs as r', 'r.id', 'c.repair_id')
      .select(['r.id', 'r.organization_id'])
      .where('o.id', '=', occurrenceId)
      .executeTakeFirst();
    if (!repair) return { people: 0, marked: 0, stored: 0, open: false, threshold: 3 };
    const people = await deps.db
      .selectFrom('team_links')
      .select((eb) => eb.fn.count<number>('person_id').distinct().as('n'))
      .where('repair_id', '=', repair.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    const marked = await deps.db
      .selectFrom('witness_issued')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('occurrence_id', '=', occurrenceId)
      .executeTakeFirstOrThrow();
    return {
      people: Number(people.n),
      stored: await countSpent(deps.db, 'witness_spent', occurrenceId),
      marked: Number(marked.n),
      open: true,
      threshold: await organizationThreshold(deps.db, repair.organization_id),
    };
  },
  async spent(db, ballotId, hashes) {
    if (hashes.length === 0) return new Set();
    const rows = await db
      .selectFrom('witness_spent')
      .select('token_hash')
      .where('occurrence_id', '=', occurrenceOf(ballotId))
      .where('token_hash', 'in', hashes)
      .execute();
    return new Set(rows.map((r) => r.token_hash));
  },
  async store(trx, _deps, ballotId, batch, members) {
    const occurrenceId = occurrenceOf(ballotId);
    const submissions = await spendTokens(trx, 'witness', occurrenceId, batch);
    if (submissions.length > 0) {
      const saw = submissions.filter((s) => s.payload.saw).length;
      const didNotSee = submissions.length - saw;
      await trx
        .insertInto('witness_counts')
        .values({ occurrence_id: occurrenceId })
        .onConflict((oc) => oc.column('occurrence_id').doNothing())
        .execute();
      await trx
        .updateTable('witness_counts')
        .set((eb) => ({ saw: eb('saw', '+', saw), did_not_see: eb('did_not_see', '+', didNotSee) }))
        .where('occurrence_id', '=', occurrenceId)
        .execute();
      await ledgerWitnessed(trx, occurrenceId);
    }
    if (members.length > 0)
      await trx
        .insertInto('witness_issued')
        .values(members.map((person_id) => ({ occurrence_id: occurrenceId, person_id })))
        .onConflict((oc) => oc.columns(['occurrence_id', 'person_id']).doNothing())
        .execute();
  },
};
