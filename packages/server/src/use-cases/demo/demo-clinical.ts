import { getCommitmentsView } from '../commitments/commitments-view.js';
import { createCommitment, recordOccurrence } from '../commitments/manage-commitments.js';
import { publishMessage } from '../commitments/messages.js';
import type { Deps } from '../deps.js';
import { getAnswersView } from '../repairs/answers-view.js';
import { closeRound } from '../repairs/round-links.js';
import { createTheme } from '../repairs/themes.js';
import { answerFromLink } from './demo-ballot.js';
import { CLINICAL_REPAIR } from './demo-clinical-data.js';
import { demoClock } from './demo-commitments.js';
import { CLINICAL_ARC } from './demo-pulse-data.js';
import { createDemoPulses, type DemoPulsesSummary } from './demo-pulses.js';
import { asAnswers, sendRound } from './demo-repairs.js';

const DAY = 86_400_000;

/**
 * Clinical Support's repair, opened half a year ago: heard, themed, a response published and one commitment made;
 * the second theme is still unanswered, so the repair waits in its committing stage. Its pulses are pooled (a
 * team of four is too small to show each pulse on its own).
 */
export async function createDemoClinicalRepair(
  deps: Deps,
  organizationId: string,
): Promise<{ team: string; title: string; coverage: string; pulses: DemoPulsesSummary }> {
  const data = CLINICAL_REPAIR;
  const clock = demoClock(deps);
  const began = deps.now().getTime() - CLINICAL_ARC.weeks * 7 * DAY;
  const day = (n: number, hours = 9) => clock.set(new Date(began + n * DAY + hours * 3_600_000));
  day(0);
  const round = await sendRound(clock.deps, organizationId, data);
  for (const [i, answers] of data.answers.entries()) {
    day(1 + i);
    await answerFromLink(clock.deps, round.links[i] as string, asAnswers(answers));
  }
  day(7);
  await closeRound(clock.deps, round.leader, round.repairId);
  const view = await getAnswersView(clock.deps, round.leader, round.repairId);
  const answerId = (person: number, question: 'impact' | 'need' | 'restore') => {
    const text = data.answers[person]?.[question];
    const found = view.questions.find((q) => q.id === question)?.answers?.find((a) => a.text === text);
    if (!found) throw new Error(`demo answer not revealed: ${person}/${question}`);
    return found.id;
  };
  day(8);
  const themeIds: string[] = [];
  for (const theme of data.themes) {
    const made = await createTheme(clock.deps, round.leader, round.repairId, {
      name: theme.name,
      need: theme.need,
      acknowledgement: theme.acknowledgement,
      answerIds: theme.answers.map(([person, question]) => answerId(person, question)),
    });
    themeIds.push(made.id);
  }
  day(12);
  await publishMessage(clock.deps, round.leader, round.repairId, data.response);
  day(12, 10);
  const c = data.commitment;
  const commitment = await createCommitment(clock.deps, round.leader, round.repairId, {
    action: c.action,
    evidence: c.evidence,
    schedule: c.schedule,
    startsOn: new Date(began + 14 * DAY).toISOString().slice(0, 10),
    themeIds: [themeIds[c.theme] as string],
  });
  // Grace records most Fridays a little after the huddle; two she missed, and owned.
  clock.reset();
  const settled = (
    await getCommitmentsView(deps, round.leader, round.repairId)
  ).commitments[0]?.occurrences.filter((o) => o.status === 'missed' && o.id === null);
  for (const [i, o] of (settled ?? []).entries()) {
    const missed = i === 9 || i === 15;
    clock.set(new Date(Date.parse(o.dueAt) + (missed ? 26 : 1) * 3_600_000));
    await recordOccurrence(clock.deps, round.leader, round.repairId, commitment.id, {
      dueAt: o.dueAt,
      status: missed ? 'missed' : 'kept',
      note: missed
        ? 'I skipped the list this Friday because the huddle ran late. That was my choice; I went through it on Monday.'
        : 'Went through my open promises in the huddle; the late ones have new dates in the notes.',
    });
  }
  clock.reset();
  const team = await deps.db
    .selectFrom('repairs')
    .select('team_id')
    .where('id', '=', round.repairId)
    .executeTakeFirstOrThrow();
  const pulses = await createDemoPulses(clock, round.leader, {
    teamId: team.team_id,
    repairId: round.repairId,
    // From the moment the repair opened (09:00 on its first day), so its baseline is not before it.
    since: new Date(began + 9 * 3_600_000),
    arc: CLINICAL_ARC,
    seed: 11,
  });
  return {
    team: data.team,
    title: data.title,
    coverage: `1 of ${data.themes.length} themes answered`,
    pulses,
  };
}
