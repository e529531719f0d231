import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, TEST_PASSWORD, type TestOrganization } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

/**
 * Sign-in limits: 10 attempts a minute per client address and 10 failures per 15 minutes per email address,
 * both counted in the database so that every instance of the server shares them. Behind a proxy the client's
 * address is the one the proxy saw (TRUST_PROXY as a hop count or the proxies' addresses), never what the
 * client wrote into X-Forwarded-For.
 */
const PROXY = '10.0.0.1';
let unknown = 0;

function signIn(
  app: TestApp,
  options: { email?: string; password?: string; from?: string; forwardedFor?: string },
): Promise<LightMyRequestResponse> {
  unknown++;
  return app.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress: options.from ?? PROXY,
    headers: {
      'content-type': 'application/json',
      ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
    },
    payload: JSON.stringify({
      email: options.email ?? `nobody.${unknown}@example.org`,
      password: options.password ?? 'not the password',
    }),
  });
}

function expectLimited(res: LightMyRequestResponse, detail: RegExp) {
  expect(res.statusCode, res.body).toBe(429);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ code: 'rate_limited', status: 429 });
  expect(res.json().detail).toMatch(detail);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.headers['set-cookie']).toBeUndefined();
}

const ADDRESS = /Too many sign-in attempts from your network/;
const ACCOUNT = /Too many failed sign-ins for this email address\. Wait 15 minutes/;

describe.each(ENGINES)('sign-in limits (%s)', (engine) => {
  describe.each([
    ['a hop count', 1],
    ['the proxy address', [PROXY]],
    ['the proxy network', ['10.0.0.0/8']],
  ] as const)('behind a proxy, TRUST_PROXY as %s', (_, trustProxy) => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp(engine, {
        config: { trustProxy: typeof trustProxy === 'number' ? trustProxy : [...trustProxy] },
      });
    });
    afterAll(() => app.close());

    it('counts the address the proxy saw, whatever the client wrote into X-Forwarded-For', async () => {
      const answers: number[] = [];
      for (let i = 0; i < 30; i++) {
        // The client writes its own first entry; the proxy appends the address it really saw.
        const res = await signIn(app, { forwardedFor: `198.51.100.${i}, 203.0.113.5` });
        answers.push(res.statusCode);
        if (res.statusCode === 429) expectLimited(res, ADDRESS);
      }
      expect(answers.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(answers.slice(10)).toEqual(Array(20).fill(429));
    });

    it('counts different clients behind the same proxy apart', async () => {
      for (let i = 0; i < 15; i++) {
        const res = await signIn(app, { forwardedFor: `203.0.113.${100 + i}` });
        expect(res.statusCode).toBe(401);
      }
    });
  });

  it('with TRUST_PROXY=true warns at start-up that it trusts what clients write', async () => {
    const lines: string[] = [];
    const app = await createTestApp(engine, {
      config: { trustProxy: true },
      log: { level: 'info', stream: { write: (line) => lines.push(line) } },
    });
    await app.close();
    const warning = lines
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .find((l) => l.level === 40);
    expect(warning?.msg).toMatch(/TRUST_PROXY=true .*X-Forwarded-For.*client.*TRUST_PROXY=1/);
  });

  describe('per email address', () => {
    let clock = Date.parse('2030-01-01T09:00:00Z');
    let app: TestApp;
    let second: TestApp;
    let org: TestOrganization;
    let address = 0;
    const from = () => `10.1.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

    beforeAll(async () => {
      app = await createTestApp(engine, { now: () => new Date(clock) });
      // A second instance of the server on the same database.
      second = await createTestApp(engine, { now: () => new Date(clock), sharedDatabase: app.database });
      org = await createOrganization(app, 'Limits');
    });
    afterAll(async () => {
      await second.close();
      await app.close();
    });

    it('refuses the 11th attempt after 10 failures from anywhere, the right password too, for 15 minutes', async () => {
      const email = org.member.email;
      for (let i = 0; i < 10; i++) {
        const res = await signIn(i % 2 ? app : second, { email, from: from() });
        expect(res.statusCode, res.body).toBe(401);
      }
      for (const instance of [app, second]) {
        const right = await signIn(instance, { email, password: TEST_PASSWORD, from: from() });
        expectLimited(right, ACCOUNT);
      }
      // Other accounts are not affected.
      expect(
        (await signIn(app, { email: org.leader.email, password: TEST_PASSWORD, from: from() })).statusCode,
      ).toBe(200);
      clock += 14 * 60_000;
      expectLimited(await signIn(app, { email, password: TEST_PASSWORD, from: from() }), ACCOUNT);
      clock += 60_000 + 1;
      const after = await signIn(second, { email, password: TEST_PASSWORD, from: from() });
      expect(after.statusCode, after.body).toBe(200);
    });

    it('answers an unknown email exactly as a known one, so the limit reveals no account', async () => {
      const known = org.facilitator.email;
      const stranger = 'no.such.person@example.org';
      const answers: Record<string, string[]> = { [known]: [], [stranger]: [] };
      for (let i = 0; i < 11; i++) {
        for (const email of [known, stranger]) {
          const res = await signIn(app, { email, from: from() });
          answers[email]?.push(`${res.statusCode} ${res.json().detail}`);
        }
      }
      expect(answers[stranger]).toEqual(answers[known]);
      expect(answers[known]?.at(-1)).toMatch(ACCOUNT);
    });

    it('forgets earlier failures once the right password gets through', async () => {
      const email = org.admin.email;
      for (let i = 0; i < 9; i++) expect((await signIn(app, { email, from: from() })).statusCode).toBe(401);
      expect((await signIn(second, { email, password: TEST_PASSWORD, from: from() })).statusCode).toBe(200);
      for (let i = 0; i < 9; i++) expect((await signIn(app, { email, from: from() })).statusCode).toBe(401);
      expect((await signIn(app, { email, password: TEST_PASSWORD, from: from() })).statusCode).toBe(200);
    });

    it('counts the address limit across instances too', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push((await signIn(i % 2 ? app : second, { from: '192.0.2.44' })).statusCode);
      }
      expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
      clock += 60_001;
      expect((await signIn(app, { from: '192.0.2.44' })).statusCode).toBe(401);
    });

    it('stores neither email addresses nor client addresses, only keyed hashes', async () => {
      await signIn(app, { email: 'marker.person@example.org', from: '192.0.2.99' });
      const rows = JSON.stringify(await app.deps.db.selectFrom('sign_in_limits').selectAll().execute());
      expect(rows).not.toMatch(/marker|example\.org|192\.0\.2|10\.1\./);
      expect(rows).toMatch(/[0-9a-f]{64}/);
    });
  });
});
