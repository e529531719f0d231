import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, snapshot, type TestOrganization } from '../test/factories.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import { openRepair } from '../use-cases/repairs/create-repair.js';

/**
 * Properties every API route must have, checked route by route: authentication, organisation scoping and
 * input validation. The table must name every registered route, so a new route cannot skip these checks.
 */
interface RouteCase {
  /** Public routes need no credentials. */
  public?: boolean;
  /** Path parameters filled from an organisation. */
  params?: (org: TestOrganization) => Record<string, string>;
  /** A body that would be valid in the caller's own organisation. */
  body?: (org: TestOrganization) => unknown;
  csv?: boolean;
}

const ROUTES: Record<string, RouteCase> = {
  'GET /api/v1/setup': { public: true },
  'POST /api/v1/setup': {
    public: true,
    body: () => ({ organizationName: 'X', name: 'X', email: 'x@example.org', password: 'long enough pw' }),
  },
  'POST /api/v1/session': { public: true, body: () => ({ email: 'x@example.org', password: 'whatever' }) },
  'GET /api/v1/session': {},
  'DELETE /api/v1/session': {},
  'POST /api/v1/me/password': {
    body: () => ({ currentPassword: 'wrong wrong', newPassword: 'a new password' }),
  },
  'GET /api/v1/me/tokens': {},
  'POST /api/v1/me/tokens': { body: () => ({ name: 'script' }) },
  'DELETE /api/v1/me/tokens/:tokenId': {
    params: () => ({ tokenId: '00000000-0000-4000-8000-000000000000' }),
  },
  'POST /api/v1/coach/analyze': { body: () => ({ text: 'I had no choice.' }) },
  'GET /api/v1/organization': {},
  'GET /api/v1/outbox': {},
  'PATCH /api/v1/organization': { body: () => ({ name: 'Renamed' }) },
  'GET /api/v1/people': {},
  'POST /api/v1/people': { body: () => ({ name: 'New Person', email: 'new.person@example.org' }) },
  'GET /api/v1/people/:personId': { params: (o) => ({ personId: o.plainPersonId }) },
  'PATCH /api/v1/people/:personId': {
    params: (o) => ({ personId: o.plainPersonId }),
    body: () => ({ name: 'Renamed' }),
  },
  'DELETE /api/v1/people/:personId': { params: (o) => ({ personId: o.plainPersonId }) },
  'POST /api/v1/people/import': { csv: true },
  'GET /api/v1/teams': {},
  'POST /api/v1/teams': { body: (o) => ({ name: 'Brand new', leaderId: o.leader.actor.personId }) },
  'GET /api/v1/teams/:teamId': { params: (o) => ({ teamId: o.teamId }) },
  'PATCH /api/v1/teams/:teamId': {
    params: (o) => ({ teamId: o.teamId }),
    body: () => ({ name: 'Renamed team' }),
  },
  'DELETE /api/v1/teams/:teamId': { params: (o) => ({ teamId: o.teamId }) },
  'POST /api/v1/teams/:teamId/members': {
    params: (o) => ({ teamId: o.teamId }),
    body: (o) => ({ personId: o.admin.actor.personId }),
  },
  'DELETE /api/v1/teams/:teamId/members/:personId': {
    params: (o) => ({ teamId: o.teamId, personId: o.member.actor.personId }),
  },
  'GET /api/v1/repairs': {},
  'POST /api/v1/repairs': {
    body: (o) => ({ teamId: o.teamId, title: 'T', description: 'D', breachKinds: ['voice'] }),
  },
  'GET /api/v1/repairs/:repairId': { params: (o) => ({ repairId: repairOf(o) }) },
  'PATCH /api/v1/repairs/:repairId': {
    params: (o) => ({ repairId: repairOf(o) }),
    body: () => ({ title: 'Renamed' }),
  },
  'PUT /api/v1/repairs/:repairId/round': {
    params: (o) => ({ repairId: repairOf(o) }),
    body: () => ({ questions: [{ text: 'How did this impact you?' }], closesOn: '2099-01-01' }),
  },
  'PUT /api/v1/repairs/:repairId/forecast': {
    params: (o) => ({ repairId: repairOf(o) }),
    body: () => ({ forecast: { impact: 'x' } }),
  },
  'POST /api/v1/repairs/:repairId/round/open': { params: (o) => ({ repairId: repairOf(o) }) },
  'POST /api/v1/repairs/:repairId/round/links/:personId': {
    params: (o) => ({ repairId: repairOf(o), personId: o.member.actor.personId }),
  },
  'POST /api/v1/repairs/:repairId/round/close': { params: (o) => ({ repairId: repairOf(o) }) },
  'GET /api/v1/repairs/:repairId/answers': { params: (o) => ({ repairId: repairOf(o) }) },
  'POST /api/v1/repairs/:repairId/answers/:answerId/follow-ups': {
    params: (o) => ({ repairId: repairOf(o), answerId: '00000000-0000-4000-8000-000000000001' }),
    body: () => ({ text: 'Tell me more?' }),
  },
  'GET /api/v1/repairs/:repairId/themes': { params: (o) => ({ repairId: repairOf(o) }) },
  'POST /api/v1/repairs/:repairId/themes': {
    params: (o) => ({ repairId: repairOf(o) }),
    body: () => ({ name: 'N', need: 'Need' }),
  },
  'PATCH /api/v1/repairs/:repairId/themes/:themeId': {
    params: (o) => ({ repairId: repairOf(o), themeId: '00000000-0000-4000-8000-000000000002' }),
    body: () => ({ name: 'N' }),
  },
  'DELETE /api/v1/repairs/:repairId/themes/:themeId': {
    params: (o) => ({ repairId: repairOf(o), themeId: '00000000-0000-4000-8000-000000000002' }),
  },
  'GET /api/v1/repairs/:repairId/messages': { params: (o) => ({ repairId: repairOf(o) }) },
  'POST /api/v1/repairs/:repairId/messages': {
    params: (o) => ({ repairId: repairOf(o) }),
    body: () => ({ body: 'I am sorry.' }),
  },
  'PUT /api/v1/repairs/:repairId/themes/:themeId/reason': {
    params: (o) => ({ repairId: repairOf(o), themeId: '00000000-0000-4000-8000-000000000002' }),
    body: () => ({ reason: 'Because.' }),
  },
  'DELETE /api/v1/repairs/:repairId/themes/:themeId/reason': {
    params: (o) => ({ repairId: repairOf(o), themeId: '00000000-0000-4000-8000-000000000002' }),
  },
  'GET /api/v1/repairs/:repairId/commitments': { params: (o) => ({ repairId: repairOf(o) }) },
  'POST /api/v1/repairs/:repairId/commitments': {
    params: (o) => ({ repairId: repairOf(o) }),
    body: () => ({
      action: 'A',
      evidence: 'E',
      schedule: { kind: 'once', due: '2099-01-01' },
      startsOn: '2099-01-01',
    }),
  },
  'POST /api/v1/repairs/:repairId/commitments/:commitmentId/retire': {
    params: (o) => ({ repairId: repairOf(o), commitmentId: '00000000-0000-4000-8000-000000000004' }),
    body: () => ({ reason: 'R' }),
  },
  'POST /api/v1/repairs/:repairId/commitments/:commitmentId/occurrences': {
    params: (o) => ({ repairId: repairOf(o), commitmentId: '00000000-0000-4000-8000-000000000004' }),
    body: () => ({ status: 'kept', note: 'Done.' }),
  },
  'POST /api/v1/repairs/:repairId/demonstrate': { params: (o) => ({ repairId: repairOf(o) }) },
  'GET /api/v1/repairs/:repairId/team-links': { params: (o) => ({ repairId: repairOf(o) }) },
  'POST /api/v1/repairs/:repairId/team-links': { params: (o) => ({ repairId: repairOf(o) }) },
  'POST /api/v1/repairs/:repairId/team-links/:personId': {
    params: (o) => ({ repairId: repairOf(o), personId: o.member.actor.personId }),
  },
  'DELETE /api/v1/repairs/:repairId/team-links/:personId': {
    params: (o) => ({ repairId: repairOf(o), personId: o.member.actor.personId }),
  },
  'POST /api/v1/team-space': { public: true, body: () => ({ link: 'x'.repeat(43) }) },
  'POST /api/v1/me/calendar-feed': {},
  'DELETE /api/v1/me/calendar-feed': {},
  'GET /api/v1/calendar/:file': { public: true, params: () => ({ file: `cal_${'x'.repeat(43)}.ics` }) },
  'POST /api/v1/team-space/witness/key': {
    public: true,
    body: () => ({ link: 'x'.repeat(43), occurrenceId: '00000000-0000-4000-8000-000000000005' }),
  },
  'POST /api/v1/team-space/witness/issue': {
    public: true,
    body: () => ({
      link: 'x'.repeat(43),
      occurrenceId: '00000000-0000-4000-8000-000000000005',
      blindedMessage: 'AAAA',
    }),
  },
  'POST /api/v1/witness': {
    public: true,
    body: () => ({
      occurrenceId: '00000000-0000-4000-8000-000000000005',
      token: 'AAAA',
      signature: 'AAAA',
      saw: true,
    }),
  },
  'GET /api/v1/teams/:teamId/pulse': { params: (o) => ({ teamId: o.teamId }) },
  'PUT /api/v1/teams/:teamId/pulse': {
    params: (o) => ({ teamId: o.teamId }),
    body: () => ({ everyWeeks: 2 }),
  },
  'POST /api/v1/teams/:teamId/pulses': { params: (o) => ({ teamId: o.teamId }) },
  'POST /api/v1/pulse/invitation': { public: true, body: () => ({ link: 'x'.repeat(43) }) },
  'POST /api/v1/pulse/issue': {
    public: true,
    body: () => ({ link: 'x'.repeat(43), blindedMessage: 'AAAA' }),
  },
  'POST /api/v1/pulse/answers': {
    public: true,
    body: () => ({
      pulseId: '00000000-0000-4000-8000-000000000006',
      token: 'AAAA',
      signature: 'AAAA',
      ratings: [{ itemId: 'reliability.follow-through', value: 4 }],
    }),
  },
  'GET /api/v1/repairs/:repairId/recovery': { params: (o) => ({ repairId: repairOf(o) }) },
  'GET /api/v1/repairs/:repairId/recovery.csv': { params: (o) => ({ repairId: repairOf(o) }) },
  'GET /api/v1/overview': {},
  // The anonymous ballot: public by design, proven by link secrets and blind-signed tokens instead.
  'POST /api/v1/ballot/invitation': { public: true, body: () => ({ link: 'x'.repeat(43) }) },
  'POST /api/v1/ballot/issue': {
    public: true,
    body: () => ({ link: 'x'.repeat(43), blindedMessage: 'AAAA' }),
  },
  'POST /api/v1/ballot/answers': {
    public: true,
    body: () => ({ ...FAKE_PROOF, answers: [{ questionId: 'impact', text: 'x' }] }),
  },
  'POST /api/v1/ballot/status': {
    public: true,
    body: () => ({ kind: 'round', ballotId: FAKE_PROOF.roundId, token: 'AAAA' }),
  },
  'POST /api/v1/ballot/report': { public: true, body: () => ({ link: 'x'.repeat(43) }) },
  'POST /api/v1/ballot/thread': { public: true, body: () => FAKE_PROOF },
  'POST /api/v1/ballot/thread/reply': {
    public: true,
    body: () => ({ ...FAKE_PROOF, questionId: 'impact', text: 'x' }),
  },
};

const FAKE_PROOF = { roundId: '00000000-0000-4000-8000-000000000003', token: 'AAAA', signature: 'AAAA' };
const repairs = new Map<string, string>();
function repairOf(org: TestOrganization): string {
  const id = repairs.get(org.id);
  if (!id) throw new Error('no repair for this organisation yet');
  return id;
}

const entries = Object.entries(ROUTES).map(([key, c]) => {
  const [method, url] = key.split(' ') as [string, string];
  return { key, method, url, ...c };
});

function fill(url: string, params: Record<string, string>): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name}`);
    return encodeURIComponent(value);
  });
}

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  code?: string,
) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = res.json() as { detail: string; code: string; status: number };
  expect(body.status).toBe(status);
  expect(body.detail.length).toBeGreaterThan(10);
  if (code) expect(body.code).toBe(code);
}

describe.each(ENGINES)('API contract for every route (%s)', (engine) => {
  let app: TestApp;
  let a: TestOrganization;
  let b: TestOrganization;

  beforeAll(async () => {
    app = await createTestApp(engine);
    a = await createOrganization(app, 'Alpha');
    b = await createOrganization(app, 'Beta');
    for (const org of [a, b]) {
      const repair = await openRepair(app.deps, org.leader.actor, {
        teamId: org.teamId,
        title: `${org.id === a.id ? 'Alpha' : 'Beta'} repair`,
        description: 'What happened.',
        breachKinds: ['voice'],
      });
      repairs.set(org.id, repair.id);
    }
  });
  afterAll(() => app.close());

  it('covers every registered API route', () => {
    const registered = app.apiRoutes.map((r) => `${r.method} ${r.url}`).sort();
    expect(Object.keys(ROUTES).sort()).toEqual(registered);
  });

  it.each(entries.filter((e) => !e.public))('$key refuses a request without credentials', async (route) => {
    const before = await snapshot(app);
    const res = await request(app, {
      method: route.method as 'GET',
      url: fill(route.url, route.params?.(a) ?? {}),
      body: route.body?.(a),
    });
    expectProblem(res, 401, 'unauthenticated');
    expect(await snapshot(app)).toEqual(before);
  });

  it.each(entries.filter((e) => !e.public))('$key refuses a revoked or made-up API token', async (route) => {
    const res = await request(app, {
      method: route.method as 'GET',
      url: fill(route.url, route.params?.(a) ?? {}),
      body: route.body?.(a),
      as: { token: 'kts_made-up-token' },
    });
    expectProblem(res, 401, 'unauthenticated');
  });

  it.each(entries.filter((e) => e.params))('$key never reaches into another organisation', async (route) => {
    const before = await snapshot(app);
    // Alpha's admin addresses Beta's resources by their real ids.
    const res = await request(app, {
      method: route.method as 'GET',
      url: fill(route.url, route.params?.(b) ?? {}),
      body: route.body?.(a),
      as: { token: a.admin.token },
    });
    expectProblem(res, 404, 'not_found');
    expect(JSON.stringify(res.json())).not.toContain('Beta');
    expect(await snapshot(app)).toEqual(before);
  });

  it.each(entries.filter((e) => e.params))('$key rejects ids that are not ids', async (route) => {
    const good = route.params?.(a) ?? {};
    for (const name of Object.keys(good)) {
      for (const bad of ['not-an-id', "1' or '1'='1", '..%2f..%2fetc', '0'.repeat(300)]) {
        const before = await snapshot(app);
        const res = await request(app, {
          method: route.method as 'GET',
          url: fill(route.url, { ...good, [name]: bad }),
          body: route.body?.(a),
          as: { token: a.admin.token },
        });
        expectProblem(res, 400, 'invalid_input');
        expect(res.json().errors[0].path).toBe(name);
        expect(await snapshot(app)).toEqual(before);
      }
    }
  });

  const withJsonBody = entries.filter((e) => e.body);
  it.each(withJsonBody)(
    '$key rejects bad JSON bodies with a clear 4xx and changes nothing',
    async (route) => {
      const url = fill(route.url, route.params?.(a) ?? {});
      const as = route.public ? null : { token: a.admin.token };
      const valid = route.body?.(a) as Record<string, unknown>;
      const cases: { body: unknown; headers?: Record<string, string>; status: number }[] = [
        { body: '{"name": ', headers: { 'content-type': 'application/json' }, status: 400 },
        { body: '', headers: { 'content-type': 'application/json' }, status: 400 },
        { body: { ...valid, unexpectedField: true }, status: 400 },
        { body: [valid], status: 400 },
        { body: 42, status: 400 },
        { body: Object.fromEntries(Object.keys(valid).map((k) => [k, 12345])), status: 400 },
        {
          body: JSON.stringify({ ...valid, padding: 'x'.repeat(300 * 1024) }),
          headers: { 'content-type': 'application/json' },
          status: 413,
        },
        { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415 },
      ];
      for (const c of cases) {
        const before = await snapshot(app);
        const res = await request(app, {
          method: route.method as 'POST',
          url,
          body: c.body,
          headers: c.headers ?? {},
          as,
        });
        expectProblem(res, c.status);
        expect(await snapshot(app)).toEqual(before);
      }
    },
  );

  it('POST /api/v1/people/import rejects other content types and oversized files', async () => {
    const before = await snapshot(app);
    const json = await request(app, {
      method: 'POST',
      url: '/api/v1/people/import',
      body: { csv: 'name,email' },
      as: { token: a.admin.token },
    });
    expectProblem(json, 415, 'unsupported_media_type');
    const huge = `name,email,team\n${'A Person,a@example.org,T\n'.repeat(90_000)}`;
    const big = await request(app, {
      method: 'POST',
      url: '/api/v1/people/import',
      body: huge,
      headers: { 'content-type': 'text/csv' },
      as: { token: a.admin.token },
    });
    expectProblem(big, 413, 'payload_too_large');
    const query = await request(app, {
      method: 'POST',
      url: '/api/v1/people/import?dryRun=maybe',
      body: 'name,email,team\n',
      headers: { 'content-type': 'text/csv' },
      as: { token: a.admin.token },
    });
    expectProblem(query, 400, 'invalid_input');
    expect(await snapshot(app)).toEqual(before);
  });

  it("list routes show only the caller's organisation", async () => {
    const betaIds = [
      b.id,
      b.teamId,
      b.otherTeamId,
      b.plainPersonId,
      b.admin.actor.personId,
      b.leader.actor.personId,
    ];
    for (const url of [
      '/api/v1/people',
      '/api/v1/teams',
      '/api/v1/organization',
      '/api/v1/session',
      '/api/v1/me/tokens',
    ]) {
      const res = await request(app, { method: 'GET', url, as: { token: a.admin.token } });
      expect(res.statusCode, url).toBe(200);
      const text = res.body;
      for (const id of betaIds) expect(text, `${url} leaks ${id}`).not.toContain(id);
      expect(text).not.toContain('Beta');
    }
  });

  it('cannot pull people of another organisation into a team, or lead it from there', async () => {
    const before = await snapshot(app);
    const cases = [
      { method: 'POST', url: '/api/v1/teams', body: { name: 'Mixed', memberIds: [b.plainPersonId] } },
      { method: 'POST', url: '/api/v1/teams', body: { name: 'Mixed', leaderId: b.leader.actor.personId } },
      { method: 'PATCH', url: `/api/v1/teams/${a.teamId}`, body: { leaderId: b.leader.actor.personId } },
      { method: 'POST', url: `/api/v1/teams/${a.teamId}/members`, body: { personId: b.plainPersonId } },
    ] as const;
    for (const c of cases) {
      const res = await request(app, { ...c, as: { token: a.admin.token } });
      expectProblem(res, 400, 'invalid_input');
    }
    expect(await snapshot(app)).toEqual(before);
  });

  it('an absurdly long id gets a clear 400, not a router error', async () => {
    const res = await request(app, {
      method: 'GET',
      url: `/api/v1/teams/${'x'.repeat(2000)}`,
      as: { token: a.admin.token },
    });
    expectProblem(res, 400, 'bad_request');
  });

  it('unknown API paths answer with problem+json 404, not the web app', async () => {
    const res = await request(app, { method: 'GET', url: '/api/v1/nothing-here' });
    expectProblem(res, 404, 'not_found');
  });

  it('serves the OpenAPI 3.1 document listing every route', async () => {
    const res = await request(app, { method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of entries) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(
        doc.paths[path]?.[route.method.toLowerCase()],
        `${route.key} missing from OpenAPI`,
      ).toBeDefined();
    }
    const docs = await request(app, { method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});
