import { publishMessage } from '../use-cases/commitments/messages.js';
import { closeRound } from '../use-cases/repairs/round-links.js';
import { createTheme } from '../use-cases/repairs/themes.js';
import type { TestOrganization } from './factories.js';
import { openRoundWithTeam } from './listening-factory.js';
import type { TestApp } from './test-app.js';

export interface CommittingRepair {
  repairId: string;
  themeId: string;
  /** The affected people, for team links. */
  people: { personId: string; name: string }[];
}

/**
 * A repair of a new team of `size` led by the organisation's leader, at the committing stage: its round closed
 * (nobody answered), a message published and one theme, all at the app's clock.
 */
export async function committingRepair(
  app: TestApp,
  org: TestOrganization,
  size = 3,
  label?: string,
): Promise<CommittingRepair> {
  const leader = org.leader.actor;
  const round = await openRoundWithTeam(app, org, size, label);
  await closeRound(app.deps, leader, round.repairId);
  await publishMessage(app.deps, leader, round.repairId, 'I moved you without asking. That was mine.');
  const theme = await createTheme(app.deps, leader, round.repairId, {
    name: 'Asked first',
    need: 'To be asked before our work changes',
    acknowledgement: 'I did not ask.',
    answerIds: [],
  });
  return {
    repairId: round.repairId,
    themeId: theme.id,
    people: round.links.map((l) => ({ personId: l.personId, name: l.name })),
  };
}
