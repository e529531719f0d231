import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../../test/factories.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

const PASSWORD = 'a long enough password';
const VALID = {
  organizationName: 'Acme',
  name: 'Ada Admin',
  email: 'Ada@Example.org',
  password: PASSWORD,
};

function sessionCookie(res: { headers: Record<string, unknown> }): { value: string; header: string } {
  const raw = res.headers['set-cookie'];
  const headers = (Array.isArray(raw) ? raw : [raw]).filter((h): h is string => typeof h === 'string');
  const header = headers.find((h) => h.startsWith('kintsugi_session='));
  if (!header) throw new Error(`no kintsugi_session cookie in ${JSON.stringify(raw)}`);
  const value = header.slice('kintsugi_session='.length).split(';')[0] ?? '';
  return { value, header };
}

describe.each(ENGINES)('setup routes (%s)', (engine) => {
  describe('on an empty database', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp(engine);
    });
    afterAll(async () => {
      await app.close();
    });

    it('reports that set-up is needed', async () => {
      const res = await request(app, { method: 'GET', url: '/api/v1/setup' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ needsSetup: true });
    });

    it.each([
      ['a short password', 'password', { ...VALID, password: 'short' }],
      ['a bad email', 'email', { ...VALID, email: 'not-an-email' }],
      ['an unknown field', 'plan', { ...VALID, plan: 'enterprise' }],
      ['a missing field', 'organizationName', { name: VALID.name, email: VALID.email, password: PASSWORD }],
      ['an empty name', 'name', { ...VALID, name: '   ' }],
    ])('rejects %s with 400 invalid_input naming %s, and creates nothing', async (_label, path, body) => {
      const before = await snapshot(app);
      const res = await request(app, { method: 'POST', url: '/api/v1/setup', body });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json();
      expect(problem.code).toBe('invalid_input');
      expect(problem.detail).toMatch(/not valid/);
      expect(Array.isArray(problem.errors)).toBe(true);
      expect(problem.errors.length).toBeGreaterThan(0);
      // Each error names the offending field in `path`, also for a field that is not allowed at all.
      expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(problem.detail).toContain(path);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await snapshot(app)).toEqual(before);
      expect((await request(app, { method: 'GET', url: '/api/v1/setup' })).json()).toEqual({
        needsSetup: true,
      });
    });

    it('rejects a body that is not JSON with 400 and creates nothing', async () => {
      const before = await snapshot(app);
      const res = await request(app, {
        method: 'POST',
        url: '/api/v1/setup',
        body: '{"organizationName":',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toMatch(/not valid JSON/);
      expect(await snapshot(app)).toEqual(before);
    });

    let cookie = '';
    let csrfToken = '';

    it('creates the organisation and its first admin, signed in', async () => {
      const res = await request(app, { method: 'POST', url: '/api/v1/setup', body: VALID });
      expect(res.statusCode).toBe(201);
      const session = res.json();
      expect(session.role).toBe('admin');
      expect(session.user.email).toBe('ada@example.org');
      expect(session.user.name).toBe('Ada Admin');
      expect(session.organization.name).toBe('Acme');
      expect(typeof session.csrfToken).toBe('string');
      expect(session.csrfToken.length).toBeGreaterThanOrEqual(32);

      const { value, header } = sessionCookie(res);
      expect(value.length).toBeGreaterThanOrEqual(32);
      expect(header).toMatch(/;\s*HttpOnly/i);
      expect(header).toMatch(/;\s*SameSite=Lax/i);
      expect(header).toMatch(/;\s*Path=\//i);
      cookie = value;
      csrfToken = session.csrfToken;

      const { db } = app.deps;
      const orgs = await db.selectFrom('organizations').selectAll().execute();
      expect(orgs).toHaveLength(1);
      expect(orgs[0]?.id).toBe(session.organization.id);
      const people = await db.selectFrom('people').selectAll().execute();
      expect(people).toHaveLength(1);
      expect(people[0]).toMatchObject({ id: session.person.id, role: 'admin', email: 'ada@example.org' });
      expect(people[0]?.user_id).toBe(session.user.id);
    });

    it('stores the password only as a scrypt hash', async () => {
      const user = await app.deps.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(user.password_hash.startsWith('scrypt$')).toBe(true);
      expect(user.password_hash).not.toContain(PASSWORD);
    });

    it('returns a cookie that works for GET /api/v1/session', async () => {
      const res = await request(app, { method: 'GET', url: '/api/v1/session', as: { cookie, csrfToken } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ role: 'admin', user: { email: 'ada@example.org' }, csrfToken });
    });

    it('then reports that set-up is no longer needed', async () => {
      const res = await request(app, { method: 'GET', url: '/api/v1/setup' });
      expect(res.json()).toEqual({ needsSetup: false });
    });

    it('refuses a second set-up with 409 already_set_up and changes nothing', async () => {
      const before = await snapshot(app);
      const res = await request(app, {
        method: 'POST',
        url: '/api/v1/setup',
        body: { ...VALID, organizationName: 'Intruder', email: 'mallory@example.org' },
      });
      expect(res.statusCode).toBe(409);
      const problem = res.json();
      expect(problem.code).toBe('already_set_up');
      expect(problem.detail).toMatch(/already set up/i);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await snapshot(app)).toEqual(before);
    });
  });
});
