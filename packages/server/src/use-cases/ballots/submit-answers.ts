import { randomUUID } from 'node:crypto';
import type { BallotAnswerInput, Question } from '@kintsugi/core';
import { isUniqueViolation, rowsFollowKeyOrder } from '../../db/database.js';
import { AppError } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';
import { isOpenForAnswers, lockRound, replyKeyHash, sha256, verifyProof } from './ballot-proof.js';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Stores one person's answers, proven only by a valid unspent token: no link, no cookie, nothing that names them.
 * Each answer gets a fresh random id and a date without time, and the stored rows follow the order of those ids
 * (natively on SQLite; by rewriting the round's answers on PostgreSQL), so row order keeps no trace of who answered when.
 */
export async function submitAnswers(deps: Deps, input: BallotAnswerInput): Promise<void> {
  const round = await verifyProof(deps.db, input);
  const today = nowIso(deps).slice(0, 10);
  if (!isOpenForAnswers(round, today))
    throw new AppError('round_closed', 'This listening round is closed; answers are no longer taken.');
  const questionIds = new Set((JSON.parse(round.questions) as Question[]).map((q) => q.id));
  const unknown = input.answers.filter((a) => !questionIds.has(a.questionId));
  if (unknown.length > 0) {
    throw new AppError('invalid_input', 'Some answers are for questions this round does not ask.', {
      errors: unknown.map((a) => ({ path: 'answers', message: `No question has the id "${a.questionId}".` })),
    });
  }
  const seen = new Set<string>();
  for (const a of input.answers) {
    if (seen.has(a.questionId))
      throw new AppError(
        'invalid_input',
        `Question "${a.questionId}" is answered twice; send one answer per question.`,
      );
    seen.add(a.questionId);
  }

  await deps.db.transaction().execute(async (trx) => {
    await lockRound(trx, round.id);
    try {
      await trx
        .insertInto('spent_tokens')
        .values({ token_hash: sha256(input.token), round_id: round.id })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError(
          'already_answered',
          'This token has already been used: you have already answered this round.',
        );
      throw error;
    }
    const fresh = input.answers.map((a) => ({
      id: randomUUID(),
      round_id: round.id,
      question_id: a.questionId,
      body: a.text,
      author_name: input.name ?? null,
      answered_on: today,
      reply_key_hash: replyKeyHash(input.token, a.questionId),
    }));
    if (rowsFollowKeyOrder(deps.engine)) {
      await trx.insertInto('answers').values(fresh).execute();
      return;
    }
    // Elsewhere the round's answers are rewritten in the order of their random ids after every submission.
    const existing = await trx.selectFrom('answers').selectAll().where('round_id', '=', round.id).execute();
    const ids = existing.map((a) => a.id);
    const followUps =
      ids.length > 0
        ? await trx.selectFrom('follow_ups').selectAll().where('answer_id', 'in', ids).execute()
        : [];
    if (ids.length > 0) await trx.deleteFrom('answers').where('round_id', '=', round.id).execute();
    await trx
      .insertInto('answers')
      .values([...existing, ...fresh].sort(byId))
      .execute();
    if (followUps.length > 0) await trx.insertInto('follow_ups').values(followUps.sort(byId)).execute();
  });
}
