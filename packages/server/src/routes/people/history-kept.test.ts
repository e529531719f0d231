import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  createTeamWithMembers,
  snapshot,
  type TestOrganization,
} from '../../test/factories.js';
import { answerAll, obtainToken, openRoundWithTeam } from '../../test/listening-factory.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

// Teams, people and themes whose deletion would cascade a repair's or a pulse's history away are refused.
describe.each(ENGINES)('deleting what a history depends on (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let repairId = '';
  let teamId = '';
  let affectedId = '';
  let themeId = '';
  let clock = new Date('2026-03-02T10:00:00Z');
  const url = (path = '') => `/api/v1/repairs/${repairId}${path}`;
  const asLeader = () => ({ token: org.leader.token });
  const asAdmin = () => ({ token: org.admin.token });

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, 'Kept');
    const round = await openRoundWithTeam(app, org, 3, 'kept');
    repairId = round.repairId;
    affectedId = round.links[0]?.personId ?? '';
    for (const link of round.links)
      await answerAll(app, await obtainToken(app, link.secret), { impact: 'We were not asked first' });
    await request(app, { method: 'POST', url: url('/round/close'), as: asLeader() });
    const repair = (await request(app, { method: 'GET', url: url(), as: asLeader() })).json();
    teamId = repair.team.id;
    const answers = (await request(app, { method: 'GET', url: url('/answers'), as: asLeader() })).json();
    const theme = await request(app, {
      method: 'POST',
      url: url('/themes'),
      body: {
        name: 'Asked first',
        need: 'To be asked',
        answerIds: answers.questions[0].answers.map((a: { id: string }) => a.id),
      },
      as: asLeader(),
    });
    themeId = theme.json().id;
    // The organisation's admin writes to the team too: a message is theirs even though they lead nothing.
    const message = await request(app, {
      method: 'POST',
      url: url('/messages'),
      body: { body: 'I decided without asking you. That was mine to own.' },
      as: asAdmin(),
    });
    expect(message.statusCode, message.body).toBe(201);
    const commitment = await request(app, {
      method: 'POST',
      url: url('/commitments'),
      body: {
        action: 'I will share the draft roadmap in the team channel every Monday before deciding',
        evidence: 'The draft is in the #team channel',
        schedule: {
          kind: 'recurring',
          pattern: { type: 'weekly', weekdays: ['monday'], timeOfDay: '09:00' },
        },
        startsOn: '2026-03-02',
        themeIds: [themeId],
      },
      as: asLeader(),
    });
    expect(commitment.statusCode, commitment.body).toBe(201);
    clock = new Date('2026-03-09T10:00:00Z');
    const recorded = await request(app, {
      method: 'POST',
      url: url(`/commitments/${commitment.json().id}/occurrences`),
      body: { dueAt: '2026-03-09T09:00:00.000Z', status: 'kept', note: 'Shared the draft.' },
      as: asLeader(),
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
  });
  afterAll(() => app.close());

  it('refuses to delete a team with a repair, with 409 naming it, and keeps everything', async () => {
    const before = await snapshot(app);
    const res = await request(app, { method: 'DELETE', url: `/api/v1/teams/${teamId}`, as: asAdmin() });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('has_history');
    expect(res.json().detail).toContain('Roadmap changed without us kept');
    expect(res.json().detail).toMatch(/rename it/);
    expect(await snapshot(app)).toEqual(before);
    expect((await request(app, { method: 'GET', url: url(), as: asLeader() })).statusCode).toBe(200);
  });

  it('refuses to delete a team that only has pulses', async () => {
    const pulsed = await createTeamWithMembers(app, org, 3, 'pulsed');
    const sent = await request(app, {
      method: 'POST',
      url: `/api/v1/teams/${pulsed}/pulses`,
      as: asLeader(),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const before = await snapshot(app);
    const res = await request(app, { method: 'DELETE', url: `/api/v1/teams/${pulsed}`, as: asAdmin() });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('a trust pulse');
    // Nor can someone invited to the pulse be removed while it is open: its ballot counts its invitations.
    const invited = await app.deps.db
      .selectFrom('team_members')
      .select('person_id')
      .where('team_id', '=', pulsed)
      .executeTakeFirstOrThrow();
    const person = await request(app, {
      method: 'DELETE',
      url: `/api/v1/people/${invited.person_id}`,
      as: asAdmin(),
    });
    expect(person.statusCode).toBe(409);
    expect(person.json().detail).toMatch(/invited to a trust pulse of “Team pulsed” that is still open/);
    expect(await snapshot(app)).toEqual(before);
  });

  it("refuses to remove a repair's leader, an affected person or a message's author", async () => {
    const second = await createAccount(app, org.id, 'admin', 'second.admin.kept');
    const before = await snapshot(app);
    const leader = await request(app, {
      method: 'DELETE',
      url: `/api/v1/people/${org.leader.actor.personId}`,
      as: asAdmin(),
    });
    expect(leader.statusCode).toBe(409);
    expect(leader.json().detail).toMatch(/leads the repair “Roadmap changed without us kept”/);
    const affected = await request(app, {
      method: 'DELETE',
      url: `/api/v1/people/${affectedId}`,
      as: asAdmin(),
    });
    expect(affected.statusCode).toBe(409);
    expect(affected.json().detail).toMatch(/among the people affected/);
    // Another admin tries to remove the admin who published the message.
    const author = await request(app, {
      method: 'DELETE',
      url: `/api/v1/people/${org.admin.actor.personId}`,
      as: { token: second.token },
    });
    expect(author.statusCode).toBe(409);
    expect(author.json().detail).toMatch(/published messages/);
    expect(await snapshot(app)).toEqual(before);
  });

  it('refuses to delete a theme a commitment answers', async () => {
    const before = await snapshot(app);
    const res = await request(app, { method: 'DELETE', url: url(`/themes/${themeId}`), as: asLeader() });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/A commitment answers this theme/);
    expect(await snapshot(app)).toEqual(before);
  });

  it('still deletes a team without history, and a person no repair names', async () => {
    const plain = await request(app, {
      method: 'DELETE',
      url: `/api/v1/people/${org.plainPersonId}`,
      as: asAdmin(),
    });
    expect(plain.statusCode, plain.body).toBe(204);
    const team = await request(app, {
      method: 'DELETE',
      url: `/api/v1/teams/${org.otherTeamId}`,
      as: asAdmin(),
    });
    expect(team.statusCode, team.body).toBe(204);
  });
});
