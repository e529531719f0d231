import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOrganization, type TestOrganization } from '../test/factories.js';
import { answerAll, obtainToken, openRoundWithTeam } from '../test/listening-factory.js';
import { captureLogs, keysDeep, type LogCapture, searchable } from '../test/log-capture.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import type { ApiRoute } from './app.js';
import { redactUrl } from './request-log.js';

// Public routes that are meant to be logged like any other: first-run set-up and sign-in are not anonymous.
const LOGGED_PUBLIC = new Set(['GET /api/v1/setup', 'POST /api/v1/setup', 'POST /api/v1/session']);
// Every one of these must be among the unlogged routes found, so the enumeration below cannot come up empty.
const KNOWN_UNLOGGED = [
  'GET /api/v1/calendar/:file',
  'POST /api/v1/team-space',
  'POST /api/v1/ballot/issue',
  'POST /api/v1/ballot/answers',
  'POST /api/v1/pulse/issue',
  'POST /api/v1/pulse/answers',
];

// Markers that must never reach a log: link secrets, tokens, answer text, client addresses, credentials.
const LINK = 'LinkSecretXq7Lk2Vb9Rt4Wm1Zp8Ns3Hd6Fg0Jc5Aa0';
const CALENDAR = 'CalSecretQw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz1Xc3Vb';
const TOKEN = `TokenMarker${'Tk'.repeat(60)}`;
const SIGNATURE = `SignatureMarker${'Sg'.repeat(150)}`;
const ANSWER = 'WhisperedAnswerMarker';
const FORGED_IP = '203.0.113.77';
const PASSWORD = 'PasswordMarker-correct-horse';
const QUERY = 'QuerySecretMarker';
const HOSTILE_HEADERS = {
  'x-forwarded-for': `${FORGED_IP}, 198.51.100.9`,
  'x-real-ip': FORGED_IP,
  forwarded: `for=${FORGED_IP}`,
  'user-agent': 'AgentMarker/1.0',
  // A client must not be able to choose its own request id (and so tag its requests in the log).
  'request-id': 'req-4242',
  'x-request-id': 'req-4243',
};
const MARKERS = [
  LINK,
  CALENDAR,
  TOKEN.slice(0, 20),
  SIGNATURE.slice(0, 20),
  ANSWER,
  FORGED_IP,
  'AgentMarker',
];

/** A concrete path for a route pattern: a calendar file for `:file`, an id for any other parameter. */
function concrete(url: string): string {
  return url
    .replace(':file', `cal_${CALENDAR}.ics`)
    .replace(/:[A-Za-z]+/g, '5b0e7c1e-8f4a-4c3b-9d2e-1a2b3c4d5e6f');
}

/** The same path written in the ways a hostile or broken client might: encoded, doubled, cut, padded. */
function pathVariants(path: string): string[] {
  const afterPrefix = '/api/v1/'.length;
  const letter = path.charAt(afterPrefix);
  const encodedLetter = `%${letter.charCodeAt(0).toString(16)}`;
  return [
    path,
    `${path}?link=${LINK}&token=${TOKEN}`,
    `${path}/`,
    `/${path}`,
    `${path.slice(0, afterPrefix)}${encodedLetter}${path.slice(afterPrefix + 1)}`,
    `${path.slice(0, afterPrefix)}%25${encodedLetter.slice(1)}${path.slice(afterPrefix + 1)}`,
    path.toUpperCase(),
    `${path}%00`,
    `${path}%0d%0aX-Injected:%20${LINK}`,
    `${path}%0a{"level":30,"msg":"${LINK}"}`,
    `${path}%zz${LINK}`,
    `${path};link=${LINK}`,
    `${path}/${LINK}`,
    `${path}/${'x'.repeat(600)}${LINK}`,
    path.replace('/api/v1/', '/api/v1/../v1/'),
    path.replace('/api/v1/', '/api/v1/%2e%2e/v1/'),
  ];
}

const JSON_TYPE = { 'content-type': 'application/json' };
/** Bodies, well- and ill-formed, all carrying secrets. */
const BODIES: { payload: string; headers: Record<string, string> }[] = [
  { payload: JSON.stringify({ link: LINK }), headers: JSON_TYPE },
  {
    payload: JSON.stringify({
      link: LINK,
      blindedMessage: SIGNATURE,
      token: TOKEN,
      signature: SIGNATURE,
      roundId: '5b0e7c1e-8f4a-4c3b-9d2e-1a2b3c4d5e6f',
      answers: [{ questionId: 'impact', text: ANSWER }],
    }),
    headers: JSON_TYPE,
  },
  { payload: `{"link":"${LINK}","text":"${ANSWER}`, headers: JSON_TYPE },
  { payload: JSON.stringify(`${LINK}\n{"level":50,"msg":"${ANSWER}"}`), headers: JSON_TYPE },
  { payload: JSON.stringify({ link: `${LINK}\u0000\u001b[31m${ANSWER}` }), headers: JSON_TYPE },
  {
    payload: `link=${LINK}&text=${ANSWER}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  },
  { payload: `${LINK} ${ANSWER}`, headers: { 'content-type': 'text/plain' } },
  { payload: JSON.stringify({ link: LINK, text: ANSWER.repeat(20_000) }), headers: JSON_TYPE },
  { payload: '', headers: JSON_TYPE },
];

async function send(app: TestApp, options: InjectOptions): Promise<void> {
  try {
    await app.app.inject(options);
  } catch {
    // A URL the injector itself refuses never reaches the server, so it cannot be logged either.
  }
}

describe.each(ENGINES)('what the server logs (%s)', (engine) => {
  let app: TestApp;
  let logs: LogCapture;
  let org: TestOrganization;
  let webDir: string;
  let unlogged: ApiRoute[];
  const secrets: string[] = [];

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'kintsugi-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Kintsugi</title>');
    writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
    logs = captureLogs();
    // Behind a proxy the client address comes from X-Forwarded-For: the forged one must not be logged either.
    vi.stubEnv('TRUST_PROXY', 'true');
    app = await createTestApp(engine, { log: { level: 'trace', stream: logs.stream }, webDir });
    vi.unstubAllEnvs();
    org = await createOrganization(app, `Logs${engine}`);
    unlogged = app.apiRoutes.filter((r) => r.public && !LOGGED_PUBLIC.has(`${r.method} ${r.url}`));

    // Logged requests, so that there are request ids to look at.
    for (let i = 0; i < 4; i++)
      await request(app, { method: 'GET', url: '/api/v1/people', as: org.admin, headers: HOSTILE_HEADERS });
    await request(app, { method: 'GET', url: `/api/v1/people?secret=${QUERY}`, headers: HOSTILE_HEADERS });
    await request(app, {
      method: 'POST',
      url: '/api/v1/session',
      body: { email: org.member.email, password: PASSWORD },
      headers: HOSTILE_HEADERS,
    });

    // The anonymous routes as people really use them: a round answered, a calendar feed read.
    const round = await openRoundWithTeam(app, org, 3);
    for (const link of round.links) {
      const proof = await obtainToken(app, link.secret);
      await answerAll(app, proof, { impact: ANSWER });
      secrets.push(link.secret, proof.token, proof.signature.slice(0, 40));
    }
    const feed = await request(app, { method: 'POST', url: '/api/v1/me/calendar-feed', as: org.admin });
    const feedPath = new URL((feed.json() as { url: string }).url).pathname;
    secrets.push(feedPath.replace('/api/v1/calendar/', '').replace('.ics', ''));
    await request(app, { method: 'GET', url: feedPath, headers: HOSTILE_HEADERS });

    // Every unlogged public route, every way of writing its path, every kind of body, every method.
    for (const route of unlogged) {
      for (const url of pathVariants(concrete(route.url))) {
        if (route.method === 'GET') {
          await send(app, { method: 'GET', url, headers: HOSTILE_HEADERS });
          await send(app, { method: 'HEAD', url, headers: HOSTILE_HEADERS });
          continue;
        }
        for (const body of BODIES)
          await send(app, {
            method: 'POST',
            url,
            payload: body.payload,
            headers: { ...HOSTILE_HEADERS, ...body.headers },
          });
        for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS'] as const)
          await send(app, { method, url, headers: HOSTILE_HEADERS });
      }
    }

    // The pages personal links open, and the files they load.
    for (const url of ['/answer', '/pulse', '/team', `/answer?${LINK}`, '/assets/app-1234.js'])
      await send(app, { method: 'GET', url, headers: HOSTILE_HEADERS });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('finds the anonymous routes by their options', () => {
    const found = unlogged.map((r) => `${r.method} ${r.url}`);
    for (const known of KNOWN_UNLOGGED) expect(found).toContain(known);
  });

  it('every public route other than set-up and sign-in is silent', () => {
    for (const route of unlogged) expect(route.logLevel, `${route.method} ${route.url}`).toBe('silent');
  });

  it('logs nothing about the anonymous routes: no URL, body, link, token or answer', () => {
    const text = logs.lines.map(searchable);
    const paths = unlogged.map((r) => r.url.split(':')[0]?.toLowerCase() ?? r.url);
    for (const line of text) {
      for (const path of paths) expect(line, `${path} in ${line}`).not.toContain(path);
      for (const marker of [...MARKERS, ...secrets])
        expect(line, `${marker} in ${line}`).not.toContain(marker.toLowerCase());
      expect(line).not.toContain('ballot');
    }
  });

  it('logs no request for the pages personal links open, nor for static files', () => {
    const text = logs.lines.map(searchable);
    for (const line of text)
      for (const page of ['/answer', '/pulse', '/team', '/assets/']) expect(line).not.toContain(page);
  });

  it('still logs the signed-in API, by method and path, with query names but not their values', () => {
    const urls = logs
      .entries()
      .flatMap((e) =>
        typeof e.req === 'object' && e.req !== null ? [e.req as Record<string, unknown>] : [],
      );
    expect(urls).toContainEqual({ method: 'GET', url: '/api/v1/people' });
    expect(urls).toContainEqual({ method: 'GET', url: '/api/v1/people?secret=…' });
    expect(urls).toContainEqual({ method: 'POST', url: '/api/v1/session' });
  });

  it('logs no client address, port or host, and no query values or passwords', () => {
    const entries = logs.entries();
    expect(entries.length).toBeGreaterThan(0);
    const keys = new Set(entries.flatMap(keysDeep));
    for (const field of ['remoteAddress', 'remotePort', 'hostname', 'host', 'ip', 'ips', 'headers'])
      expect(keys.has(field), field).toBe(false);
    for (const line of logs.lines.map(searchable)) {
      expect(line).not.toContain(QUERY.toLowerCase());
      expect(line).not.toContain(PASSWORD.toLowerCase());
    }
  });

  it('gives requests random ids, not a counter whose gaps would count the unlogged ones', () => {
    const ids = logs.entries().flatMap((e) => (typeof e.reqId === 'string' ? [e.reqId] : []));
    expect(new Set(ids).size).toBeGreaterThanOrEqual(6);
    for (const id of ids) {
      expect(id).not.toMatch(/^req-\d+$/);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

describe('a URL as it may be logged', () => {
  it('keeps ids and words, cuts path secrets and query values', () => {
    const id = '5b0e7c1e-8f4a-4c3b-9d2e-1a2b3c4d5e6f';
    expect(redactUrl(`/api/v1/repairs/${id}/answers`)).toBe(`/api/v1/repairs/${id}/answers`);
    expect(redactUrl(`/api/v1/calendar/cal_${CALENDAR}.ics`)).toBe('/api/v1/calendar/cal_[secret].ics');
    expect(redactUrl(`/api/v1/x/${LINK}/y`)).toBe('/api/v1/x/[secret]/y');
    expect(redactUrl(`/api/v1/people/import?dryRun=true&token=${TOKEN}&`)).toBe(
      '/api/v1/people/import?dryRun=…&token=…',
    );
    expect(redactUrl(`/a?${LINK}`)).toBe('/a?[secret]=…');
  });
});
