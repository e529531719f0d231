import { randomUUID } from 'node:crypto';
import type { Question } from '@kintsugi/core';
import { AppError } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';
import { lockRound, replyKeyHash, sha256, type TokenProof, verifyProof } from './ballot-proof.js';
import { loadFollowUps } from './follow-ups.js';

async function ownAnswers(deps: Deps, proof: TokenProof) {
  const round = await verifyProof(deps.db, proof);
  const spent = await deps.db
    .selectFrom('spent_tokens')
    .select('token_hash')
    .where('token_hash', '=', sha256(proof.token))
    .executeTakeFirst();
  if (!spent) throw new AppError('not_found', 'No answers were sent with this reply key yet.');
  const questions = JSON.parse(round.questions) as Question[];
  const byKey = new Map(questions.map((q) => [replyKeyHash(proof.token, q.id), q.id]));
  const answers = await deps.db
    .selectFrom('answers')
    .select(['id', 'question_id', 'body', 'reply_key_hash'])
    .where('reply_key_hash', 'in', [...byKey.keys()])
    .execute();
  return { round, answers: answers.filter((a) => byKey.get(a.reply_key_hash) === a.question_id) };
}

/** The token holder's own answers and the follow-up conversation on each: readable only with the token. */
export async function readThread(deps: Deps, proof: TokenProof) {
  const { round, answers } = await ownAnswers(deps, proof);
  const order = (JSON.parse(round.questions) as Question[]).map((q) => q.id);
  const threads = await loadFollowUps(
    deps.db,
    answers.map((a) => a.id),
  );
  return {
    answers: answers
      .sort((a, b) => order.indexOf(a.question_id) - order.indexOf(b.question_id))
      .map((a) => ({
        questionId: a.question_id,
        text: a.body,
        followUps: threads.get(a.id) ?? [],
      })),
  };
}

/** The author answers a follow-up question, still anonymous. */
export async function replyInThread(
  deps: Deps,
  proof: TokenProof & { questionId: string; text: string },
): Promise<void> {
  const { answers } = await ownAnswers(deps, proof);
  const answer = answers.find((a) => a.question_id === proof.questionId);
  if (!answer)
    throw new AppError('not_found', 'You did not answer that question, so there is nothing to reply to.');
  await appendFollowUp(deps, answer.id, 'author', proof.text);
}

export async function appendFollowUp(
  deps: Deps,
  answerId: string,
  author: 'leader' | 'author',
  text: string,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const answer = await trx
      .selectFrom('answers')
      .select('round_id')
      .where('id', '=', answerId)
      .executeTakeFirst();
    if (!answer) throw new AppError('not_found', 'That answer no longer exists.');
    await lockRound(trx, answer.round_id);
    const thread = await trx
      .selectFrom('follow_ups')
      .select(['author', 'position'])
      .where('answer_id', '=', answerId)
      .orderBy('position')
      .execute();
    if (author === 'author' && !thread.some((f) => f.author === 'leader')) {
      throw new AppError('conflict', 'Your leader has not asked a follow-up question on this answer yet.');
    }
    await trx
      .insertInto('follow_ups')
      .values({
        id: randomUUID(),
        answer_id: answerId,
        position: (thread.at(-1)?.position ?? 0) + 1,
        author,
        body: text,
        created_on: nowIso(deps).slice(0, 10),
      })
      .execute();
  });
}
