import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, snapshot, TEST_PASSWORD, type TestOrganization } from '../../test/factories.js';
import { createTestApp, type RequestOptions, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const NEW_PASSWORD = 'a fine new password';
type Person = {
  id: string;
  name: string;
  email: string;
  role: string;
  hasAccount: boolean;
  teamIds: string[];
};
let address = 0;

describe.each(ENGINES)('people routes (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let far: TestOrganization;
  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Ppl');
    far = await createOrganization(app, 'Far');
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (options: RequestOptions, token = org.admin.token) =>
    request(app, { ...options, as: { token } });
  /** Signs in from a fresh address each time, so the per-address login limit never interferes. */
  const login = (email: string, password: string) =>
    app.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: `10.1.0.${++address}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email, password }),
    });
  const createPerson = async (body: Record<string, unknown>, token = org.admin.token): Promise<Person> => {
    const res = await call({ method: 'POST', url: '/api/v1/people', body }, token);
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  describe('reading', () => {
    it('lists everyone in the organisation for an admin, with their teams', async () => {
      const res = await call({ method: 'GET', url: '/api/v1/people' });
      expect(res.statusCode).toBe(200);
      const people: Person[] = res.json().people;
      expect(people).toHaveLength(5);
      const byId = new Map(people.map((p) => [p.id, p]));
      expect(byId.get(org.member.actor.personId)).toMatchObject({
        role: 'member',
        hasAccount: true,
        teamIds: [org.teamId],
      });
      expect(byId.get(org.plainPersonId)).toMatchObject({
        hasAccount: false,
        teamIds: [org.teamId],
        email: 'plain.ppl@example.org',
      });
      expect(byId.get(org.leader.actor.personId)).toMatchObject({ role: 'leader', teamIds: [] });
      expect(byId.get(org.admin.actor.personId)).toMatchObject({ role: 'admin', hasAccount: true });
      expect(res.body).not.toContain('Far');
      expect(res.body).not.toContain('password');
    });

    it('shows one person, and 404 for an unknown one or one of another organisation', async () => {
      const one = await call({ method: 'GET', url: `/api/v1/people/${org.plainPersonId}` });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({ id: org.plainPersonId, name: 'Plain Ppl', teamIds: [org.teamId] });
      for (const id of [UNKNOWN_ID, far.member.actor.personId]) {
        const res = await call({ method: 'GET', url: `/api/v1/people/${id}` });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('not_found');
      }
    });

    it.each(['leader', 'facilitator', 'member'] as const)(
      'refuses every people request by a %s with 403',
      async (role) => {
        const before = await snapshot(app);
        const requests: RequestOptions[] = [
          { method: 'GET', url: '/api/v1/people' },
          { method: 'GET', url: `/api/v1/people/${org.plainPersonId}` },
          { method: 'POST', url: '/api/v1/people', body: { name: 'Sneaky', email: 'sneaky@example.org' } },
          { method: 'PATCH', url: `/api/v1/people/${org.plainPersonId}`, body: { role: 'admin' } },
          { method: 'PATCH', url: `/api/v1/people/${org[role].actor.personId}`, body: { role: 'admin' } },
          { method: 'DELETE', url: `/api/v1/people/${org.plainPersonId}` },
          {
            method: 'POST',
            url: '/api/v1/people/import',
            body: 'name,email\nSneaky,sneaky@example.org\n',
            headers: { 'content-type': 'text/csv' },
          },
        ];
        for (const r of requests) {
          const res = await call(r, org[role].token);
          expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
          expect(res.json().code).toBe('forbidden');
          expect(res.json().detail).toMatch(/admins/i);
        }
        expect(await snapshot(app)).toEqual(before);
      },
    );
  });

  describe('adding', () => {
    it('adds a person without an account', async () => {
      const person = await createPerson({ name: '  Nora None ', email: ' Nora@Example.ORG ' });
      expect(person).toMatchObject({
        name: 'Nora None',
        email: 'nora@example.org',
        role: 'member',
        hasAccount: false,
        teamIds: [],
      });
      const users = await app.deps.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'nora@example.org')
        .execute();
      expect(users).toEqual([]);
      expect((await login('nora@example.org', TEST_PASSWORD)).statusCode).toBe(401);
    });

    it('adds a person with a password, who can then sign in', async () => {
      const person = await createPerson({
        name: 'Lou Lead',
        email: 'lou@example.org',
        role: 'leader',
        password: NEW_PASSWORD,
      });
      expect(person).toMatchObject({ role: 'leader', hasAccount: true });
      const user = await app.deps.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', 'lou@example.org')
        .executeTakeFirstOrThrow();
      expect(user.password_hash.startsWith('scrypt$')).toBe(true);
      expect(user.password_hash).not.toContain(NEW_PASSWORD);
      const res = await login('LOU@example.org', NEW_PASSWORD);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        role: 'leader',
        person: { id: person.id },
        organization: { id: org.id },
      });
    });

    it.each(['plain.ppl@example.org', 'PLAIN.Ppl@Example.org', 'member.ppl@example.org'])(
      'refuses the taken email %s with 409 email_taken',
      async (email) => {
        const before = await snapshot(app);
        for (const password of [undefined, NEW_PASSWORD]) {
          const res = await call({
            method: 'POST',
            url: '/api/v1/people',
            body: { name: 'Dup', email, password },
          });
          expect(res.statusCode).toBe(409);
          expect(res.json().code).toBe('email_taken');
          expect(res.json().errors).toEqual([{ path: 'email', message: expect.any(String) }]);
        }
        expect(await snapshot(app)).toEqual(before);
      },
    );

    it.each([
      ['a bad email', { name: 'X', email: 'x@' }, 'email'],
      ['a short password', { name: 'X', email: 'x@example.org', password: 'short' }, 'password'],
      ['an unknown role', { name: 'X', email: 'x@example.org', role: 'owner' }, 'role'],
      ['a missing name', { email: 'x@example.org' }, 'name'],
    ])('rejects %s with 400 invalid_input', async (_label, body, path) => {
      const before = await snapshot(app);
      const res = await call({ method: 'POST', url: '/api/v1/people', body });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('invalid_input');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await snapshot(app)).toEqual(before);
    });
  });

  describe('changing', () => {
    it('changes name, email and role; an account signs in with the new email', async () => {
      const person = await createPerson({ name: 'Max', email: 'max@example.org', password: NEW_PASSWORD });
      const res = await call({
        method: 'PATCH',
        url: `/api/v1/people/${person.id}`,
        body: { name: 'Max Mustermann', email: 'Max.M@Example.org', role: 'facilitator' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        name: 'Max Mustermann',
        email: 'max.m@example.org',
        role: 'facilitator',
        hasAccount: true,
      });
      const user = await app.deps.db
        .selectFrom('users as u')
        .innerJoin('people as p', 'p.user_id', 'u.id')
        .select(['u.email', 'u.name'])
        .where('p.id', '=', person.id)
        .executeTakeFirstOrThrow();
      expect(user).toEqual({ email: 'max.m@example.org', name: 'Max Mustermann' });
      expect((await login('max@example.org', NEW_PASSWORD)).statusCode).toBe(401);
      const signedIn = await login('max.m@example.org', NEW_PASSWORD);
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json().role).toBe('facilitator');
    });

    it('refuses an email someone else has, in any case, with 409 email_taken', async () => {
      const before = await snapshot(app);
      for (const id of [org.plainPersonId, org.member.actor.personId]) {
        const res = await call({
          method: 'PATCH',
          url: `/api/v1/people/${id}`,
          body: { email: 'LEADER.ppl@example.org' },
        });
        expect(res.statusCode).toBe(409);
        expect(res.json().code).toBe('email_taken');
      }
      expect(await snapshot(app)).toEqual(before);
    });

    it('rejects an empty body with 400 and answers 404 for a person of another organisation', async () => {
      const empty = await call({ method: 'PATCH', url: `/api/v1/people/${org.plainPersonId}`, body: {} });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().code).toBe('invalid_input');
      expect(empty.json().detail).toMatch(/name, email, role/);
      const before = await snapshot(app);
      const foreign = await call({
        method: 'PATCH',
        url: `/api/v1/people/${far.member.actor.personId}`,
        body: { name: 'Mine' },
      });
      expect(foreign.statusCode).toBe(404);
      expect(await snapshot(app)).toEqual(before);
    });

    it("refuses to make a team's leader a member with 409 conflict naming the team", async () => {
      const before = await snapshot(app);
      const res = await call({
        method: 'PATCH',
        url: `/api/v1/people/${org.leader.actor.personId}`,
        body: { role: 'member' },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('conflict');
      expect(res.json().detail).toContain('Ppl Team');
      expect(await snapshot(app)).toEqual(before);
      // Making them an admin is fine: admins may lead.
      const admin = await call({
        method: 'PATCH',
        url: `/api/v1/people/${org.leader.actor.personId}`,
        body: { role: 'admin' },
      });
      expect(admin.statusCode).toBe(200);
      const back = await call({
        method: 'PATCH',
        url: `/api/v1/people/${org.leader.actor.personId}`,
        body: { role: 'leader' },
      });
      expect(back.statusCode).toBe(200);
    });

    it('refuses to remove yourself with 409 cannot_remove_self', async () => {
      const before = await snapshot(app);
      const res = await call({ method: 'DELETE', url: `/api/v1/people/${org.admin.actor.personId}` });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('cannot_remove_self');
      expect(await snapshot(app)).toEqual(before);
    });
  });

  describe('the last admin', () => {
    let solo: TestOrganization;
    beforeAll(async () => {
      solo = await createOrganization(app, 'Solo');
    });
    const demote = (personId: string, token: string) =>
      call({ method: 'PATCH', url: `/api/v1/people/${personId}`, body: { role: 'leader' } }, token);

    it('cannot demote themselves, even with an admin person who has no account', async () => {
      await createPerson(
        { name: 'Paper Admin', email: 'paper.admin@example.org', role: 'admin' },
        solo.admin.token,
      );
      const before = await snapshot(app);
      const res = await demote(solo.admin.actor.personId, solo.admin.token);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('last_admin');
      expect(res.json().detail).toMatch(/last admin/);
      expect(await snapshot(app)).toEqual(before);
    });

    it('can step down once another admin with an account exists; that one then cannot', async () => {
      const second = await createPerson(
        { name: 'Second Admin', email: 'second.admin@example.org', role: 'admin', password: NEW_PASSWORD },
        solo.admin.token,
      );
      const res = await demote(solo.admin.actor.personId, solo.admin.token);
      expect(res.statusCode).toBe(200);
      expect(res.json().role).toBe('leader');
      // The first admin's token now carries the leader role.
      expect((await call({ method: 'GET', url: '/api/v1/people' }, solo.admin.token)).statusCode).toBe(403);

      const session = await login('second.admin@example.org', NEW_PASSWORD);
      const auth = { cookie: session.cookies[0]?.value ?? '', csrfToken: session.json().csrfToken };
      const self = await request(app, {
        method: 'PATCH',
        url: `/api/v1/people/${second.id}`,
        body: { role: 'member' },
        as: auth,
      });
      expect(self.statusCode).toBe(409);
      expect(self.json().code).toBe('last_admin');
    });
  });

  describe('removing', () => {
    let gone: TestOrganization;
    beforeAll(async () => {
      gone = await createOrganization(app, 'Gone');
    });

    it('removes a leader: clears the leadership and deletes the account, sessions and tokens', async () => {
      const session = await login(gone.leader.email, TEST_PASSWORD);
      expect(session.statusCode).toBe(200);
      const { userId, personId } = gone.leader.actor;
      const res = await call({ method: 'DELETE', url: `/api/v1/people/${personId}` }, gone.admin.token);
      expect(res.statusCode).toBe(204);
      const { db } = app.deps;
      expect(await db.selectFrom('people').select('id').where('id', '=', personId).execute()).toEqual([]);
      expect(await db.selectFrom('users').select('id').where('id', '=', userId).execute()).toEqual([]);
      expect(await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).toEqual(
        [],
      );
      expect(await db.selectFrom('api_tokens').select('id').where('user_id', '=', userId).execute()).toEqual(
        [],
      );
      const team = await db
        .selectFrom('teams')
        .select('leader_id')
        .where('id', '=', gone.teamId)
        .executeTakeFirstOrThrow();
      expect(team.leader_id).toBeNull();
      expect(
        (await request(app, { method: 'GET', url: '/api/v1/session', as: { token: gone.leader.token } }))
          .statusCode,
      ).toBe(401);
      expect((await login(gone.leader.email, TEST_PASSWORD)).statusCode).toBe(401);
      // Everyone else is untouched.
      expect(
        (await call({ method: 'GET', url: '/api/v1/people' }, gone.admin.token)).json().people,
      ).toHaveLength(4);
    });

    it('removes a member and their memberships; the team stays', async () => {
      const res = await call(
        { method: 'DELETE', url: `/api/v1/people/${gone.plainPersonId}` },
        gone.admin.token,
      );
      expect(res.statusCode).toBe(204);
      const members = await app.deps.db
        .selectFrom('team_members')
        .select('person_id')
        .where('team_id', '=', gone.teamId)
        .execute();
      expect(members.map((m) => m.person_id)).toEqual([gone.member.actor.personId]);
      const team = await call({ method: 'GET', url: `/api/v1/teams/${gone.teamId}` }, gone.admin.token);
      expect(team.json().memberCount).toBe(1);
    });

    it('answers 404 for an unknown person or one of another organisation', async () => {
      const before = await snapshot(app);
      for (const id of [UNKNOWN_ID, org.member.actor.personId]) {
        const res = await call({ method: 'DELETE', url: `/api/v1/people/${id}` }, gone.admin.token);
        expect(res.statusCode).toBe(404);
      }
      expect(await snapshot(app)).toEqual(before);
    });
  });
});
