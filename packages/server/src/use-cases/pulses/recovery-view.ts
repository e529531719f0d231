import {
  type CommitmentsView,
  perspectiveGap,
  type Question,
  type RecoveryEvent,
  type RecoveryView,
} from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { policies } from '../../policies/policies.js';
import { getCommitmentsView } from '../commitments/commitments-view.js';
import type { Deps } from '../deps.js';
import { revealedAnswers } from '../repairs/answers-view.js';
import { loadRepairRow, type RepairRow } from '../repairs/load-repair.js';
import { pulseTrend } from './pulse-trend.js';

const clip = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What was heard beside what the leader expected; the words themselves only for those who may read answers. */
async function heardOf(
  deps: Deps,
  repair: RepairRow,
  mayReadAnswers: boolean,
): Promise<{ heard: RecoveryView['heard']; threshold: number }> {
  const { round, questions, responses, byQuestion, threshold } = await revealedAnswers(deps, repair);
  const forecast = JSON.parse(round.forecast) as Record<string, string>;
  const visible = [...byQuestion.values()].flat();
  const gap = perspectiveGap(
    questions as Question[],
    forecast,
    visible.map((a) => ({ questionId: a.question_id, text: a.body })),
  );
  const heard = {
    responseCount: responses >= threshold ? responses : null,
    perspectiveGap: gap.overall,
    questions: questions.map((q) => {
      const g = gap.questions.find((x) => x.questionId === q.id);
      return {
        text: q.text,
        forecast: mayReadAnswers ? (forecast[q.id] ?? '') : null,
        gap: g?.gap ?? null,
        missed: mayReadAnswers ? (g?.missed ?? []) : null,
      };
    }),
  };
  return { heard, threshold };
}

/** The repair's events on one time axis: what the leader did, when. Only days, and only the leader's acts. */
async function eventsOf(
  deps: Deps,
  repair: RepairRow,
  commitments: CommitmentsView,
): Promise<RecoveryEvent[]> {
  const events: RecoveryEvent[] = [
    { on: repair.created_at.slice(0, 10), kind: 'opened', label: 'Repair opened' },
  ];
  const round = await deps.db
    .selectFrom('rounds')
    .select('opened_on')
    .where('repair_id', '=', repair.id)
    .executeTakeFirst();
  if (round?.opened_on)
    events.push({ on: round.opened_on, kind: 'round_sent', label: 'Listening round sent' });
  const messages = await deps.db
    .selectFrom('messages')
    .select('published_at')
    .where('repair_id', '=', repair.id)
    .orderBy('published_at')
    .execute();
  for (const [i, m] of messages.entries())
    events.push({
      on: m.published_at.slice(0, 10),
      kind: 'response_published',
      label: i === 0 ? 'Response published' : 'Follow-up message published',
    });
  for (const c of commitments.commitments) {
    events.push({
      on: c.startsOn,
      kind: 'commitment_started',
      label: `Commitment started: ${clip(c.action)}`,
    });
    if (c.retired)
      events.push({
        on: c.retired.at.slice(0, 10),
        kind: 'commitment_retired',
        label: `Commitment retired: ${clip(c.action)}`,
      });
    for (const o of c.occurrences)
      if (o.status === 'missed')
        events.push({ on: o.localDate, kind: 'missed', label: `Missed: ${clip(c.action)}` });
  }
  return events.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/**
 * The story of a repair on one page: the breach, what was heard against the forecast, the themes and the
 * commitments answering them, the reliability record, and the pulse trend with the repair's events.
 * Every number passes its threshold in core; facilitators get no words from answers or comments.
 */
export async function getRecoveryView(deps: Deps, actor: Actor, repairId: string): Promise<RecoveryView> {
  const repair = await loadRepairRow(deps.db, actor, repairId);
  const mayReadAnswers = policies.readAnswers(actor, { leaderId: repair.leader_id });
  const commitments = await getCommitmentsView(deps, actor, repairId);
  const { heard, threshold } = await heardOf(deps, repair, mayReadAnswers);
  const pulse = await pulseTrend(deps.db, {
    teamId: repair.team_id,
    since: repair.created_at.slice(0, 10),
    k: threshold,
    withComments: mayReadAnswers,
    today: deps.now().toISOString().slice(0, 10),
  });
  return {
    repair: {
      id: repair.id,
      title: repair.title,
      description: repair.description,
      team: { id: repair.team_id, name: repair.teamName },
      leader: { id: repair.leader_id, name: repair.leaderName },
      stage: repair.stage,
      breachKinds: JSON.parse(repair.breach_kinds),
      createdAt: repair.created_at,
    },
    threshold,
    heard,
    commitments,
    pulse,
    events: await eventsOf(deps, repair, commitments),
    generatedAt: deps.now().toISOString(),
  };
}
