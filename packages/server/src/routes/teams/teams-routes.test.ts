import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, snapshot, type TestOrganization } from '../../test/factories.js';
import { createTestApp, type RequestOptions, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
type Summary = { id: string; name: string; leader: { id: string; name: string } | null; memberCount: number };

describe.each(ENGINES)('team routes (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let far: TestOrganization;
  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Team');
    far = await createOrganization(app, 'Far');
  });
  afterAll(async () => {
    await app.close();
  });

  const as = (token: string) => ({ as: { token } });
  const call = (options: RequestOptions) => request(app, options);
  const admin = () => as(org.admin.token);
  const membersOf = async (teamId: string) =>
    (await app.deps.db.selectFrom('team_members').select('person_id').where('team_id', '=', teamId).execute())
      .map((m) => m.person_id)
      .sort();

  describe('reading', () => {
    it.each(['admin', 'facilitator'] as const)(
      'lists every team of the organisation for a %s',
      async (role) => {
        const res = await call({ method: 'GET', url: '/api/v1/teams', ...as(org[role].token) });
        expect(res.statusCode).toBe(200);
        const teams: Summary[] = res.json().teams;
        expect(teams.map((t) => t.name)).toEqual(['Team Other', 'Team Team']);
        const team = teams.find((t) => t.id === org.teamId);
        expect(team).toMatchObject({
          memberCount: 2,
          leader: { id: org.leader.actor.personId, name: 'Test leader.team' },
        });
        expect(teams.find((t) => t.id === org.otherTeamId)).toMatchObject({ memberCount: 0, leader: null });
      },
    );

    it.each(['leader', 'member'] as const)('lists only their own teams for a %s', async (role) => {
      const res = await call({ method: 'GET', url: '/api/v1/teams', ...as(org[role].token) });
      expect(res.statusCode).toBe(200);
      expect(res.json().teams.map((t: Summary) => t.id)).toEqual([org.teamId]);
    });

    it('never lists the teams of another organisation', async () => {
      const res = await call({ method: 'GET', url: '/api/v1/teams', ...as(far.facilitator.token) });
      expect(res.json().teams.map((t: Summary) => t.name)).toEqual(['Far Other', 'Far Team']);
      const lonely = await call({ method: 'GET', url: '/api/v1/teams', ...as(org.admin.token) });
      expect(lonely.json().teams.some((t: Summary) => t.name.startsWith('Far'))).toBe(false);
    });

    it.each(['admin', 'facilitator', 'leader', 'member'] as const)(
      'shows the team with its members to a %s',
      async (role) => {
        const res = await call({ method: 'GET', url: `/api/v1/teams/${org.teamId}`, ...as(org[role].token) });
        expect(res.statusCode).toBe(200);
        const team = res.json();
        expect(team).toMatchObject({ id: org.teamId, name: 'Team Team', memberCount: 2 });
        expect(team.members.map((m: { id: string }) => m.id).sort()).toEqual(
          [org.member.actor.personId, org.plainPersonId].sort(),
        );
        expect(team.members.find((m: { id: string }) => m.id === org.plainPersonId).email).toBe(
          'plain.team@example.org',
        );
      },
    );

    it.each([
      ['a leader outside it', 'leader'],
      ['a member outside it', 'member'],
    ] as const)('answers 404, as for an unknown id, to %s', async (_label, role) => {
      const hidden = await call({
        method: 'GET',
        url: `/api/v1/teams/${org.otherTeamId}`,
        ...as(org[role].token),
      });
      const unknown = await call({
        method: 'GET',
        url: `/api/v1/teams/${UNKNOWN_ID}`,
        ...as(org[role].token),
      });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().code).toBe('not_found');
      expect(hidden.body).toBe(unknown.body);
      expect(hidden.body).not.toContain('Team Other');
    });

    it('answers 404 for a team of another organisation, even to its admin', async () => {
      const res = await call({ method: 'GET', url: `/api/v1/teams/${far.teamId}`, ...admin() });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Far Team');
    });

    it('answers 400 for a malformed id and 401 without credentials', async () => {
      const bad = await call({ method: 'GET', url: '/api/v1/teams/not-an-id', ...admin() });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('invalid_input');
      expect((await call({ method: 'GET', url: '/api/v1/teams' })).statusCode).toBe(401);
      expect((await call({ method: 'GET', url: `/api/v1/teams/${org.teamId}` })).statusCode).toBe(401);
    });
  });

  describe('creating', () => {
    it('creates a team with a leader and members (201)', async () => {
      const res = await call({
        method: 'POST',
        url: '/api/v1/teams',
        body: {
          name: 'Platform',
          leaderId: org.leader.actor.personId,
          memberIds: [org.member.actor.personId, org.plainPersonId, org.member.actor.personId],
        },
        ...admin(),
      });
      expect(res.statusCode).toBe(201);
      const team = res.json();
      expect(team).toMatchObject({
        name: 'Platform',
        leader: { id: org.leader.actor.personId },
        memberCount: 2,
      });
      expect(team.members.map((m: { id: string }) => m.id).sort()).toEqual(
        [org.member.actor.personId, org.plainPersonId].sort(),
      );
      expect(await membersOf(team.id)).toEqual([org.member.actor.personId, org.plainPersonId].sort());
      const row = await app.deps.db
        .selectFrom('teams')
        .selectAll()
        .where('id', '=', team.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        organization_id: org.id,
        name_key: 'platform',
        leader_id: org.leader.actor.personId,
      });
    });

    it('creates a team with just a name', async () => {
      const res = await call({ method: 'POST', url: '/api/v1/teams', body: { name: 'Solo' }, ...admin() });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ name: 'Solo', leader: null, memberCount: 0, members: [] });
    });

    it.each([
      [
        'a leader whose role is member',
        () => ({ name: 'X1', leaderId: org.member.actor.personId }),
        'leaderId',
        /make them a leader/,
      ],
      [
        'a leader from another organisation',
        () => ({ name: 'X2', leaderId: far.leader.actor.personId }),
        'leaderId',
        /in your organisation/,
      ],
      ['an unknown leader', () => ({ name: 'X3', leaderId: UNKNOWN_ID }), 'leaderId', /in your organisation/],
      [
        'a member from another organisation',
        () => ({ name: 'X4', memberIds: [org.member.actor.personId, far.member.actor.personId] }),
        'memberIds',
        /not in your organisation/,
      ],
      ['an empty name', () => ({ name: '  ' }), 'name', /not valid/],
      ['a malformed member id', () => ({ name: 'X5', memberIds: ['nope'] }), 'memberIds.0', /not valid/],
    ])('rejects %s with 400 naming the field, creating nothing', async (_label, body, path, detail) => {
      const before = await snapshot(app);
      const res = await call({ method: 'POST', url: '/api/v1/teams', body: body(), ...admin() });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('invalid_input');
      expect(res.json().detail).toMatch(detail);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await snapshot(app)).toEqual(before);
    });

    it.each(['Team Team', 'TEAM TEAM', 'team team'])(
      'refuses the taken name "%s" with 409 team_name_taken',
      async (name) => {
        const before = await snapshot(app);
        const res = await call({ method: 'POST', url: '/api/v1/teams', body: { name }, ...admin() });
        expect(res.statusCode).toBe(409);
        expect(res.json().code).toBe('team_name_taken');
        expect(res.json().detail).toContain(name);
        expect(await snapshot(app)).toEqual(before);
      },
    );

    it('allows a name another organisation uses', async () => {
      const res = await call({
        method: 'POST',
        url: '/api/v1/teams',
        body: { name: 'Far Team' },
        ...admin(),
      });
      expect(res.statusCode).toBe(201);
    });
  });

  describe('changing', () => {
    let teamId = '';
    beforeAll(async () => {
      const res = await call({ method: 'POST', url: '/api/v1/teams', body: { name: 'Mobile' }, ...admin() });
      teamId = res.json().id;
    });

    it('renames, sets the leader, and unsets it with null', async () => {
      const renamed = await call({
        method: 'PATCH',
        url: `/api/v1/teams/${teamId}`,
        body: { name: 'Mobile Apps' },
        ...admin(),
      });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({ name: 'Mobile Apps', leader: null });

      const led = await call({
        method: 'PATCH',
        url: `/api/v1/teams/${teamId}`,
        body: { leaderId: org.admin.actor.personId },
        ...admin(),
      });
      expect(led.statusCode).toBe(200);
      expect(led.json()).toMatchObject({ name: 'Mobile Apps', leader: { id: org.admin.actor.personId } });

      const unset = await call({
        method: 'PATCH',
        url: `/api/v1/teams/${teamId}`,
        body: { leaderId: null },
        ...admin(),
      });
      expect(unset.statusCode).toBe(200);
      expect(unset.json().leader).toBeNull();
      const row = await app.deps.db
        .selectFrom('teams')
        .selectAll()
        .where('id', '=', teamId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ name: 'Mobile Apps', name_key: 'mobile apps', leader_id: null });
    });

    it('refuses a rename to a taken name in another case, a member-role leader, and an empty body', async () => {
      const before = await snapshot(app);
      const taken = await call({
        method: 'PATCH',
        url: `/api/v1/teams/${teamId}`,
        body: { name: 'team OTHER' },
        ...admin(),
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().code).toBe('team_name_taken');
      const member = await call({
        method: 'PATCH',
        url: `/api/v1/teams/${teamId}`,
        body: { leaderId: org.plainPersonId },
        ...admin(),
      });
      expect(member.statusCode).toBe(400);
      expect(member.json().errors[0].path).toBe('leaderId');
      const empty = await call({ method: 'PATCH', url: `/api/v1/teams/${teamId}`, body: {}, ...admin() });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().detail).toMatch(/name, leaderId/);
      expect(await snapshot(app)).toEqual(before);
    });

    it('keeps the same name in another case allowed for the team itself', async () => {
      const res = await call({
        method: 'PATCH',
        url: `/api/v1/teams/${teamId}`,
        body: { name: 'MOBILE apps' },
        ...admin(),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().name).toBe('MOBILE apps');
    });

    it('adds members idempotently and removes them', async () => {
      const url = `/api/v1/teams/${teamId}/members`;
      const first = await call({ method: 'POST', url, body: { personId: org.plainPersonId }, ...admin() });
      expect(first.statusCode).toBe(200);
      expect(first.json().members.map((m: { id: string }) => m.id)).toEqual([org.plainPersonId]);
      const again = await call({ method: 'POST', url, body: { personId: org.plainPersonId }, ...admin() });
      expect(again.statusCode).toBe(200);
      expect(again.json().memberCount).toBe(1);
      expect(await membersOf(teamId)).toEqual([org.plainPersonId]);

      const removed = await call({ method: 'DELETE', url: `${url}/${org.plainPersonId}`, ...admin() });
      expect(removed.statusCode).toBe(200);
      expect(removed.json().members).toEqual([]);
      expect(await membersOf(teamId)).toEqual([]);
      // The person stays in the organisation.
      expect(
        await app.deps.db.selectFrom('people').select('id').where('id', '=', org.plainPersonId).execute(),
      ).toHaveLength(1);

      const notMember = await call({ method: 'DELETE', url: `${url}/${org.plainPersonId}`, ...admin() });
      expect(notMember.statusCode).toBe(404);
      expect(notMember.json().code).toBe('not_found');
    });

    it('refuses to add a person of another organisation or an unknown one', async () => {
      const before = await snapshot(app);
      for (const personId of [far.member.actor.personId, UNKNOWN_ID]) {
        const res = await call({
          method: 'POST',
          url: `/api/v1/teams/${teamId}/members`,
          body: { personId },
          ...admin(),
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().errors[0].path).toBe('personId');
      }
      expect(await snapshot(app)).toEqual(before);
    });

    it('answers 404 when changing a team of another organisation', async () => {
      const before = await snapshot(app);
      const res = await call({
        method: 'PATCH',
        url: `/api/v1/teams/${far.teamId}`,
        body: { name: 'Mine now' },
        ...admin(),
      });
      expect(res.statusCode).toBe(404);
      const del = await call({ method: 'DELETE', url: `/api/v1/teams/${far.teamId}`, ...admin() });
      expect(del.statusCode).toBe(404);
      expect(await snapshot(app)).toEqual(before);
    });

    it('deletes a team and its memberships but keeps its people', async () => {
      const created = await call({
        method: 'POST',
        url: '/api/v1/teams',
        body: {
          name: 'Doomed',
          leaderId: org.leader.actor.personId,
          memberIds: [org.member.actor.personId, org.plainPersonId],
        },
        ...admin(),
      });
      const id = created.json().id;
      const people = await app.deps.db.selectFrom('people').select('id').execute();
      const res = await call({ method: 'DELETE', url: `/api/v1/teams/${id}`, ...admin() });
      expect(res.statusCode).toBe(204);
      expect(await app.deps.db.selectFrom('teams').select('id').where('id', '=', id).execute()).toEqual([]);
      expect(await membersOf(id)).toEqual([]);
      expect(await app.deps.db.selectFrom('people').select('id').execute()).toHaveLength(people.length);
      // Other teams keep their members.
      expect(await membersOf(org.teamId)).toEqual([org.member.actor.personId, org.plainPersonId].sort());
      expect((await call({ method: 'GET', url: `/api/v1/teams/${id}`, ...admin() })).statusCode).toBe(404);
    });
  });

  describe('non-admins', () => {
    const writes = (): RequestOptions[] => [
      { method: 'POST', url: '/api/v1/teams', body: { name: 'Shadow team' } },
      { method: 'PATCH', url: `/api/v1/teams/${org.teamId}`, body: { name: 'Renamed' } },
      { method: 'PATCH', url: `/api/v1/teams/${org.teamId}`, body: { leaderId: null } },
      { method: 'DELETE', url: `/api/v1/teams/${org.teamId}` },
      {
        method: 'POST',
        url: `/api/v1/teams/${org.teamId}/members`,
        body: { personId: org.facilitator.actor.personId },
      },
      { method: 'DELETE', url: `/api/v1/teams/${org.teamId}/members/${org.member.actor.personId}` },
    ];

    it.each(['leader', 'facilitator', 'member'] as const)(
      'refuses every team write by a %s with 403',
      async (role) => {
        const before = await snapshot(app);
        for (const write of writes()) {
          const res = await call({ ...write, ...as(org[role].token) });
          expect(res.statusCode, `${write.method} ${write.url}`).toBe(403);
          expect(res.json().code).toBe('forbidden');
          expect(res.json().detail).toMatch(/admins/);
        }
        expect(await snapshot(app)).toEqual(before);
      },
    );
  });
});
