import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createTeamWithMembers, type TestOrganization } from '../test/factories.js';
import { createTestApp, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import { openRepair } from '../use-cases/repairs/create-repair.js';
import { BASELINES_PER_RUN, openBaselinePulses } from './pulse-jobs.js';

describe.each(ENGINES)('baseline pulses (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;

  /** A team of three led by the organisation's leader, with a repair just opened. */
  async function teamWithRepair(label: string) {
    const teamId = await createTeamWithMembers(app, org, 3, `burst-${label}`);
    await openRepair(app.deps, org.leader.actor, {
      teamId,
      title: `Repair ${label}`,
      description: 'What happened.',
      breachKinds: ['voice'],
    });
    return teamId;
  }

  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Burst');
  });
  afterAll(() => app.close());

  it('spreads a burst of new repairs over several runs, one baseline per team, and never twice', async () => {
    const teams = [];
    for (let i = 0; i < BASELINES_PER_RUN + 2; i++) teams.push(await teamWithRepair(String(i)));
    // A second repair in the first team shares its baseline.
    await openRepair(app.deps, org.leader.actor, {
      teamId: teams[0] ?? '',
      title: 'Another repair',
      description: 'Something else happened.',
      breachKinds: ['care'],
    });
    expect(await openBaselinePulses(app.deps)).toBe(BASELINES_PER_RUN);
    expect(await openBaselinePulses(app.deps)).toBe(2);
    expect(await openBaselinePulses(app.deps)).toBe(0);
    const pulses = await app.deps.db
      .selectFrom('pulses')
      .select(['team_id', 'kind'])
      .where('team_id', 'in', teams)
      .execute();
    expect(pulses).toHaveLength(teams.length);
    expect(new Set(pulses.map((p) => p.team_id)).size).toBe(teams.length);
    expect(pulses.every((p) => p.kind === 'baseline')).toBe(true);
  });
});
