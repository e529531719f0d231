import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type TestOrganization } from '../../test/factories.js';
import { answerAll, obtainToken, openRoundWithTeam } from '../../test/listening-factory.js';
import { linksOfPeople } from '../../test/outbox-links.js';
import { answerPulse, obtainPulseToken, secretsOf } from '../../test/pulse-factory.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

describe.each(ENGINES)('the team space (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let repairId = '';
  /** Each affected person's team-space link, as emailed to them. */
  let links: { personId: string; secret: string }[] = [];
  const asLeader = () => ({ token: org.leader.token });
  const teamLink = async (personId: string) => (await linksOfPeople(app, 'team', [{ personId }]))[0] ?? '';
  const open = (link: string) => request(app, { method: 'POST', url: '/api/v1/team-space', body: { link } });

  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Space');
    const round = await openRoundWithTeam(app, org, 3);
    repairId = round.repairId;
    for (const [i, link] of round.links.entries()) {
      await answerAll(
        app,
        await obtainToken(app, link.secret),
        { impact: `A very personal answer number ${i}` },
        i === 0 ? 'Named Person' : undefined,
      );
    }
    const as = { token: org.leader.token };
    await request(app, { method: 'POST', url: `/api/v1/repairs/${repairId}/round/close`, as });
    const answers = (
      await request(app, { method: 'GET', url: `/api/v1/repairs/${repairId}/answers`, as })
    ).json();
    const theme = (
      await request(app, {
        method: 'POST',
        url: `/api/v1/repairs/${repairId}/themes`,
        body: {
          name: 'Being asked',
          need: 'To be asked first',
          acknowledgement: 'I did not ask you.',
          answerIds: answers.questions[0].answers.map((a: { id: string }) => a.id),
        },
        as,
      })
    ).json();
    await request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${repairId}/messages`,
      body: { body: 'I heard you.' },
      as,
    });
    await request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${repairId}/commitments`,
      body: {
        action: 'I will share the roadmap draft every Monday',
        evidence: 'In the team channel',
        schedule: { kind: 'recurring', pattern: { type: 'weekly', weekdays: ['monday'] } },
        startsOn: '2026-01-05',
        themeIds: [theme.id],
      },
      as,
    });
    const issued = await request(app, { method: 'POST', url: `/api/v1/repairs/${repairId}/team-links`, as });
    expect(issued.statusCode, issued.body).toBe(200);
    // The leader is told to whom the links went, never the links.
    expect(issued.body).not.toMatch(/\/team#/);
    const { sent } = issued.json();
    const secrets = await linksOfPeople(app, 'team', sent);
    links = sent.map((p: { personId: string }, i: number) => ({
      personId: p.personId,
      secret: secrets[i] ?? '',
    }));
    for (const link of links) expect(issued.body).not.toContain(link.secret);
  });
  afterAll(() => app.close());

  it('gives each affected person a link, emailed, stored only as a hash', async () => {
    expect(links).toHaveLength(3);
    const stored = JSON.stringify(await app.deps.db.selectFrom('team_links').selectAll().execute());
    for (const link of links) expect(stored).not.toContain(link.secret);
    const mail = await app.deps.db
      .selectFrom('mail_outbox')
      .select('body')
      .where('subject', 'like', 'Follow%')
      .execute();
    expect(mail).toHaveLength(3);
  });

  it('shows messages, themes, commitments and the record, but no answer and no name', async () => {
    const res = await open(links[0]?.secret ?? '');
    expect(res.statusCode, res.body).toBe(200);
    const space = res.json();
    expect(space.messages.map((m: { body: string }) => m.body)).toEqual(['I heard you.']);
    expect(space.themes).toEqual([
      {
        id: expect.any(String),
        name: 'Being asked',
        need: 'To be asked first',
        acknowledgement: 'I did not ask you.',
        state: 'committed',
        reason: null,
      },
    ]);
    expect(space.commitments[0].themeNames).toEqual(['Being asked']);
    expect(res.body).not.toContain('very personal answer');
    expect(res.body).not.toContain('Named Person');
    for (const link of links) expect(res.body).not.toContain(link.personId);
  });

  it("shows the team's pulse trend as numbers at k answers, never the pulse comments", async () => {
    const repair = await app.deps.db
      .selectFrom('repairs')
      .select('team_id')
      .where('id', '=', repairId)
      .executeTakeFirstOrThrow();
    const sent = await request(app, {
      method: 'POST',
      url: `/api/v1/teams/${repair.team_id}/pulses`,
      as: { token: org.leader.token },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const secrets = await secretsOf(app, sent.json().sent);
    const link = links[0]?.secret ?? '';
    for (const [i, secret] of secrets.entries()) {
      if (i === 2) expect((await open(link)).json().pulse).toMatchObject({ points: [], comments: null });
      const res = await answerPulse(
        app,
        await obtainPulseToken(app, secret),
        5,
        `A private pulse comment ${i}`,
      );
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await open(link);
    expect(res.json().pulse.points).toHaveLength(1);
    expect(res.json().pulse.points[0].answers).toBe(3);
    expect(res.json().pulse.comments).toBeNull();
    expect(res.body).not.toContain('private pulse comment');
  });

  it('lists who has a working link (never the links), and emails a re-issued one', async () => {
    const status = async () =>
      (
        await request(app, { method: 'GET', url: `/api/v1/repairs/${repairId}/team-links`, as: asLeader() })
      ).json();
    const before = await status();
    expect(before.people).toHaveLength(3);
    expect(before.people.every((p: { state: string }) => p.state === 'active')).toBe(true);
    expect(JSON.stringify(before)).not.toMatch(/\/team#/);
    const person = links[2] as { personId: string; secret: string };
    const mailsBefore = await app.deps.db.selectFrom('mail_outbox').select('id').execute();
    const reissued = await request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${repairId}/team-links/${person.personId}`,
      as: asLeader(),
    });
    expect(reissued.statusCode, reissued.body).toBe(200);
    expect(reissued.json()).toEqual({
      sent: [{ personId: person.personId, name: expect.any(String) }],
      delivery: { method: 'by_hand', handedOutBy: expect.any(Array) },
    });
    expect(reissued.body).not.toMatch(/\/team#|https?:\/\//);
    const mails = await app.deps.db.selectFrom('mail_outbox').select(['body']).execute();
    expect(mails).toHaveLength(mailsBefore.length + 1);
    const fresh = await teamLink(person.personId);
    expect(fresh).not.toBe(person.secret);
    expect(reissued.body).not.toContain(fresh);
    await request(app, {
      method: 'DELETE',
      url: `/api/v1/repairs/${repairId}/team-links/${person.personId}`,
      as: asLeader(),
    });
    const after = await status();
    expect(after.people.find((p: { personId: string }) => p.personId === person.personId).state).toBe(
      'revoked',
    );
    const member = await request(app, {
      method: 'GET',
      url: `/api/v1/repairs/${repairId}/team-links`,
      as: { token: org.member.token },
    });
    expect(member.statusCode).toBe(404);
    // Put it back for the tests that follow.
    await request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${repairId}/team-links/${person.personId}`,
      as: asLeader(),
    });
    links[2] = { personId: person.personId, secret: await teamLink(person.personId) };
    expect((await open(links[2].secret)).statusCode).toBe(200);
  });

  it('stops working when revoked or re-issued, and the new link works', async () => {
    const first = links[0] as { personId: string; secret: string };
    const fresh = await request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${repairId}/team-links/${first.personId}`,
      as: asLeader(),
    });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect((await open(first.secret)).statusCode).toBe(404);
    expect((await open(await teamLink(first.personId))).statusCode).toBe(200);
    const second = links[1] as { personId: string; secret: string };
    expect(
      (
        await request(app, {
          method: 'DELETE',
          url: `/api/v1/repairs/${repairId}/team-links/${second.personId}`,
          as: asLeader(),
        })
      ).statusCode,
    ).toBe(204);
    expect((await open(second.secret)).statusCode).toBe(404);
    expect(
      (
        await request(app, {
          method: 'DELETE',
          url: `/api/v1/repairs/${repairId}/team-links/${second.personId}`,
          as: asLeader(),
        })
      ).statusCode,
    ).toBe(404);
  });

  it("is only for the repair's leader and admins to hand out", async () => {
    const res = await request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${repairId}/team-links`,
      as: { token: org.facilitator.token },
    });
    expect(res.statusCode).toBe(403);
  });
});
