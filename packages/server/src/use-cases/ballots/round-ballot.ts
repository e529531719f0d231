import { randomUUID } from 'node:crypto';
import type { LinkHolder } from '../../ballots/ballot-issue.js';
import type { BallotKind, PendingSubmission } from '../../ballots/ballot-mixer.js';
import { invitationIdOfLink } from '../../ballots/link-lookup.js';
import { countSpent, spendTokens } from '../../ballots/spend-tokens.js';
import { rowsFollowKeyOrder } from '../../db/database.js';
import { AppError } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';
import { organizationThreshold } from '../repairs/load-repair.js';
import { isOpenForAnswers, lockRound, replyKeyHash } from './ballot-proof.js';

export interface RoundSubmission {
  token: string;
  answers: { questionId: string; text: string }[];
  name: string | null;
}

export const UNKNOWN_LINK =
  'This link is not valid. Check that you opened the whole link from your email; if it still fails, ask for a new one.';
export const ROUND_CLOSED = 'This listening round is closed; answers are no longer taken.';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Listening rounds as a ballot: answers per question with reply keys; invitations record who took a token. */
export const roundBallot: BallotKind<RoundSubmission> = {
  name: 'round',
  async population(deps, roundId) {
    const round = await deps.db
      .selectFrom('rounds as r')
      .innerJoin('repairs as rp', 'rp.id', 'r.repair_id')
      .select(['r.status', 'r.closes_on', 'rp.organization_id'])
      .where('r.id', '=', roundId)
      .executeTakeFirst();
    if (!round) return { people: 0, marked: 0, stored: 0, open: false, threshold: 3 };
    const counts = await deps.db
      .selectFrom('invitations')
      .select((eb) => [eb.fn.countAll<number>().as('people'), eb.fn.sum<number>('token_issued').as('marked')])
      .where('round_id', '=', roundId)
      .executeTakeFirstOrThrow();
    return {
      people: Number(counts.people),
      stored: await countSpent(deps.db, 'spent_tokens', roundId),
      marked: Number(counts.marked ?? 0),
      open: isOpenForAnswers(round, nowIso(deps).slice(0, 10)),
      threshold: await organizationThreshold(deps.db, round.organization_id),
    };
  },
  async spent(db, roundId, hashes) {
    if (hashes.length === 0) return new Set();
    const rows = await db
      .selectFrom('spent_tokens')
      .select('token_hash')
      .where('round_id', '=', roundId)
      .where('token_hash', 'in', hashes)
      .execute();
    return new Set(rows.map((r) => r.token_hash));
  },
  async store(trx, deps, roundId, submissions, members) {
    await lockRound(trx, roundId);
    if (submissions.length > 0) await storeAnswers(trx, deps, roundId, submissions);
    if (members.length > 0)
      await trx.updateTable('invitations').set({ token_issued: 1 }).where('id', 'in', members).execute();
  },
};

async function storeAnswers(
  trx: Parameters<BallotKind<RoundSubmission>['store']>[0],
  deps: Deps,
  roundId: string,
  batch: readonly PendingSubmission<RoundSubmission>[],
) {
  const submissions = await spendTokens(trx, 'round', roundId, batch);
  const today = nowIso(deps).slice(0, 10);
  const fresh = submissions.flatMap(({ payload }) =>
    payload.answers.map((a) => ({
      id: randomUUID(),
      round_id: roundId,
      question_id: a.questionId,
      body: a.text,
      author_name: payload.name,
      answered_on: today,
      reply_key_hash: replyKeyHash(payload.token, a.questionId),
    })),
  );
  if (fresh.length === 0) return;
  if (rowsFollowKeyOrder(deps.engine)) {
    // Inserted in the order of their random ids, so even the order cells were written in says nothing.
    await trx.insertInto('answers').values(fresh.sort(byId)).execute();
    return;
  }
  // Elsewhere the round's answers are rewritten in the order of their random ids at every batch.
  const existing = await trx.selectFrom('answers').selectAll().where('round_id', '=', roundId).execute();
  const ids = existing.map((a) => a.id);
  const followUps =
    ids.length > 0
      ? await trx.selectFrom('follow_ups').selectAll().where('answer_id', 'in', ids).execute()
      : [];
  if (ids.length > 0) await trx.deleteFrom('answers').where('round_id', '=', roundId).execute();
  await trx
    .insertInto('answers')
    .values([...existing, ...fresh].sort(byId))
    .execute();
  if (followUps.length > 0) await trx.insertInto('follow_ups').values(followUps.sort(byId)).execute();
}

/** The round and invitation a personal link opens. */
export async function roundHolder(deps: Deps, link: string) {
  const invitationId = await invitationIdOfLink(deps.db, 'round', link);
  const row = invitationId
    ? await deps.db
        .selectFrom('invitations as i')
        .innerJoin('rounds as r', 'r.id', 'i.round_id')
        .select(['i.id', 'i.token_issued', 'r.id as roundId', 'r.status', 'r.closes_on', 'r.private_key'])
        .where('i.id', '=', invitationId)
        .executeTakeFirst()
    : undefined;
  if (!row?.private_key) throw new AppError('not_found', UNKNOWN_LINK);
  const holder: LinkHolder = {
    ballotId: row.roundId,
    memberId: row.id,
    marked: row.token_issued === 1,
    open: isOpenForAnswers(row, nowIso(deps).slice(0, 10)),
    encryptedPrivateKey: row.private_key,
  };
  return holder;
}
