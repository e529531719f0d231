import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOrganization, snapshot, TEST_PASSWORD, type TestOrganization } from '../test/factories.js';
import { createTestApp, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import type { ApiRoute } from './app.js';

/**
 * A NUL byte in any text field is a 400 naming the field, on both engines, and changes nothing — PostgreSQL
 * cannot store a NUL, so a field that let one through would be a 500 there. Every route with a JSON body has a
 * valid sample below holding every string its schema has (union options as several samples); the test checks
 * that against the schema, then puts a NUL into each string (and each record key) of each sample in turn.
 */
type Sample = (org: TestOrganization) => unknown;
const ID = '00000000-0000-4000-8000-000000000001';
const LINK = 'L'.repeat(43);
const PROOF = { token: 'AAAA', signature: 'AAAA' };
const COMMITMENT = {
  action: 'Ask first',
  evidence: 'You will see it',
  startsOn: '2099-01-01',
  endsOn: '2099-02-01',
};

const SAMPLES: Record<string, Sample[]> = {
  'POST /api/v1/setup': [
    () => ({ organizationName: 'Org', name: 'Ann', email: 'ann@example.org', password: 'long enough pw' }),
  ],
  'POST /api/v1/session': [(o) => ({ email: o.admin.email, password: TEST_PASSWORD })],
  'POST /api/v1/me/password': [() => ({ currentPassword: TEST_PASSWORD, newPassword: 'a new password' })],
  'POST /api/v1/me/tokens': [() => ({ name: 'script' })],
  'POST /api/v1/coach/analyze': [() => ({ text: 'I had no choice.', breachKinds: ['voice'] })],
  'PATCH /api/v1/organization': [() => ({ name: 'Renamed', timeZone: 'Europe/Berlin' })],
  'POST /api/v1/people': [
    () => ({
      name: 'New Person',
      email: 'new.person@example.org',
      role: 'member',
      password: 'long enough pw',
    }),
  ],
  'PATCH /api/v1/people/:personId': [() => ({ name: 'Renamed', email: 'renamed@example.org' })],
  'POST /api/v1/teams': [(o) => ({ name: 'Brand new', leaderId: o.leader.actor.personId, memberIds: [ID] })],
  'PATCH /api/v1/teams/:teamId': [(o) => ({ name: 'Renamed team', leaderId: o.leader.actor.personId })],
  'POST /api/v1/teams/:teamId/members': [() => ({ personId: ID })],
  'POST /api/v1/repairs': [
    (o) => ({ teamId: o.teamId, title: 'T', description: 'D', breachKinds: ['voice'], affectedIds: [ID] }),
  ],
  'PATCH /api/v1/repairs/:repairId': [() => ({ title: 'Renamed', description: 'Again' })],
  'PUT /api/v1/repairs/:repairId/round': [
    () => ({ questions: [{ id: 'impact', text: 'How did this impact you?' }], closesOn: '2099-01-01' }),
  ],
  'PUT /api/v1/repairs/:repairId/forecast': [() => ({ forecast: { impact: 'x' } })],
  'POST /api/v1/repairs/:repairId/answers/:answerId/follow-ups': [() => ({ text: 'Tell me more?' })],
  'POST /api/v1/repairs/:repairId/themes': [
    () => ({ name: 'N', need: 'Need', acknowledgement: 'A', answerIds: [ID] }),
  ],
  'PATCH /api/v1/repairs/:repairId/themes/:themeId': [
    () => ({ name: 'N', need: 'Need', acknowledgement: 'A', answerIds: [ID] }),
  ],
  'POST /api/v1/repairs/:repairId/messages': [() => ({ body: 'I am sorry.' })],
  'PUT /api/v1/repairs/:repairId/themes/:themeId/reason': [() => ({ reason: 'Because.' })],
  'POST /api/v1/repairs/:repairId/commitments': [
    () => ({
      ...COMMITMENT,
      schedule: { kind: 'once', due: '2099-01-01', timeOfDay: '09:00' },
      replacesId: ID,
    }),
    () => ({
      ...COMMITMENT,
      schedule: { kind: 'event', description: 'Before each decision' },
      themeIds: [ID],
    }),
    () => ({
      ...COMMITMENT,
      schedule: { kind: 'recurring', pattern: { type: 'weekly', weekdays: ['monday'], timeOfDay: '09:00' } },
    }),
  ],
  'POST /api/v1/repairs/:repairId/commitments/:commitmentId/retire': [() => ({ reason: 'R' })],
  'POST /api/v1/repairs/:repairId/commitments/:commitmentId/occurrences': [
    () => ({
      dueAt: '2099-01-01T09:00:00Z',
      status: 'kept',
      note: 'Done.',
      link: 'https://example.org/notes',
    }),
  ],
  'POST /api/v1/team-space': [() => ({ link: LINK })],
  'POST /api/v1/team-space/witness/key': [() => ({ link: LINK, occurrenceId: ID })],
  'POST /api/v1/team-space/witness/issue': [() => ({ link: LINK, occurrenceId: ID, blindedMessage: 'AAAA' })],
  'POST /api/v1/witness': [() => ({ occurrenceId: ID, ...PROOF, saw: true })],
  'PUT /api/v1/teams/:teamId/pulse': [() => ({ everyWeeks: 2 })],
  'POST /api/v1/pulse/invitation': [() => ({ link: LINK })],
  'POST /api/v1/pulse/issue': [() => ({ link: LINK, blindedMessage: 'AAAA' })],
  'POST /api/v1/pulse/answers': [
    () => ({
      pulseId: ID,
      ...PROOF,
      ratings: [{ itemId: 'reliability.follow-through', value: 4 }],
      comment: 'Ok',
    }),
  ],
  'POST /api/v1/ballot/invitation': [() => ({ link: LINK })],
  'POST /api/v1/ballot/issue': [() => ({ link: LINK, blindedMessage: 'AAAA' })],
  'POST /api/v1/ballot/answers': [
    () => ({ roundId: ID, ...PROOF, answers: [{ questionId: 'impact', text: 'x' }], name: 'Ann' }),
  ],
  'POST /api/v1/ballot/status': [() => ({ kind: 'round', ballotId: ID, token: 'AAAA' })],
  'POST /api/v1/ballot/report': [() => ({ link: LINK })],
  'POST /api/v1/ballot/thread': [() => ({ roundId: ID, ...PROOF })],
  'POST /api/v1/ballot/thread/reply': [() => ({ roundId: ID, ...PROOF, questionId: 'impact', text: 'x' })],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every string position of a JSON value: its path in the problem document's form, and a copy with a NUL there. */
function poisoned(value: Json, path: string[] = []): { path: string; body: Json }[] {
  const at = path.join('.');
  if (typeof value === 'string') return [{ path: at, body: `${value.slice(0, 1)}\u0000${value.slice(1)}` }];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) =>
      poisoned(item, [...path, String(i)]).map((p) => ({
        path: p.path,
        body: value.map((v, j) => (j === i ? p.body : v)),
      })),
    );
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...poisoned(item, [...path, key]).map((p) => ({ path: p.path, body: { ...value, [key]: p.body } })),
      // A record's keys are text too (a forecast is keyed by question id).
      ...(/^[a-z]+$/.test(key) && path.at(-1) === 'forecast'
        ? [{ path: [...path, `x\u0000${key}`].join('.'), body: renameKey(value, key, `x\u0000${key}`) }]
        : []),
    ]);
  }
  return [];
}

function renameKey(value: { [key: string]: Json }, from: string, to: string): Json {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k === from ? to : k, v]));
}

/** The string fields a schema has, as paths with `*` for array items and record values, `{key}` for record keys. */
function schemaStrings(schema: unknown, path: string): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const out: string[] = [];
  if (s.type === 'string' && s.enum === undefined && s.const === undefined) out.push(path);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    for (const option of (s[key] as unknown[] | undefined) ?? []) out.push(...schemaStrings(option, path));
  for (const [name, property] of Object.entries((s.properties as Record<string, unknown> | undefined) ?? {}))
    out.push(...schemaStrings(property, path ? `${path}.${name}` : name));
  if (s.items) out.push(...schemaStrings(s.items, `${path}.*`));
  if (typeof s.additionalProperties === 'object')
    out.push(...schemaStrings(s.additionalProperties, `${path}.*`));
  if (s.propertyNames) out.push(...schemaStrings(s.propertyNames, `${path}.{key}`));
  return out;
}

/** The path of a poisoned position, in the schema's form: indices and record keys as `*`, a poisoned key `{key}`. */
const shapeOf = (path: string) =>
  path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? '*' : part.includes('\u0000') ? '{key}' : part))
    .join('.')
    .replace(/forecast\.(impact|need|restore)$/, 'forecast.*');

const routeKey = (r: ApiRoute) => `${r.method} ${r.url}`;
const fill = (url: string) => url.replace(/:\w+/g, ID);
let address = 0;

describe.each(ENGINES)('a NUL in any text field is a 400, never a 500 (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let routes: (ApiRoute & { body: z.ZodType })[];

  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Nul');
    routes = app.apiRoutes.filter((r): r is ApiRoute & { body: z.ZodType } => r.body !== undefined);
  });
  afterAll(() => app.close());

  it('has a sample for every route that takes a JSON body, and only for those', () => {
    const json = routes
      .filter((r) => r.url !== '/api/v1/people/import')
      .map(routeKey)
      .sort();
    expect(Object.keys(SAMPLES).sort()).toEqual(json);
  });

  it('has samples that are valid and hold every string field of their schema', () => {
    for (const route of routes) {
      const samples = SAMPLES[routeKey(route)];
      if (!samples) continue;
      const covered = new Set<string>();
      for (const sample of samples) {
        const body = sample(org);
        const parsed = route.body.safeParse(body);
        expect(parsed.success, `${routeKey(route)}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        for (const p of poisoned(body as Json)) covered.add(shapeOf(p.path));
      }
      const fields = new Set(
        schemaStrings(z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }), ''),
      );
      expect(
        [...fields].filter((f) => !covered.has(f)),
        routeKey(route),
      ).toEqual([]);
    }
  });

  it('refuses a NUL in each string of each body with a 400 naming that field, and changes nothing', async () => {
    const before = await snapshot(app);
    let sent = 0;
    let explained = 0;
    for (const route of routes) {
      for (const sample of SAMPLES[routeKey(route)] ?? []) {
        for (const { path, body } of poisoned(sample(org) as Json)) {
          address++;
          const res = await app.app.inject({
            method: route.method as 'POST',
            url: fill(route.url),
            // A fresh address each time, so the sign-in limit never answers first.
            remoteAddress: `10.9.${Math.floor(address / 250)}.${(address % 250) + 1}`,
            headers: {
              'content-type': 'application/json',
              ...(route.public ? {} : { authorization: `Bearer ${org.admin.token}` }),
            },
            payload: JSON.stringify(body),
          });
          const what = `${routeKey(route)} with a NUL in ${JSON.stringify(path)}: ${res.body}`;
          expect(res.statusCode, what).toBe(400);
          expect(String(res.headers['content-type']), what).toContain('application/problem+json');
          const problem = res.json() as { code: string; errors: { path: string; message: string }[] };
          expect(problem.code, what).toBe('invalid_input');
          // Free text says what is wrong with it; an id, a date or a choice says what it must be instead.
          const named = problem.errors.find((e) => e.path === path || path.startsWith(`${e.path}.`));
          expect(named, what).toBeDefined();
          if (named?.message.includes('NUL character')) explained++;
          sent++;
        }
      }
    }
    expect(sent).toBeGreaterThan(80);
    expect(explained).toBeGreaterThan(40);
    expect(await snapshot(app)).toEqual(before);
  });

  it('refuses a NUL in an imported CSV (422, as for any bad row), naming the line', async () => {
    const before = await snapshot(app);
    for (const csv of [
      'name,email,team\nAnn\u0000,ann@example.org,T\n',
      'name,email,team\nAnn,ann@example.org,T\u0000\n',
    ]) {
      const res = await app.app.inject({
        method: 'POST',
        url: '/api/v1/people/import',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${org.admin.token}` },
        payload: csv,
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().rows[0]).toMatchObject({
        line: 2,
        messages: [expect.stringMatching(/NUL character/)],
      });
    }
    expect(await snapshot(app)).toEqual(before);
  });

  it('refuses a NUL in path parameters and query values', async () => {
    for (const url of [
      `/api/v1/teams/${ID.slice(0, -1)}%00`,
      '/api/v1/overview?stage=listening%00',
      `/api/v1/overview?teamId=${ID}%00`,
      '/api/v1/calendar/cal_%00.ics',
    ]) {
      const res = await app.app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${org.admin.token}` },
      });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
    }
  });
});
