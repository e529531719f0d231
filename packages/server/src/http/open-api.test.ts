import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type TestOrganization } from '../test/factories.js';
import { createTestApp, type TestApp } from '../test/test-app.js';
import type { ApiRoute } from './app.js';

/**
 * The OpenAPI document says what the API really does: every operation has an operationId; every error is
 * application/problem+json; and every operation lists the errors it can give — those its shape implies (400 for
 * input, 401/403 when signing in is needed, 404 for ids in the path, 413/415 for bodies, 429 where attempts are
 * limited) and those of its use case (409). Probes check the listed statuses against real answers.
 */
interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

const ID = '5b0e7c1e-8f4a-4c3b-9d2e-1a2b3c4d5e6f';
const keyOf = (r: ApiRoute) => `${r.method} ${r.url}`;

describe('the OpenAPI document', () => {
  let app: TestApp;
  let org: TestOrganization;
  let doc: Doc;
  const operation = (route: ApiRoute): Operation => {
    const op = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
    if (!op) throw new Error(`${keyOf(route)} is not in the document`);
    return op;
  };
  const statuses = (route: ApiRoute) => Object.keys(operation(route).responses).map(Number);

  beforeAll(async () => {
    app = await createTestApp('sqlite');
    org = await createOrganization(app, 'Doc');
    doc = (await app.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Doc;
  });
  afterAll(() => app.close());

  it('gives every operation a unique operationId', () => {
    const ids = app.apiRoutes.map((r) => operation(r).operationId);
    for (const [i, id] of ids.entries())
      expect(id, keyOf(app.apiRoutes[i] as ApiRoute)).toMatch(/^[a-z][A-Za-z0-9]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operation({ method: 'POST', url: '/api/v1/session' } as ApiRoute).operationId).toBe('signIn');
    expect(operation({ method: 'GET', url: '/api/v1/teams/:teamId' } as ApiRoute).operationId).toBe(
      'getTeam',
    );
  });

  it('describes every error as application/problem+json, never application/json', () => {
    expect(doc.components.schemas.Problem).toBeDefined();
    for (const route of app.apiRoutes) {
      for (const [status, response] of Object.entries(operation(route).responses)) {
        if (Number(status) < 400) continue;
        expect(Object.keys(response.content ?? {}), `${keyOf(route)} ${status}`).toEqual([
          'application/problem+json',
        ]);
        expect(response.content?.['application/problem+json']?.schema).toEqual({
          $ref: '#/components/schemas/Problem',
        });
        expect(response.description.length, `${keyOf(route)} ${status}`).toBeGreaterThan(5);
      }
    }
  });

  it('lists the errors each operation can give by its shape', () => {
    for (const route of app.apiRoutes) {
      const op = operation(route);
      const has = statuses(route);
      const key = keyOf(route);
      const input =
        (op.parameters ?? []).length > 0 || op.requestBody !== undefined || route.method !== 'GET';
      if (input) expect(has, `${key} 400`).toContain(400);
      if (route.public) {
        expect(op.security, key).toEqual([]);
      } else {
        expect(op.security, key).toBeUndefined();
        expect(has, key).toEqual(expect.arrayContaining([401, 403]));
      }
      if ((op.parameters ?? []).some((p) => p.in === 'path')) expect(has, `${key} 404`).toContain(404);
      if (route.method !== 'GET') expect(has, `${key} 413/415`).toEqual(expect.arrayContaining([413, 415]));
    }
  });

  it.each([
    ['POST /api/v1/session', 429],
    ['POST /api/v1/me/password', 429],
    ['POST /api/v1/setup', 409],
    ['POST /api/v1/me/tokens', 409],
    ['POST /api/v1/people', 409],
    ['POST /api/v1/repairs/:repairId/round/open', 409],
    ['POST /api/v1/people/import', 422],
    ['GET /api/v1/calendar/:file', 404],
    ['GET /api/v1/calendar/:file', 400],
  ])('lists what %s answers: %i', (key, status) => {
    const route = app.apiRoutes.find((r) => keyOf(r) === key);
    expect(route, key).toBeDefined();
    expect(statuses(route as ApiRoute)).toContain(status);
  });

  it('lists every error the probes get from every route', async () => {
    const undocumented: string[] = [];
    for (const route of app.apiRoutes) {
      const url = route.url.replace(':file', `cal_${'x'.repeat(43)}.ics`).replace(/:\w+/g, ID);
      const auth = route.public ? {} : { authorization: `Bearer ${org.admin.token}` };
      const probes = [
        { headers: {} },
        { headers: auth },
        { url: route.url.replace(/:\w+/g, 'not-an-id'), headers: auth },
        ...(route.method === 'GET'
          ? []
          : [
              { headers: { ...auth, 'content-type': 'application/json' }, payload: '{"x":' },
              {
                headers: { ...auth, 'content-type': 'application/json' },
                payload: `"${'x'.repeat(3_000_000)}"`,
              },
              { headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=b' },
            ]),
      ];
      for (const probe of probes) {
        const res = await app.app.inject({
          method: route.method as 'POST',
          url: probe.url ?? url,
          headers: probe.headers,
          ...('payload' in probe ? { payload: probe.payload } : {}),
          remoteAddress: `10.7.0.${(undocumented.length % 200) + 1}`,
        });
        if (res.statusCode >= 400 && !statuses(route).includes(res.statusCode))
          undocumented.push(`${keyOf(route)} answered ${res.statusCode}: ${res.json().detail}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
