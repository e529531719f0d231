import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type TestOrganization } from '../test/factories.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';

// A PostgreSQL restart or failover cuts the pool's idle connections. That must cost nothing but a reconnect:
// no crash from an unhandled 'error' event, and the next request is answered.
describe.runIf(ENGINES.includes('postgres'))('losing idle PostgreSQL connections', () => {
  let app: TestApp;
  let org: TestOrganization;

  beforeAll(async () => {
    app = await createTestApp('postgres');
    org = await createOrganization(app, 'Cut');
  });
  afterAll(() => app.close());

  it('keeps serving after the server terminates every idle connection', async () => {
    const teams = () => request(app, { method: 'GET', url: '/api/v1/teams', as: { token: org.admin.token } });
    expect((await teams()).statusCode).toBe(200);
    const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(app.deps.db);
    const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await admin.connect();
    const killed = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [rows[0]?.db],
    );
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await teams()).statusCode).toBe(200);
  });
});
