import type { Role } from '@kintsugi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  type TestAccount,
  type TestOrganization,
} from '../test/factories.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import { openRepair } from '../use-cases/repairs/create-repair.js';

type Caller = 'admin' | 'repairLeader' | 'otherLeader' | 'idleLeader' | 'facilitator' | 'member';

const NONE = {
  readPeople: false,
  managePeople: false,
  manageTeams: false,
  manageOrganization: false,
  readOverview: false,
  readAllTeams: false,
  readAllRepairs: false,
  openRepairAnywhere: false,
  openRepair: false,
  leadRepairs: false,
};

/**
 * Each response says what its caller may do, decided by the same policies that refuse the act: the web app shows
 * only these actions. `null` is "not found": the caller may not see the resource at all.
 */
describe.each(ENGINES)('abilities on responses (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let callers: Record<Caller, TestAccount>;
  let repairId: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Abilities');
    const account = (role: Role, name: string) => createAccount(app, org.id, role, `${name}.abilities`);
    const otherLeader = await account('leader', 'other');
    const idleLeader = await account('leader', 'idle');
    // The other leader leads the organisation's second team; the idle leader leads none.
    await app.deps.db
      .updateTable('teams')
      .set({ leader_id: otherLeader.actor.personId })
      .where('id', '=', org.otherTeamId)
      .execute();
    callers = {
      admin: org.admin,
      repairLeader: org.leader,
      otherLeader,
      idleLeader,
      facilitator: org.facilitator,
      member: org.member,
    };
    const repair = await openRepair(app.deps, org.leader.actor, {
      teamId: org.teamId,
      title: 'Abilities',
      description: 'What happened.',
      breachKinds: ['voice'],
    });
    repairId = repair.id;
  });
  afterAll(() => app.close());

  async function abilitiesAt(caller: Caller, url: string): Promise<unknown> {
    const res = await request(app, { method: 'GET', url, as: { token: callers[caller].token } });
    if (res.statusCode === 404) return null;
    expect(res.statusCode, res.body).toBe(200);
    return res.json().abilities;
  }

  it.each<[Caller, unknown]>([
    ['admin', { manage: true, readAnswers: true }],
    ['repairLeader', { manage: true, readAnswers: true }],
    ['otherLeader', null],
    ['facilitator', { manage: false, readAnswers: false }],
    ['member', null],
  ])('on a repair, for %s', async (caller, expected) => {
    expect(await abilitiesAt(caller, `/api/v1/repairs/${repairId}`)).toEqual(expected);
  });

  it.each<[Caller, unknown]>([
    ['admin', { manage: true, openRepair: true, managePulse: true }],
    ['repairLeader', { manage: false, openRepair: true, managePulse: true }],
    ['otherLeader', null],
    ['facilitator', { manage: false, openRepair: false, managePulse: false }],
    ['member', { manage: false, openRepair: false, managePulse: false }],
  ])("on the repair's team, for %s", async (caller, expected) => {
    expect(await abilitiesAt(caller, `/api/v1/teams/${org.teamId}`)).toEqual(expected);
  });

  it('on the team another leader leads, for that leader', async () => {
    expect(await abilitiesAt('otherLeader', `/api/v1/teams/${org.otherTeamId}`)).toEqual({
      manage: false,
      openRepair: true,
      managePulse: true,
    });
  });

  it.each<[Caller, Record<string, boolean>]>([
    ['admin', { team: true, other: true }],
    ['repairLeader', { team: true }],
    ['otherLeader', { other: true }],
    ['facilitator', { team: false, other: false }],
    ['member', { team: false }],
  ])('on the list of teams, whether %s may open a repair for each', async (caller, expected) => {
    const res = await request(app, {
      method: 'GET',
      url: '/api/v1/teams',
      as: { token: callers[caller].token },
    });
    const teams: { id: string; abilities: { openRepair: boolean } }[] = res.json().teams;
    const key = (id: string) => (id === org.teamId ? 'team' : 'other');
    expect(Object.fromEntries(teams.map((t) => [key(t.id), t.abilities.openRepair]))).toEqual(expected);
  });

  it.each<[Caller, unknown]>([
    ['admin', { manage: true }],
    ['repairLeader', { manage: true }],
    ['otherLeader', null],
    ['facilitator', { manage: false }],
    ['member', null],
  ])("on the team's pulse, for %s", async (caller, expected) => {
    expect(await abilitiesAt(caller, `/api/v1/teams/${org.teamId}/pulse`)).toEqual(expected);
  });

  it.each<[Caller, unknown]>([
    [
      'admin',
      {
        readPeople: true,
        managePeople: true,
        manageTeams: true,
        manageOrganization: true,
        readOverview: true,
        readAllTeams: true,
        readAllRepairs: true,
        openRepairAnywhere: true,
        openRepair: true,
        leadRepairs: true,
      },
    ],
    ['repairLeader', { ...NONE, openRepair: true, leadRepairs: true }],
    ['otherLeader', { ...NONE, openRepair: true, leadRepairs: true }],
    // A leader who leads no team has nowhere to open a repair.
    ['idleLeader', { ...NONE, leadRepairs: true }],
    ['facilitator', { ...NONE, readOverview: true, readAllTeams: true, readAllRepairs: true }],
    ['member', NONE],
  ])('on the session, for %s', async (caller, expected) => {
    expect(await abilitiesAt(caller, '/api/v1/session')).toEqual(expected);
  });
});
