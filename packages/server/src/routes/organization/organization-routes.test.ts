import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, snapshot, type TestOrganization } from '../../test/factories.js';
import { answerAll, obtainToken, openRoundWithTeam } from '../../test/listening-factory.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

describe.each(ENGINES)('organization routes (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let other: TestOrganization;
  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Orga');
    other = await createOrganization(app, 'Elsewhere');
  });
  afterAll(async () => {
    await app.close();
  });

  const stored = async (id: string) =>
    app.deps.db
      .selectFrom('organizations')
      .select(['name', 'time_zone'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it.each(['admin', 'leader', 'facilitator', 'member'] as const)(
    'shows a %s their own organisation',
    async (role) => {
      const res = await request(app, {
        method: 'GET',
        url: '/api/v1/organization',
        as: { token: org[role].token },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ id: org.id, name: 'Orga Org', timeZone: 'UTC', anonymityThreshold: 3 });
    },
  );

  it('shows another organisation’s people their own, not this one', async () => {
    const res = await request(app, {
      method: 'GET',
      url: '/api/v1/organization',
      as: { token: other.member.token },
    });
    expect(res.json()).toEqual({
      id: other.id,
      name: 'Elsewhere Org',
      timeZone: 'UTC',
      anonymityThreshold: 3,
    });
  });

  it('answers 401 without credentials', async () => {
    const res = await request(app, { method: 'GET', url: '/api/v1/organization' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });

  it('lets an admin rename the organisation and set its time zone', async () => {
    const res = await request(app, {
      method: 'PATCH',
      url: '/api/v1/organization',
      body: { name: '  Orga Renamed  ', timeZone: 'Europe/Berlin' },
      as: { token: org.admin.token },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: org.id,
      name: 'Orga Renamed',
      timeZone: 'Europe/Berlin',
      anonymityThreshold: 3,
    });
    expect(await stored(org.id)).toEqual({ name: 'Orga Renamed', time_zone: 'Europe/Berlin' });
    // The other organisation is untouched.
    expect(await stored(other.id)).toEqual({ name: 'Elsewhere Org', time_zone: 'UTC' });
  });

  it('raises the anonymity threshold, which then holds back answers below it', async () => {
    const res = await request(app, {
      method: 'PATCH',
      url: '/api/v1/organization',
      body: { anonymityThreshold: 4 },
      as: { token: org.admin.token },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().anonymityThreshold).toBe(4);
    const round = await openRoundWithTeam(app, org, 4);
    for (const link of round.links.slice(0, 3))
      await answerAll(app, await obtainToken(app, link.secret), { impact: 'It hurt' });
    const view = (
      await request(app, {
        method: 'GET',
        url: `/api/v1/repairs/${round.repairId}/answers`,
        as: { token: org.leader.token },
      })
    ).json();
    expect(view.threshold).toBe(4);
    expect(view.responseCount).toBeNull();
    expect(view.questions[0].answers).toBeNull();
    await request(app, {
      method: 'PATCH',
      url: '/api/v1/organization',
      body: { anonymityThreshold: 3 },
      as: { token: org.admin.token },
    });
  });

  it('changes only what is sent', async () => {
    const res = await request(app, {
      method: 'PATCH',
      url: '/api/v1/organization',
      body: { timeZone: 'America/New_York' },
      as: { token: org.admin.token },
    });
    expect(res.statusCode).toBe(200);
    expect(await stored(org.id)).toEqual({ name: 'Orga Renamed', time_zone: 'America/New_York' });
  });

  it.each([
    ['an invalid time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['an empty name', { name: '   ' }, 'name'],
    ['an unknown field', { plan: 'gold' }, null],
    ['an empty body', {}, null],
    ['an anonymity threshold below 3', { anonymityThreshold: 2 }, 'anonymityThreshold'],
    ['a fractional anonymity threshold', { anonymityThreshold: 3.5 }, 'anonymityThreshold'],
  ])('rejects %s with 400 invalid_input and changes nothing', async (_label, body, path) => {
    const before = await stored(org.id);
    const res = await request(app, {
      method: 'PATCH',
      url: '/api/v1/organization',
      body,
      as: { token: org.admin.token },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_input');
    if (path) expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    if (path === 'timeZone') expect(res.json().detail).toMatch(/IANA time zone/);
    expect(await stored(org.id)).toEqual(before);
  });

  it.each(['leader', 'facilitator', 'member'] as const)('refuses a %s with 403 forbidden', async (role) => {
    const before = await snapshot(app);
    const res = await request(app, {
      method: 'PATCH',
      url: '/api/v1/organization',
      body: { name: 'Taken over' },
      as: { token: org[role].token },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
    expect(res.json().detail).toMatch(/admins/);
    expect(await snapshot(app)).toEqual(before);
    expect((await stored(org.id)).name).toBe('Orga Renamed');
  });
});
