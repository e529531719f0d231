import type { Actor } from '../../auth/actor.js';
import { AppError } from '../../errors/app-error.js';
import type { Deps } from '../deps.js';
import { createPerson } from '../people/create-person.js';
import { setupOrganization } from '../setup/setup-organization.js';
import { createTeam } from '../teams/create-team.js';
import {
  DEMO_ADMIN,
  DEMO_FACILITATOR,
  DEMO_LEADERS,
  DEMO_ORGANIZATION,
  DEMO_PASSWORD,
  DEMO_TEAMS,
  demoEmail,
} from './demo-data.js';
import { createDemoRepairs, type DemoRepairsSummary } from './demo-repairs.js';

export interface DemoSummary {
  organization: string;
  signIn: { email: string; password: string; role: string }[];
  teams: number;
  people: number;
  repairs: DemoRepairsSummary;
}

/** Fills an empty database with the demo organisation, through the same use cases the API calls. */
export async function createDemoOrganization(deps: Deps): Promise<DemoSummary> {
  const existing = await deps.db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  if (existing) {
    throw new AppError(
      'already_set_up',
      'The database already holds an organisation; the demo fills only an empty one. Use a new DATA_DIR or DATABASE_URL.',
    );
  }
  const admin = await setupOrganization(deps, {
    organizationName: DEMO_ORGANIZATION,
    ...DEMO_ADMIN,
    password: DEMO_PASSWORD,
  });
  const actor: Actor = { ...admin, role: 'admin', via: 'session', sessionId: null };

  const leaderIds = new Map<string, string>();
  for (const leader of DEMO_LEADERS) {
    const person = await createPerson(deps, actor, { ...leader, role: 'leader', password: DEMO_PASSWORD });
    leaderIds.set(leader.email, person.id);
  }
  await createPerson(deps, actor, { ...DEMO_FACILITATOR, role: 'facilitator', password: DEMO_PASSWORD });

  let people = 2 + DEMO_LEADERS.length;
  for (const team of DEMO_TEAMS) {
    const memberIds: string[] = [];
    for (const name of team.members) {
      const person = await createPerson(deps, actor, { name, email: demoEmail(name), role: 'member' });
      memberIds.push(person.id);
      people++;
    }
    await createTeam(deps, actor, {
      name: team.name,
      leaderId: leaderIds.get(team.leader) ?? null,
      memberIds,
    });
  }
  const repairs = await createDemoRepairs(deps, admin.organizationId);
  return {
    organization: DEMO_ORGANIZATION,
    signIn: [
      { email: DEMO_ADMIN.email, password: DEMO_PASSWORD, role: 'admin' },
      ...DEMO_LEADERS.map((l) => ({ email: l.email, password: DEMO_PASSWORD, role: 'leader' })),
      { email: DEMO_FACILITATOR.email, password: DEMO_PASSWORD, role: 'facilitator' },
    ],
    teams: DEMO_TEAMS.length,
    people,
    repairs,
  };
}
