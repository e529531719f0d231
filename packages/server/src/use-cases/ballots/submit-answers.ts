import type { BallotAnswerInput, Question } from '@kintsugi/core';
import type { SubmissionState } from '../../ballots/ballot-mixer.js';
import { AppError } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';
import { isOpenForAnswers, sha256, verifyProof } from './ballot-proof.js';
import { ROUND_CLOSED, roundBallot } from './round-ballot.js';

/**
 * Takes one person's answers, proven only by a valid unspent token: no link, no cookie, nothing that names them.
 * They are stored together with at least k − 1 other people's (ballots/ballot-mixer.ts); until then the answer is
 * 'pending' and the browser keeps it. Sending the same token again is safe: it says 'stored' or 'pending'.
 */
export async function submitAnswers(
  deps: Deps,
  input: BallotAnswerInput,
): Promise<{ state: SubmissionState }> {
  const round = await verifyProof(deps.db, input);
  const tokenHash = sha256(input.token);
  if ((await roundBallot.spent(deps.db, round.id, [tokenHash])).size > 0) return { state: 'stored' };
  if (deps.ballots.isPending(round.id, tokenHash)) return { state: 'pending' };
  if (!isOpenForAnswers(round, nowIso(deps).slice(0, 10))) throw new AppError('round_closed', ROUND_CLOSED);
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
  const state = await deps.ballots.submit(deps, roundBallot, round.id, {
    tokenHash,
    payload: { token: input.token, answers: input.answers, name: input.name ?? null },
  });
  return { state };
}
