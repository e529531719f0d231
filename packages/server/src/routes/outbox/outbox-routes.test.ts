import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type TestOrganization } from '../../test/factories.js';
import { openRoundWithTeam } from '../../test/listening-factory.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

describe.each(ENGINES)('outbox (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let other: TestOrganization;

  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Out');
    other = await createOrganization(app, 'Elsewhere');
    await openRoundWithTeam(app, org, 3);
    await openRoundWithTeam(app, other, 3);
  });
  afterAll(() => app.close());

  it('shows admins the invitations waiting to be delivered by hand, links included', async () => {
    const res = await request(app, { method: 'GET', url: '/api/v1/outbox', as: { token: org.admin.token } });
    expect(res.statusCode).toBe(200);
    const outbox = res.json();
    expect(outbox.delivering).toBe(false);
    expect(outbox.messages).toHaveLength(3);
    for (const m of outbox.messages) {
      expect(m.body).toContain('/answer#');
      expect(m.sentAt).toBeNull();
      expect(m.to).toMatch(/@example\.org$/);
    }
  });

  it("shows only the organisation's own mail, and only to admins", async () => {
    const mine = (
      await request(app, { method: 'GET', url: '/api/v1/outbox', as: { token: other.admin.token } })
    ).json();
    expect(mine.messages.every((m: { to: string }) => m.to.includes('@example.org'))).toBe(true);
    expect(mine.messages).toHaveLength(3);
    for (const who of ['leader', 'facilitator', 'member'] as const) {
      const res = await request(app, { method: 'GET', url: '/api/v1/outbox', as: { token: org[who].token } });
      expect(res.statusCode).toBe(403);
    }
  });
});
