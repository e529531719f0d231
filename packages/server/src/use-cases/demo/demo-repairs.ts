import type { Actor } from '../../auth/actor.js';
import { replyInThread } from '../ballots/answer-thread.js';
import type { Deps } from '../deps.js';
import { askFollowUp, getAnswersView } from '../repairs/answers-view.js';
import { openRepair } from '../repairs/create-repair.js';
import { openRound } from '../repairs/open-round.js';
import { saveForecast } from '../repairs/round-draft.js';
import { closeRound } from '../repairs/round-links.js';
import { createTheme } from '../repairs/themes.js';
import { answerFromLink } from './demo-ballot.js';
import { LISTENING_REPAIR, REVEALED_REPAIR } from './demo-repair-data.js';

export interface DemoRepairsSummary {
  listening: { team: string; title: string; invited: number; answered: number };
  revealed: { team: string; title: string; invited: number; answered: number; themes: number };
}

type RepairData = typeof LISTENING_REPAIR | typeof REVEALED_REPAIR;

async function leaderActor(deps: Deps, organizationId: string, email: string): Promise<Actor> {
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
async function sendRound(deps: Deps, organizationId: string, data: RepairData) {
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
  const { links } = await openRound(deps, leader, repair.id);
  return { leader, repairId: repair.id, links: links.map((l) => l.url.split('#')[1] ?? '') };
}

const asAnswers = (a: { impact: string; need: string; restore: string }) =>
  Object.entries(a).map(([questionId, text]) => ({ questionId, text }));

/** A repair in its listening stage (a few answers in, below the threshold) and one with revealed answers. */
export async function createDemoRepairs(deps: Deps, organizationId: string): Promise<DemoRepairsSummary> {
  const listening = await sendRound(deps, organizationId, LISTENING_REPAIR);
  for (const [i, answers] of LISTENING_REPAIR.answers.entries())
    await answerFromLink(deps, listening.links[i] as string, asAnswers(answers));

  const data = REVEALED_REPAIR;
  const revealed = await sendRound(deps, organizationId, data);
  const proofs = [];
  for (const [i, answers] of data.answers.entries()) {
    const name = i === data.namedIndex ? data.namedAs : undefined;
    proofs.push(await answerFromLink(deps, revealed.links[i] as string, asAnswers(answers), name));
  }
  await closeRound(deps, revealed.leader, revealed.repairId);

  const view = await getAnswersView(deps, revealed.leader, revealed.repairId);
  const answerId = (person: number, question: keyof (typeof data.answers)[number]) => {
    const text = data.answers[person]?.[question];
    const found = view.questions.find((q) => q.id === question)?.answers?.find((a) => a.text === text);
    if (!found) throw new Error(`demo answer not revealed: ${person}/${question}`);
    return found.id;
  };
  const { followUp } = data;
  await askFollowUp(
    deps,
    revealed.leader,
    revealed.repairId,
    answerId(followUp.onAnswer, followUp.question),
    followUp.ask,
  );
  await replyInThread(deps, {
    ...(proofs[followUp.onAnswer] as (typeof proofs)[number]),
    questionId: followUp.question,
    text: followUp.reply,
  });
  for (const theme of data.themes) {
    await createTheme(deps, revealed.leader, revealed.repairId, {
      name: theme.name,
      need: theme.need,
      acknowledgement: theme.acknowledgement,
      answerIds: theme.answers.map(([person, question]) => answerId(person, question)),
    });
  }
  return {
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
  };
}
