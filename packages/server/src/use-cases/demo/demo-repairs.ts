import { CURRENT_PULSE_VERSION, pulseItemSet } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { replyInThread } from '../ballots/answer-thread.js';
import type { Deps } from '../deps.js';
import { openPulse } from '../pulses/open-pulse.js';
import { setPulseCadence } from '../pulses/pulse-settings.js';
import { askFollowUp, getAnswersView } from '../repairs/answers-view.js';
import { openRepair } from '../repairs/create-repair.js';
import { openRound } from '../repairs/open-round.js';
import { saveForecast } from '../repairs/round-draft.js';
import { closeRound } from '../repairs/round-links.js';
import { createTheme } from '../repairs/themes.js';
import { answerFromLink } from './demo-ballot.js';
import { createDemoClinicalRepair } from './demo-clinical.js';
import { createDemoDemonstration, type DemoDemonstrationSummary, demoClock } from './demo-commitments.js';
import { withLinkInbox } from './demo-links.js';
import { DATA_PLATFORM_ARC } from './demo-pulse-data.js';
import { answerPulseFromLink, createDemoPulses, type DemoPulsesSummary } from './demo-pulses.js';
import { LISTENING_REPAIR, REVEALED_REPAIR } from './demo-repair-data.js';

export interface DemoRepairsSummary {
  listening: { team: string; title: string; invited: number; answered: number };
  revealed: { team: string; title: string; invited: number; answered: number; themes: number };
  /** The revealed repair, answered with commitments and a few months of keeping them. */
  demonstrating: { team: string; title: string } & DemoDemonstrationSummary;
  /** Heard months ago; one theme answered, one still waiting for a commitment. */
  committing: { team: string; title: string; coverage: string };
  /** Each team's pulse history since its repair opened. */
  pulses: DemoPulsesSummary[];
}

const DAY = 86_400_000;
/** How long ago the Data Platform repair began: a year of demonstration and pulses. */
const HISTORY_DAYS = 7 * DATA_PLATFORM_ARC.weeks;

export interface RepairData {
  team: string;
  leader: string;
  title: string;
  description: string;
  forecast: { impact: string; need: string; restore: string };
}

export async function leaderActor(deps: Deps, organizationId: string, email: string): Promise<Actor> {
  const person = await deps.db
    .selectFrom('people')
    .select(['id', 'user_id'])
    .where('organization_id', '=', organizationId)
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return {
    userId: person.user_id as string,
    personId: person.id,
    organizationId,
    role: 'leader',
    via: 'session',
    sessionId: null,
  };
}

/** Opens the repair, writes the forecast and sends the round; the mailer records the invitations. */
export async function sendRound(deps: Deps, organizationId: string, data: RepairData) {
  const leader = await leaderActor(deps, organizationId, data.leader);
  const team = await deps.db
    .selectFrom('teams')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('name', '=', data.team)
    .executeTakeFirstOrThrow();
  const repair = await openRepair(deps, leader, {
    teamId: team.id,
    title: data.title,
    description: data.description,
    breachKinds: ['voice'],
  });
  await saveForecast(deps, leader, repair.id, data.forecast);
  const inbox = withLinkInbox(deps);
  const { sent } = await openRound(inbox.deps, leader, repair.id);
  const emails = await deps.db
    .selectFrom('people')
    .select(['id', 'email'])
    .where(
      'id',
      'in',
      sent.map((p) => p.personId),
    )
    .execute();
  const emailOf = new Map(emails.map((p) => [p.id, p.email]));
  // In the order of the people's names, as the demo data lists their answers.
  const links = sent.map((p) => inbox.linkFor(emailOf.get(p.personId) ?? '', 'answer'));
  return { leader, repairId: repair.id, links };
}

export const asAnswers = (a: { impact: string; need: string; restore: string }) =>
  Object.entries(a).map(([questionId, text]) => ({ questionId, text }));

/**
 * A repair in its listening stage (a few answers in, below the threshold) and one that was heard months ago: its
 * answers revealed, themed, answered with commitments and demonstrated week after week since.
 */
export async function createDemoRepairs(deps: Deps, organizationId: string): Promise<DemoRepairsSummary> {
  const listening = await sendRound(deps, organizationId, LISTENING_REPAIR);
  for (const [i, answers] of LISTENING_REPAIR.answers.entries())
    await answerFromLink(deps, listening.links[i] as string, asAnswers(answers));
  // Its baseline pulse went out with the round; two have answered so far, so nothing is shown yet.
  const portal = await deps.db
    .selectFrom('repairs')
    .select('team_id')
    .where('id', '=', listening.repairId)
    .executeTakeFirstOrThrow();
  const baseline = await openPulse(deps, {
    teamId: portal.team_id,
    kind: 'baseline',
    repairId: listening.repairId,
  });
  for (const [i, link] of (baseline?.links ?? []).slice(0, 2).entries())
    await answerPulseFromLink(
      deps,
      link.url.split('#')[1] ?? '',
      pulseItemSet(CURRENT_PULSE_VERSION).items.map((item) => ({ itemId: item.id, value: 3 + (i % 2) })),
    );
  await setPulseCadence(deps, listening.leader, portal.team_id, 2);

  const data = REVEALED_REPAIR;
  const clock = demoClock(deps);
  const began = deps.now().getTime() - HISTORY_DAYS * DAY;
  const day = (n: number, hours = 0) => clock.set(new Date(began + n * DAY + hours * 3_600_000));
  day(0);
  const revealed = await sendRound(clock.deps, organizationId, data);
  const proofs = [];
  for (const [i, answers] of data.answers.entries()) {
    day(1 + i, 3);
    const name = i === data.namedIndex ? data.namedAs : undefined;
    proofs.push(await answerFromLink(clock.deps, revealed.links[i] as string, asAnswers(answers), name));
  }
  day(7);
  await closeRound(clock.deps, revealed.leader, revealed.repairId);

  const view = await getAnswersView(clock.deps, revealed.leader, revealed.repairId);
  const answerId = (person: number, question: keyof (typeof data.answers)[number]) => {
    const text = data.answers[person]?.[question];
    const found = view.questions.find((q) => q.id === question)?.answers?.find((a) => a.text === text);
    if (!found) throw new Error(`demo answer not revealed: ${person}/${question}`);
    return found.id;
  };
  const { followUp } = data;
  day(7, 2);
  await askFollowUp(
    clock.deps,
    revealed.leader,
    revealed.repairId,
    answerId(followUp.onAnswer, followUp.question),
    followUp.ask,
  );
  day(8);
  await replyInThread(clock.deps, {
    ...(proofs[followUp.onAnswer] as (typeof proofs)[number]),
    questionId: followUp.question,
    text: followUp.reply,
  });
  day(9);
  const themeIds: string[] = [];
  for (const theme of data.themes) {
    const made = await createTheme(clock.deps, revealed.leader, revealed.repairId, {
      name: theme.name,
      need: theme.need,
      acknowledgement: theme.acknowledgement,
      answerIds: theme.answers.map(([person, question]) => answerId(person, question)),
    });
    themeIds.push(made.id);
  }
  const demonstrating = await createDemoDemonstration(
    clock,
    revealed.leader,
    revealed.repairId,
    themeIds,
    new Date(began + 11 * DAY),
  );
  const dataPlatform = await deps.db
    .selectFrom('repairs')
    .select('team_id')
    .where('id', '=', revealed.repairId)
    .executeTakeFirstOrThrow();
  const pulses = [
    await createDemoPulses(clock, revealed.leader, {
      teamId: dataPlatform.team_id,
      repairId: revealed.repairId,
      since: new Date(began),
      arc: DATA_PLATFORM_ARC,
      seed: 7,
    }),
  ];
  const clinical = await createDemoClinicalRepair(deps, organizationId);
  pulses.push(clinical.pulses);
  return {
    committing: { team: clinical.team, title: clinical.title, coverage: clinical.coverage },
    pulses,
    listening: {
      team: LISTENING_REPAIR.team,
      title: LISTENING_REPAIR.title,
      invited: listening.links.length,
      answered: LISTENING_REPAIR.answers.length,
    },
    revealed: {
      team: data.team,
      title: data.title,
      invited: revealed.links.length,
      answered: data.answers.length,
      themes: data.themes.length,
    },
    demonstrating: { team: data.team, title: data.title, ...demonstrating },
  };
}
