import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, snapshot, type TestOrganization } from '../../test/factories.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(ENGINES)('API token routes (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Tok');
  });
  afterAll(async () => {
    await app.close();
  });

  let secret = '';
  let tokenId = '';

  it('creates a token with 201 and shows its secret once', async () => {
    const res = await request(app, {
      method: 'POST',
      url: '/api/v1/me/tokens',
      body: { name: 'CI export' },
      as: { token: org.leader.token },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.secret).toMatch(/^kts_[A-Za-z0-9_-]{40,}$/);
    expect(created.token).toMatchObject({ name: 'CI export', lastUsedAt: null });
    expect(typeof created.token.createdAt).toBe('string');
    secret = created.secret;
    tokenId = created.token.id;
  });

  it('stores only a hash of the secret', async () => {
    const row = await app.deps.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', tokenId)
      .executeTakeFirstOrThrow();
    expect(row.user_id).toBe(org.leader.actor.userId);
    expect(row.organization_id).toBe(org.id);
    expect(row.token_hash).not.toBe(secret);
    expect(row.token_hash).toBe(sha256(secret));
    const all = JSON.stringify(await app.deps.db.selectFrom('api_tokens').selectAll().execute());
    expect(all).not.toContain(secret);
  });

  it('lists the caller’s tokens without any secret', async () => {
    const res = await request(app, {
      method: 'GET',
      url: '/api/v1/me/tokens',
      as: { token: org.leader.token },
    });
    expect(res.statusCode).toBe(200);
    const { tokens } = res.json();
    expect(tokens.map((t: { name: string }) => t.name).sort()).toEqual(['CI export', 'test']);
    for (const token of tokens) {
      expect(Object.keys(token).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name']);
    }
    expect(res.body).not.toContain(secret);
    expect(res.body).not.toContain('kts_');
  });

  it('does not list other people’s tokens', async () => {
    const res = await request(app, {
      method: 'GET',
      url: '/api/v1/me/tokens',
      as: { token: org.member.token },
    });
    expect(res.json().tokens.map((t: { id: string }) => t.id)).not.toContain(tokenId);
    expect(res.json().tokens).toHaveLength(1);
  });

  it('authenticates with the new token and records when it was last used', async () => {
    const res = await request(app, { method: 'GET', url: '/api/v1/session', as: { token: secret } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'leader', user: { id: org.leader.actor.userId } });
    const row = await app.deps.db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('id', '=', tokenId)
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    expect(Math.abs(Date.parse(row.last_used_at ?? '') - Date.now())).toBeLessThan(60_000);
    const listed = await request(app, { method: 'GET', url: '/api/v1/me/tokens', as: { token: secret } });
    const mine = listed.json().tokens.find((t: { id: string }) => t.id === tokenId);
    expect(mine.lastUsedAt).toBe(row.last_used_at);
  });

  it('accepts the scheme name in any case', async () => {
    const res = await request(app, {
      method: 'GET',
      url: '/api/v1/session',
      headers: { authorization: `bearer ${secret}` },
    });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    ['no scheme', () => secret],
    ['the wrong scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['an empty bearer', () => 'Bearer '],
    ['two values', () => `Bearer ${secret} extra`],
    ['a secret without the prefix', () => `Bearer ${secret.slice(4)}`],
    ['an unknown secret', () => 'Bearer kts_unknownunknownunknownunknownunknown'],
  ])('answers 401 for a malformed Authorization header: %s', async (_label, header) => {
    const res = await request(app, {
      method: 'GET',
      url: '/api/v1/session',
      headers: { authorization: header() },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
    expect(res.json().detail).toMatch(/API token/);
  });

  it('rejects an empty or unknown-field body with 400', async () => {
    for (const body of [{ name: '' }, { name: 'x', scope: 'all' }, {}]) {
      const before = await snapshot(app);
      const res = await request(app, {
        method: 'POST',
        url: '/api/v1/me/tokens',
        body,
        as: { token: org.leader.token },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('invalid_input');
      expect(await snapshot(app)).toEqual(before);
    }
  });

  it('answers 404 when revoking another user’s token, which keeps working', async () => {
    const before = await snapshot(app);
    const res = await request(app, {
      method: 'DELETE',
      url: `/api/v1/me/tokens/${tokenId}`,
      as: { token: org.admin.token },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    expect(await snapshot(app)).toEqual(before);
    expect(
      (await request(app, { method: 'GET', url: '/api/v1/session', as: { token: secret } })).statusCode,
    ).toBe(200);
  });

  it('answers 404 for an unknown token id and 400 for a malformed one', async () => {
    const unknown = await request(app, {
      method: 'DELETE',
      url: '/api/v1/me/tokens/00000000-0000-4000-8000-000000000000',
      as: { token: org.leader.token },
    });
    expect(unknown.statusCode).toBe(404);
    const malformed = await request(app, {
      method: 'DELETE',
      url: '/api/v1/me/tokens/not-a-uuid',
      as: { token: org.leader.token },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('invalid_input');
  });

  it('revokes with 204; the token then gets 401 and its row is gone', async () => {
    const res = await request(app, {
      method: 'DELETE',
      url: `/api/v1/me/tokens/${tokenId}`,
      as: { token: org.leader.token },
    });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const after = await request(app, { method: 'GET', url: '/api/v1/session', as: { token: secret } });
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toMatch(/revoked/);
    expect(
      await app.deps.db.selectFrom('api_tokens').select('id').where('id', '=', tokenId).execute(),
    ).toEqual([]);
    // The leader's other token is untouched.
    expect(
      (await request(app, { method: 'GET', url: '/api/v1/session', as: { token: org.leader.token } }))
        .statusCode,
    ).toBe(200);
  });

  it('lets a token revoke itself', async () => {
    const created = await request(app, {
      method: 'POST',
      url: '/api/v1/me/tokens',
      body: { name: 'short-lived' },
      as: { token: org.member.token },
    });
    const own = created.json();
    const res = await request(app, {
      method: 'DELETE',
      url: `/api/v1/me/tokens/${own.token.id}`,
      as: { token: own.secret },
    });
    expect(res.statusCode).toBe(204);
    expect(
      (await request(app, { method: 'GET', url: '/api/v1/me/tokens', as: { token: own.secret } })).statusCode,
    ).toBe(401);
  });

  it('answers 401 on every token route without credentials', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/me/tokens'],
      ['POST', '/api/v1/me/tokens'],
      ['DELETE', `/api/v1/me/tokens/${tokenId}`],
    ] as const) {
      const res = await request(app, { method, url, ...(method === 'POST' ? { body: { name: 'x' } } : {}) });
      expect(res.statusCode).toBe(401);
    }
  });

  it('refuses a token beyond the per-user limit, and allows one again after a revoke', async () => {
    const owner = org.facilitator;
    const have = await app.deps.db
      .selectFrom('api_tokens')
      .select('id')
      .where('user_id', '=', owner.actor.userId)
      .execute();
    for (let i = have.length; i < 50; i++) {
      const res = await request(app, {
        method: 'POST',
        url: '/api/v1/me/tokens',
        body: { name: `t${i}` },
        as: { token: owner.token },
      });
      expect(res.statusCode).toBe(201);
    }
    const before = await snapshot(app);
    const over = await request(app, {
      method: 'POST',
      url: '/api/v1/me/tokens',
      body: { name: 'one too many' },
      as: { token: owner.token },
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().detail).toMatch(/Revoke one/);
    expect(await snapshot(app)).toEqual(before);
    const list = await request(app, { method: 'GET', url: '/api/v1/me/tokens', as: { token: owner.token } });
    const spare = list.json().tokens.find((t: { name: string }) => t.name !== 'test');
    await request(app, {
      method: 'DELETE',
      url: `/api/v1/me/tokens/${spare.id}`,
      as: { token: owner.token },
    });
    const again = await request(app, {
      method: 'POST',
      url: '/api/v1/me/tokens',
      body: { name: 'fits now' },
      as: { token: owner.token },
    });
    expect(again.statusCode).toBe(201);
  });

  describe('expiry', () => {
    let clock = Date.parse('2030-03-01T12:00:00Z');
    let timed: TestApp;
    let timedOrg: TestOrganization;
    beforeAll(async () => {
      timed = await createTestApp(engine, { now: () => new Date(clock) });
      timedOrg = await createOrganization(timed, 'Exp');
    });
    afterAll(() => timed.close());

    const create = (body: unknown) =>
      request(timed, { method: 'POST', url: '/api/v1/me/tokens', body, as: { token: timedOrg.admin.token } });

    it('never expires unless asked to, and says so', async () => {
      const res = await create({ name: 'forever' });
      expect(res.statusCode).toBe(201);
      expect(res.json().token.expiresAt).toBeNull();
    });

    it('expires after the days asked for: refused then with a 401 saying it expired and when', async () => {
      const res = await create({ name: 'for a month', expiresInDays: 30 });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().token.expiresAt).toBe('2030-03-31T12:00:00.000Z');
      const secret = res.json().secret as string;
      const listed = await request(timed, { method: 'GET', url: '/api/v1/me/tokens', as: { token: secret } });
      expect(listed.json().tokens.find((t: { name: string }) => t.name === 'for a month').expiresAt).toBe(
        '2030-03-31T12:00:00.000Z',
      );
      clock = Date.parse('2030-03-31T11:59:59Z');
      expect(
        (await request(timed, { method: 'GET', url: '/api/v1/session', as: { token: secret } })).statusCode,
      ).toBe(200);
      clock = Date.parse('2030-03-31T12:00:00Z');
      const expired = await request(timed, { method: 'GET', url: '/api/v1/session', as: { token: secret } });
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toMatchObject({ code: 'unauthenticated' });
      expect(expired.json().detail).toBe(
        'This API token expired on 2030-03-31 at 12:00 UTC. Create a new one under Account.',
      );
      // Expired tokens still cannot write, either.
      const write = await request(timed, {
        method: 'POST',
        url: '/api/v1/me/tokens',
        body: { name: 'sneaky' },
        as: { token: secret },
      });
      expect(write.statusCode).toBe(401);
    });

    it.each([0, -1, 1.5, 367, '30', null])('refuses expiresInDays=%j with 400', async (days) => {
      const res = await create({ name: 'bad', expiresInDays: days });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toMatchObject({
        path: 'expiresInDays',
        message: expect.stringMatching(/whole number of days from 1 to 366/),
      });
    });
  });
});
