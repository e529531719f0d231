import type { PulseAnswerInput } from '@kintsugi/core';
import type { BallotKind } from '../../ballots/ballot-mixer.js';
import { countSpent, spendTokens } from '../../ballots/spend-tokens.js';
import { rowsFollowKeyOrder } from '../../db/database.js';
import { isOpenForAnswers } from '../ballots/ballot-proof.js';
import { nowIso } from '../deps.js';
import { organizationThreshold } from '../repairs/load-repair.js';
import { trendTouched } from './team-trend.js';

export const PULSE_CLOSED =
  'This pulse is closed; answers are no longer taken. The next one will come by email.';

/** A pulse's ballot id: the context its private key is bound to, and its name in the ballot tables. */
export const pulseBallotId = (pulseId: string) => `pulse:${pulseId}`;
const pulseIdOf = (ballotId: string) => ballotId.replace(/^pulse:/, '');

export interface PulseSubmission {
  ratings: PulseAnswerInput['ratings'];
  comment: string | null;
  /** The comment's random id, fixed when it arrives so that a re-send cannot duplicate it. */
  id: string;
}

/**
 * Pulses as a ballot: only totals are kept. A batch of submissions adds its sums to the histograms in one update
 * per row, so no stored version of a total ever differs from the previous one by a single person's answer.
 */
export const pulseBallot: BallotKind<PulseSubmission> = {
  name: 'pulse',
  async population(deps, ballotId) {
    const pulse = await deps.db
      .selectFrom('pulses as p')
      .innerJoin('teams as t', 't.id', 'p.team_id')
      .select(['p.status', 'p.closes_on', 't.organization_id'])
      .where('p.id', '=', pulseIdOf(ballotId))
      .executeTakeFirst();
    if (!pulse) return { people: 0, marked: 0, stored: 0, open: false, threshold: 3 };
    const counts = await deps.db
      .selectFrom('pulse_invitations')
      .select((eb) => [eb.fn.countAll<number>().as('people'), eb.fn.sum<number>('token_issued').as('marked')])
      .where('pulse_id', '=', pulseIdOf(ballotId))
      .executeTakeFirstOrThrow();
    return {
      people: Number(counts.people),
      stored: await countSpent(deps.db, 'pulse_spent', pulseIdOf(ballotId)),
      marked: Number(counts.marked ?? 0),
      open: isOpenForAnswers(pulse, nowIso(deps).slice(0, 10)),
      threshold: await organizationThreshold(deps.db, pulse.organization_id),
    };
  },
  async spent(db, ballotId, hashes) {
    if (hashes.length === 0) return new Set();
    const rows = await db
      .selectFrom('pulse_spent')
      .select('token_hash')
      .where('pulse_id', '=', pulseIdOf(ballotId))
      .where('token_hash', 'in', hashes)
      .execute();
    return new Set(rows.map((r) => r.token_hash));
  },
  async store(trx, deps, ballotId, batch, members) {
    const pulseId = pulseIdOf(ballotId);
    const submissions = await spendTokens(trx, 'pulse', pulseId, batch);
    if (submissions.length > 0) {
      const overall = [0, 0, 0, 0, 0, 0, 0];
      const perItem = new Map<string, number[]>();
      for (const { payload } of submissions)
        for (const r of payload.ratings) {
          overall[r.value - 1] = (overall[r.value - 1] ?? 0) + 1;
          const counts = perItem.get(r.itemId) ?? [0, 0, 0, 0, 0, 0, 0];
          counts[r.value - 1] = (counts[r.value - 1] ?? 0) + 1;
          perItem.set(r.itemId, counts);
        }
      // The pulse row first: on PostgreSQL its lock queues concurrent batches, so item rows are never contended.
      await trx
        .updateTable('pulses')
        .set((eb) => {
          const changes: Record<string, unknown> = { answers: eb('answers', '+', submissions.length) };
          overall.forEach((n, i) => {
            const column = `o${i + 1}` as 'o1';
            if (n > 0) changes[column] = eb(column, '+', n);
          });
          return changes;
        })
        .where('id', '=', pulseId)
        .execute();
      await trendTouched(trx, pulseId);
      for (const [itemId, counts] of [...perItem].sort(([a], [b]) => (a < b ? -1 : 1))) {
        await trx
          .updateTable('pulse_item_counts')
          .set((eb) => {
            const changes: Record<string, unknown> = {};
            counts.forEach((n, i) => {
              const column = `c${i + 1}` as 'c1';
              if (n > 0) changes[column] = eb(column, '+', n);
            });
            return changes;
          })
          .where('pulse_id', '=', pulseId)
          .where('item_id', '=', itemId)
          .execute();
      }
      const today = nowIso(deps).slice(0, 10);
      const fresh = submissions.flatMap(({ payload }) =>
        payload.comment
          ? [{ id: payload.id, pulse_id: pulseId, body: payload.comment, answered_on: today }]
          : [],
      );
      if (fresh.length > 0) {
        const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
        if (rowsFollowKeyOrder(deps.engine))
          await trx.insertInto('pulse_comments').values(fresh.sort(byId)).execute();
        else {
          // Elsewhere the pulse's comments are rewritten in the order of their random ids, as answers are.
          const existing = await trx
            .selectFrom('pulse_comments')
            .selectAll()
            .where('pulse_id', '=', pulseId)
            .execute();
          if (existing.length > 0)
            await trx.deleteFrom('pulse_comments').where('pulse_id', '=', pulseId).execute();
          await trx
            .insertInto('pulse_comments')
            .values([...existing, ...fresh].sort(byId))
            .execute();
        }
      }
    }
    if (members.length > 0)
      await trx
        .updateTable('pulse_invitations')
        .set({ token_issued: 1 })
        .where('id', 'in', members)
        .execute();
  },
};
