import { connect } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, snapshot, type TestOrganization } from '../test/factories.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import type { ApiRoute } from './app.js';

/**
 * Whether a request must be signed in is decided on the route the router matched, never on how the client
 * spelled the URL: a percent-encoded, doubled or re-cased prefix either reaches the same route, and its
 * sign-in check, or no route at all (a 404, whose body is never read).
 */
const ID = '5b0e7c1e-8f4a-4c3b-9d2e-1a2b3c4d5e6f';
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, ID);

/** Spellings the router still matches to the same route. */
const SAME_ROUTE: [string, (path: string) => string][] = [
  ['an encoded "v" (%76)', (p) => p.replace('/api/v1/', '/api/%761/')],
  ['an encoded "a" (%61)', (p) => p.replace('/api/', '/%61pi/')],
  [
    'lower-case percent escapes (%2f is not decoded into a slash)',
    (p) => p.replace('/api/v1/', '/api/%76%31/'),
  ],
  ['every prefix letter encoded', (p) => p.replace('/api/v1/', '/%61%70%69/%76%31/')],
];

/** Spellings that match no route: they must be a 404 (or a 400 for a malformed URL), whatever the body. */
const NO_ROUTE = [
  '//api/v1/teams',
  '/api//v1/teams',
  '/api/v1//teams',
  '/api%2Fv1/teams',
  '/api/v1%2Fteams',
  '/api/v1%2fteams',
  '/api/v1/teams.',
  '/api/v1./teams',
  '/api./v1/teams',
  '/API/V1/TEAMS',
  '/Api/v1/teams',
  '/api/V1/teams',
  '/api/v1/teams%00',
  '/api/v1/te%0Dams',
  '/api/v1/te%0Aams',
  '/api/v1/teams%09',
  '/api/v1/teams%7F',
  '/api/v1/%00teams',
  '/api/v1/teams%',
  '/api/v1/teams%zz',
  '/api/v1/te\u0001ams',
  '/api/v1/te\u007fams',
  '/api/v1/te ams',
  '/api/v2/teams',
  '/api/v1/people/import/',
];

/** Headers a client might forge hoping to look local, signed in, or elsewhere. */
const FORGED_HEADERS: Record<string, string>[] = [
  { 'x-forwarded-for': '127.0.0.1' },
  { 'x-real-ip': '127.0.0.1', forwarded: 'for=127.0.0.1;proto=https' },
  { 'x-original-url': '/api/v1/setup' },
  { 'x-rewrite-url': '/api/v1/session' },
  { 'x-forwarded-prefix': '/web', 'x-forwarded-host': 'localhost' },
  { host: 'localhost' },
  { 'x-http-method-override': 'GET' },
  { 'x-csrf-token': 'anything' },
  { authorization: '' },
  { authorization: 'Bearer' },
  { authorization: 'Basic YWRtaW46YWRtaW4=' },
  { cookie: 'kintsugi_session=' },
  { cookie: 'kintsugi_session=x; kintsugi_session=y' },
  { 'x-user-id': ID, 'x-role': 'admin' },
];

function expectUnauthenticated(res: LightMyRequestResponse, what: string) {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(401);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = res.json() as { code: string; errors?: unknown };
  expect(body.code, what).toBe('unauthenticated');
  // Nothing about the request's shape: no validation details for an anonymous caller.
  expect(body.errors, what).toBeUndefined();
}

/** A body no route would accept: if the server read it, the answer would be a 400 or 413, not a 401 or 404. */
const BROKEN_JSON = '{"name": ';
const OVERSIZED = `{"name":"${'x'.repeat(3 * 1024 * 1024)}"}`;

/** Sends bytes exactly as given (no client library to tidy the request line) and reads the whole reply. */
function rawRequest(port: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let reply = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      reply += chunk;
    });
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
    socket.write(Buffer.from(text, 'latin1'));
  });
}

describe.each(ENGINES)('sign-in is decided on the matched route (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let privateRoutes: ApiRoute[];

  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Hook');
    privateRoutes = app.apiRoutes.filter((r) => !r.public);
  });
  afterAll(() => app.close());

  it('has private routes to check', () => {
    expect(privateRoutes.length).toBeGreaterThan(40);
  });

  it.each(SAME_ROUTE)(
    'refuses every private route spelled with %s, before reading any body',
    async (_, spell) => {
      const before = await snapshot(app);
      for (const route of privateRoutes) {
        const url = spell(concrete(route.url));
        expect(url, route.url).not.toBe(concrete(route.url));
        const withBody = route.method !== 'GET' && route.method !== 'DELETE';
        for (const payload of withBody ? [BROKEN_JSON, OVERSIZED, '{}'] : [undefined]) {
          const res = await app.app.inject({
            method: route.method as 'POST',
            url,
            ...(payload === undefined ? {} : { payload, headers: { 'content-type': 'application/json' } }),
          });
          expectUnauthenticated(res, `${route.method} ${url}`);
        }
      }
      expect(await snapshot(app)).toEqual(before);
    },
  );

  it('serves an encoded prefix like the plain one to a signed-in caller', async () => {
    const plain = await request(app, { method: 'GET', url: '/api/v1/teams', as: { token: org.admin.token } });
    const encoded = await request(app, {
      method: 'GET',
      url: '/api/%761/teams',
      as: { token: org.admin.token },
    });
    expect(encoded.statusCode).toBe(200);
    expect(encoded.json()).toEqual(plain.json());
  });

  it.each(NO_ROUTE)('answers %j with a 404 or 400 and never reads the body', async (url) => {
    const before = await snapshot(app);
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      for (const payload of method === 'GET' ? [undefined] : [BROKEN_JSON, OVERSIZED]) {
        for (const as of [null, { token: org.admin.token }]) {
          const res = await request(app, {
            method,
            url,
            ...(payload === undefined
              ? {}
              : { body: payload, headers: { 'content-type': 'application/json' } }),
            as,
          });
          const what = `${method} ${JSON.stringify(url)} (${as ? 'signed in' : 'anonymous'}): ${res.body.slice(0, 200)}`;
          // GET of an unknown non-API-looking path is the web app's business (here: not built, 503).
          if (method === 'GET' && res.statusCode === 503) continue;
          expect([400, 404], what).toContain(res.statusCode);
          expect(String(res.headers['content-type']), what).toContain('application/problem+json');
          const code = (res.json() as { code: string }).code;
          expect(['not_found', 'bad_request'], what).toContain(code);
          expect(res.body, what).not.toMatch(/JSON|larger than/);
        }
      }
    }
    expect(await snapshot(app)).toEqual(before);
  });

  it.each(FORGED_HEADERS)('forged headers %j do not stand in for signing in', async (headers) => {
    const before = await snapshot(app);
    for (const [method, url, body] of [
      ['GET', '/api/v1/teams', undefined],
      ['GET', '/api/%761/people', undefined],
      ['POST', '/api/v1/teams', { name: 'Forged' }],
      ['PATCH', '/api/v1/organization', { name: 'Forged' }],
      ['POST', '/api/v1/me/tokens', BROKEN_JSON],
    ] as const) {
      const res = await request(app, {
        method,
        url,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body }),
      });
      expectUnauthenticated(res, `${method} ${url} with ${JSON.stringify(headers)}`);
    }
    expect(await snapshot(app)).toEqual(before);
  });

  it('refuses raw control characters in the request line over a real connection', async () => {
    const address = await app.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    for (const path of [
      '/api/v1/te\u0000ams',
      '/api/%761/te\u0001ams',
      '/api/v1/teams\r',
      '/api/v1/te\u007fams',
    ]) {
      const reply = await rawRequest(
        port,
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${BROKEN_JSON.length}\r\nConnection: close\r\n\r\n${BROKEN_JSON}`,
      );
      const status = Number(reply.split(' ')[1]);
      expect([400, 404], `${JSON.stringify(path)}: ${reply}`).toContain(status);
      expect(reply, JSON.stringify(path)).not.toMatch(/not valid JSON|unauthenticated|internal_error/);
    }
  });

  it('refuses anonymous callers before validating path, query or body', async () => {
    for (const [method, url, body] of [
      ['GET', '/api/v1/teams/not-an-id', undefined],
      ['GET', '/api/v1/overview?stage=nonsense&extra=1', undefined],
      ['POST', '/api/v1/teams', { unknownField: 1 }],
      ['POST', '/api/v1/people/import?dryRun=maybe', 'name,email\n'],
    ] as const) {
      const res = await request(app, {
        method,
        url,
        ...(body === undefined ? {} : { body }),
        ...(typeof body === 'string' ? { headers: { 'content-type': 'text/csv' } } : {}),
      });
      expectUnauthenticated(res, `${method} ${url}`);
    }
  });
});
