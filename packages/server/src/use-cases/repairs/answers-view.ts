import { type AnswersView, perspectiveGap, type Question } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { AppError, notFound } from '../../errors/app-error.js';
import { authorize, policies } from '../../policies/policies.js';
import { shuffle } from '../../util/shuffle.js';
import { appendFollowUp } from '../ballots/answer-thread.js';
import { loadFollowUps } from '../ballots/follow-ups.js';
import type { Deps } from '../deps.js';
import { loadRepairRow, loadRound, organizationThreshold, type RepairRow } from './load-repair.js';

/** The answers a question may show: all of them at k or more, none below. The one gate every read path uses. */
export async function revealedAnswers(deps: Deps, repair: RepairRow) {
  const round = await loadRound(deps.db, repair.id);
  const threshold = await organizationThreshold(deps.db, repair.organization_id);
  const questions = JSON.parse(round.questions) as Question[];
  const rows = await deps.db
    .selectFrom('answers')
    .select(['id', 'question_id', 'body', 'author_name', 'answered_on'])
    .where('round_id', '=', round.id)
    .execute();
  const spent = await deps.db
    .selectFrom('spent_tokens')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('round_id', '=', round.id)
    .executeTakeFirstOrThrow();
  const responses = Number(spent.n);
  const byQuestion = new Map<string, typeof rows>();
  for (const q of questions) {
    const answers = rows.filter((r) => r.question_id === q.id);
    if (responses >= threshold && answers.length >= threshold) byQuestion.set(q.id, answers);
  }
  return { round, threshold, questions, responses, byQuestion };
}

/** What people said, per question, beside the leader's forecast; shown in random order with dates by day. */
export async function getAnswersView(deps: Deps, actor: Actor, repairId: string): Promise<AnswersView> {
  const repair = await loadRepairRow(deps.db, actor, repairId);
  authorize(
    policies.readAnswers(actor, { leaderId: repair.leader_id }),
    "Only the repair's leader and admins can read what people said.",
  );
  const { round, threshold, questions, responses, byQuestion } = await revealedAnswers(deps, repair);
  const forecast = JSON.parse(round.forecast) as Record<string, string>;
  const visible = [...byQuestion.values()].flat();
  const threads = await loadFollowUps(
    deps.db,
    visible.map((a) => a.id),
  );
  const gap = perspectiveGap(
    questions,
    forecast,
    visible.map((a) => ({ questionId: a.question_id, text: a.body })),
  );
  return {
    threshold,
    responseCount: responses >= threshold ? responses : null,
    questions: questions.map((q) => {
      const answers = byQuestion.get(q.id);
      const g = gap.questions.find((x) => x.questionId === q.id);
      return {
        ...q,
        forecast: forecast[q.id] ?? '',
        answers: answers
          ? shuffle(answers).map((a) => ({
              id: a.id,
              text: a.body,
              authorName: a.author_name,
              answeredOn: a.answered_on,
              followUps: threads.get(a.id) ?? [],
            }))
          : null,
        gap: g?.gap ?? null,
        missed: g?.missed ?? [],
      };
    }),
    perspectiveGap: gap.overall,
  };
}

/** The leader asks a follow-up question on a revealed answer. */
export async function askFollowUp(
  deps: Deps,
  actor: Actor,
  repairId: string,
  answerId: string,
  text: string,
): Promise<void> {
  const repair = await loadRepairRow(deps.db, actor, repairId);
  authorize(
    policies.manageRepair(actor, { leaderId: repair.leader_id }),
    "Only the repair's leader or an admin can ask follow-up questions.",
  );
  const { round, byQuestion } = await revealedAnswers(deps, repair);
  const visible = [...byQuestion.values()].flat();
  if (!visible.some((a) => a.id === answerId)) {
    // Only this repair's round is looked in: an answer elsewhere is as unknown here as an id that exists nowhere.
    const exists = await deps.db
      .selectFrom('answers')
      .select('id')
      .where('id', '=', answerId)
      .where('round_id', '=', round.id)
      .executeTakeFirst();
    if (!exists) throw notFound('answer in this repair');
    throw new AppError('conflict', 'Answers can be replied to once they are shown.');
  }
  await appendFollowUp(deps, answerId, 'leader', text);
}
