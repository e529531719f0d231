import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, snapshot, TEST_PASSWORD, type TestOrganization } from '../../test/factories.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

type Cookie = { cookie: string; csrfToken: string };
let address = 0;

/** Signs in from a fresh client address, so these tests never trip the per-address login limit. */
async function login(app: TestApp, email: string, password: string, remoteAddress?: string) {
  address++;
  return app.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress: remoteAddress ?? `10.0.${Math.floor(address / 250)}.${(address % 250) + 1}`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email, password }),
  });
}

function cookieOf(res: LightMyRequestResponse): { value: string; header: string } {
  const raw = res.headers['set-cookie'];
  const header = (Array.isArray(raw) ? raw : [raw]).find((h) => h?.startsWith('kintsugi_session='));
  if (!header) throw new Error(`no kintsugi_session cookie in ${JSON.stringify(raw)}`);
  return { value: header.slice('kintsugi_session='.length).split(';')[0] ?? '', header };
}

async function signIn(app: TestApp, email: string, password = TEST_PASSWORD): Promise<Cookie> {
  const res = await login(app, email, password);
  expect(res.statusCode).toBe(200);
  return { cookie: cookieOf(res).value, csrfToken: res.json().csrfToken };
}

describe.each(ENGINES)('session routes (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Sess');
  });
  afterAll(async () => {
    await app.close();
  });

  describe('signing in', () => {
    it('accepts the right password with 200, the session and an HttpOnly cookie', async () => {
      const res = await login(app, org.leader.email, TEST_PASSWORD);
      expect(res.statusCode).toBe(200);
      const session = res.json();
      expect(session).toMatchObject({
        role: 'leader',
        user: { id: org.leader.actor.userId, email: org.leader.email },
        person: { id: org.leader.actor.personId },
        organization: { id: org.id, name: 'Sess Org' },
      });
      const { value, header } = cookieOf(res);
      expect(header).toMatch(/HttpOnly/i);
      expect(header).toMatch(/SameSite=Lax/i);
      const me = await request(app, {
        method: 'GET',
        url: '/api/v1/session',
        as: { cookie: value, csrfToken: session.csrfToken },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json().user.id).toBe(org.leader.actor.userId);
    });

    it('treats the email case-insensitively', async () => {
      const res = await login(app, `  ${org.leader.email.toUpperCase()} `, TEST_PASSWORD);
      expect(res.statusCode).toBe(200);
      expect(res.json().user.email).toBe(org.leader.email);
    });

    it('gives a wrong password and an unknown email the same 401 invalid_credentials', async () => {
      const before = await snapshot(app);
      const wrong = await login(app, org.leader.email, 'not the password');
      const unknown = await login(app, 'nobody@example.org', TEST_PASSWORD);
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('invalid_credentials');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      expect(wrong.json().detail).toBe(unknown.json().detail);
      expect(wrong.json().detail).toMatch(/do not match/);
      // Nothing changes but the sign-in counters: one per client address, one per email address.
      expect(await snapshot(app)).toEqual({ ...before, sign_in_limits: (before.sign_in_limits ?? 0) + 4 });
    });

    it('rejects an empty password with 400 invalid_input', async () => {
      const res = await login(app, org.leader.email, '');
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('invalid_input');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('password');
    });

    it('stores the session only as a SHA-256 hash of the cookie', async () => {
      const res = await login(app, org.facilitator.email, TEST_PASSWORD);
      const { value } = cookieOf(res);
      const rows = await app.deps.db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', org.facilitator.actor.userId)
        .execute();
      expect(rows).toHaveLength(1);
      const id = rows[0]?.id ?? '';
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect(id).not.toBe(value);
      expect(id).toBe(createHash('sha256').update(value).digest('hex'));
      const everything = JSON.stringify(await app.deps.db.selectFrom('sessions').selectAll().execute());
      expect(everything).not.toContain(value);
    });
  });

  describe('the session', () => {
    it('answers 401 without a cookie or token', async () => {
      const res = await request(app, { method: 'GET', url: '/api/v1/session' });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
      expect(res.json().detail).toMatch(/not signed in/i);
    });

    it('answers 401 for an unknown cookie', async () => {
      const res = await request(app, {
        method: 'GET',
        url: '/api/v1/session',
        as: { cookie: 'made-up-value', csrfToken: 'x' },
      });
      expect(res.statusCode).toBe(401);
    });

    it('works with an API token too, with an empty CSRF token', async () => {
      const res = await request(app, {
        method: 'GET',
        url: '/api/v1/session',
        as: { token: org.member.token },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ role: 'member', csrfToken: '' });
    });

    it('ends on DELETE: the cookie then gets 401 and the row is gone', async () => {
      const session = await signIn(app, org.member.email);
      const out = await request(app, { method: 'DELETE', url: '/api/v1/session', as: session });
      expect(out.statusCode).toBe(204);
      const cleared = out.headers['set-cookie'];
      expect(String(cleared)).toMatch(/kintsugi_session=;/);
      const after = await request(app, { method: 'GET', url: '/api/v1/session', as: session });
      expect(after.statusCode).toBe(401);
      const hash = createHash('sha256').update(session.cookie).digest('hex');
      expect(await app.deps.db.selectFrom('sessions').select('id').where('id', '=', hash).execute()).toEqual(
        [],
      );
    });

    it('answers 401 once the session has expired', async () => {
      const session = await signIn(app, org.member.email);
      const hash = createHash('sha256').update(session.cookie).digest('hex');
      expect((await request(app, { method: 'GET', url: '/api/v1/session', as: session })).statusCode).toBe(
        200,
      );
      await app.deps.db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', hash)
        .execute();
      const res = await request(app, { method: 'GET', url: '/api/v1/session', as: session });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
      // The next sign-in sweeps expired sessions away.
      await signIn(app, org.member.email);
      expect(await app.deps.db.selectFrom('sessions').select('id').where('id', '=', hash).execute()).toEqual(
        [],
      );
    });
  });

  describe('CSRF protection', () => {
    let admin: Cookie;
    beforeAll(async () => {
      admin = await signIn(app, org.admin.email);
    });

    const writes = [
      { method: 'POST' as const, url: '/api/v1/me/tokens', body: { name: 'sneaky' } },
      { method: 'PATCH' as const, url: '/api/v1/organization', body: { name: 'Hijacked' } },
      { method: 'DELETE' as const, url: '/api/v1/session', body: undefined },
    ];

    it.each(writes)('refuses a cookie $method $url without the header, changing nothing', async (write) => {
      const before = await snapshot(app);
      const res = await app.app.inject({
        method: write.method,
        url: write.url,
        headers: { cookie: `kintsugi_session=${admin.cookie}`, 'content-type': 'application/json' },
        ...(write.body ? { payload: JSON.stringify(write.body) } : {}),
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('csrf_failed');
      expect(res.json().detail).toContain('x-csrf-token');
      expect(await snapshot(app)).toEqual(before);
    });

    it.each(writes)('refuses a cookie $method $url with a wrong token, changing nothing', async (write) => {
      const before = await snapshot(app);
      const res = await request(app, {
        ...write,
        as: { cookie: admin.cookie, csrfToken: `${admin.csrfToken.slice(0, -1)}x` },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('csrf_failed');
      expect(await snapshot(app)).toEqual(before);
    });

    it("refuses another session's CSRF token", async () => {
      const other = await signIn(app, org.admin.email);
      const res = await request(app, {
        method: 'PATCH',
        url: '/api/v1/organization',
        body: { name: 'Hijacked' },
        as: { cookie: admin.cookie, csrfToken: other.csrfToken },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('csrf_failed');
    });

    it('accepts a cookie write with the right token', async () => {
      const res = await request(app, {
        method: 'POST',
        url: '/api/v1/me/tokens',
        body: { name: 'ok' },
        as: admin,
      });
      expect(res.statusCode).toBe(201);
      const session = await request(app, { method: 'GET', url: '/api/v1/session', as: admin });
      expect(session.statusCode).toBe(200);
      expect((await app.deps.db.selectFrom('organizations').select('name').execute())[0]?.name).toBe(
        'Sess Org',
      );
    });

    it('needs no CSRF header for a bearer token', async () => {
      const res = await request(app, {
        method: 'PATCH',
        url: '/api/v1/organization',
        body: { timeZone: 'Europe/Berlin' },
        as: { token: org.admin.token },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().timeZone).toBe('Europe/Berlin');
    });
  });

  describe('changing the password', () => {
    const NEW_PASSWORD = 'a brand new passphrase';
    let current: Cookie;
    let other: Cookie;
    beforeAll(async () => {
      current = await signIn(app, org.facilitator.email);
      other = await signIn(app, org.facilitator.email);
    });

    it('refuses a wrong current password with 400 wrong_password', async () => {
      const before = await app.deps.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', org.facilitator.actor.userId)
        .executeTakeFirstOrThrow();
      const res = await request(app, {
        method: 'POST',
        url: '/api/v1/me/password',
        body: { currentPassword: 'not my password', newPassword: NEW_PASSWORD },
        as: current,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('wrong_password');
      expect(res.json().errors).toEqual([{ path: 'currentPassword', message: expect.any(String) }]);
      const after = await app.deps.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', org.facilitator.actor.userId)
        .executeTakeFirstOrThrow();
      expect(after.password_hash).toBe(before.password_hash);
    });

    it('refuses a too-short new password with 400 invalid_input', async () => {
      const res = await request(app, {
        method: 'POST',
        url: '/api/v1/me/password',
        body: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
        as: current,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('invalid_input');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('newPassword');
      expect(res.json().detail).toMatch(/at least 10/);
    });

    it('changes it with 204 and signs out only the other sessions', async () => {
      const res = await request(app, {
        method: 'POST',
        url: '/api/v1/me/password',
        body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
        as: current,
      });
      expect(res.statusCode).toBe(204);
      expect((await request(app, { method: 'GET', url: '/api/v1/session', as: current })).statusCode).toBe(
        200,
      );
      expect((await request(app, { method: 'GET', url: '/api/v1/session', as: other })).statusCode).toBe(401);
      const rows = await app.deps.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', org.facilitator.actor.userId)
        .execute();
      expect(rows.map((r) => r.id)).toEqual([createHash('sha256').update(current.cookie).digest('hex')]);

      expect((await login(app, org.facilitator.email, TEST_PASSWORD)).statusCode).toBe(401);
      expect((await login(app, org.facilitator.email, NEW_PASSWORD)).statusCode).toBe(200);
      // API tokens are revoked too: whoever knew the old password may have made one.
      const viaToken = await request(app, {
        method: 'GET',
        url: '/api/v1/session',
        as: { token: org.facilitator.token },
      });
      expect(viaToken.statusCode).toBe(401);
      expect(viaToken.json().code).toBe('unauthenticated');
      const tokens = await app.deps.db
        .selectFrom('api_tokens')
        .select('id')
        .where('user_id', '=', org.facilitator.actor.userId)
        .execute();
      expect(tokens).toEqual([]);
      // Other people's tokens keep working.
      expect(
        (await request(app, { method: 'GET', url: '/api/v1/session', as: { token: org.member.token } }))
          .statusCode,
      ).toBe(200);
    });
  });
});

describe.each(ENGINES)('login rate limit (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Rate');
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers the 11th attempt within a minute from one address with 429 rate_limited', async () => {
    const from = '192.0.2.7';
    // Different emails, so only the address limit applies (the per-email one is in sign-in-limits.test.ts).
    for (let i = 0; i < 10; i++) {
      const res = await login(app, `someone.${i}@example.org`, `wrong password ${i}`, from);
      expect(res.statusCode).toBe(401);
    }
    const blocked = await login(app, org.member.email, TEST_PASSWORD, from);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('rate_limited');
    expect(blocked.json().detail).toMatch(/wait/i);
    expect(blocked.headers['set-cookie']).toBeUndefined();
    // Another address is not held back.
    expect((await login(app, org.member.email, TEST_PASSWORD, '192.0.2.8')).statusCode).toBe(200);
  });
});
