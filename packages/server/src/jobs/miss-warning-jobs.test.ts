import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committingRepair } from '../test/commitment-factory.js';
import { createOrganization, type TestOrganization } from '../test/factories.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import { remindLeaders } from './commitment-jobs.js';
import { warnBeforeAutomaticMiss } from './miss-warning-jobs.js';

describe.each(ENGINES)('the warning before an automatic miss (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let repairId = '';
  let commitmentId = '';
  // Monday 2 March 2026, 07:00 UTC; the commitment falls due every Monday at 09:00 UTC.
  let clock = new Date('2026-03-02T07:00:00Z');
  const warnings = () =>
    app.deps.db
      .selectFrom('mail_outbox')
      .select(['recipient', 'subject', 'body', 'dedupe_key'])
      .where('dedupe_key', 'like', 'miss-warning:%')
      .orderBy('created_at')
      .execute();

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, 'Warn');
    const made = await committingRepair(app, org, 3, 'warn');
    repairId = made.repairId;
    const res = await request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${repairId}/commitments`,
      body: {
        action: 'I will post the roadmap draft in the team channel every Monday',
        evidence: 'The draft is in the #team channel',
        schedule: {
          kind: 'recurring',
          pattern: { type: 'weekly', weekdays: ['monday'], timeOfDay: '09:00' },
        },
        startsOn: '2026-03-02',
        themeIds: [made.themeId],
      },
      as: { token: org.leader.token },
    });
    expect(res.statusCode, res.body).toBe(201);
    commitmentId = res.json().id;
  });
  afterAll(() => app.close());

  it('tells the leader once, twelve hours before an unrecorded occurrence counts as missed', async () => {
    // 35 hours after it was due: not yet.
    clock = new Date('2026-03-03T20:00:00Z');
    expect(await warnBeforeAutomaticMiss(app.deps)).toBe(0);
    // 36 hours after: the leader is told, once, whatever the number of runs.
    clock = new Date('2026-03-03T21:00:00Z');
    expect(await warnBeforeAutomaticMiss(app.deps)).toBe(1);
    clock = new Date('2026-03-04T08:59:00Z');
    expect(await warnBeforeAutomaticMiss(app.deps)).toBe(0);
    const [mail, ...others] = await warnings();
    expect(others).toEqual([]);
    expect(mail?.recipient).toBe(org.leader.email);
    expect(mail?.subject).toBe(
      'Not recorded yet: I will post the roadmap draft in the team channel every Monday',
    );
    expect(mail?.dedupe_key).toBe(`miss-warning:${commitmentId}:2026-03-02`);
    expect(mail?.body).toContain('was due Monday 2 March at 09:00 (UTC)');
    expect(mail?.body).toContain(
      'An occurrence not recorded within 48 hours of its due time counts as missed in the record the team sees.',
    );
    expect(mail?.body).toContain('this one counts as missed Wednesday 4 March at 09:00 (UTC)');
    expect(mail?.body).toContain(`/repairs/${repairId}`);
  });

  it('says nothing about an occurrence already recorded, or once it counts as missed', async () => {
    clock = new Date('2026-03-09T10:00:00Z');
    const recorded = await request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${repairId}/commitments/${commitmentId}/occurrences`,
      body: { dueAt: '2026-03-09T09:00:00.000Z', status: 'kept', note: 'Posted it.' },
      as: { token: org.leader.token },
    });
    expect(recorded.statusCode).toBe(201);
    clock = new Date('2026-03-10T22:00:00Z');
    expect(await warnBeforeAutomaticMiss(app.deps)).toBe(0);
    // 16 March left unrecorded, and the server was down for its last twelve hours of grace: too late to warn.
    clock = new Date('2026-03-18T09:00:00Z');
    expect(await warnBeforeAutomaticMiss(app.deps)).toBe(0);
    expect(await warnings()).toHaveLength(1);
  });

  it('says the rule in the reminder before an occurrence, too', async () => {
    clock = new Date('2026-03-22T10:00:00Z');
    expect(await remindLeaders(app.deps)).toBe(1);
    const reminder = await app.deps.db
      .selectFrom('mail_outbox')
      .select('body')
      .where('dedupe_key', 'like', 'occurrence-reminder:%')
      .executeTakeFirstOrThrow();
    expect(reminder.body).toContain('counts as missed in the record the team sees');
  });
});
