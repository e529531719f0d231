import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type TestOrganization } from '../test/factories.js';
import { answerAll, obtainToken, openRoundWithTeam } from '../test/listening-factory.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import { sendMissedTwiceAlerts } from './alert-jobs.js';

describe.each(ENGINES)('missed-twice alerts (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let repairId = '';
  let commitmentId = '';
  // Monday 2 March 2026; the weekly commitment falls due every Monday at 09:00 UTC from that day.
  let clock = new Date('2026-03-02T08:00:00Z');
  const leader = () => ({ token: org.leader.token });
  const url = (path = '') => `/api/v1/repairs/${repairId}${path}`;
  const record = (dueAt: string, status: 'kept' | 'missed') =>
    request(app, {
      method: 'POST',
      url: url(`/commitments/${commitmentId}/occurrences`),
      body: {
        dueAt,
        status,
        note: status === 'kept' ? 'Shared the draft.' : 'I did not share it; that was mine.',
      },
      as: leader(),
    });
  const alerts = () =>
    app.deps.db
      .selectFrom('mail_outbox')
      .select(['recipient', 'subject', 'body'])
      .where('dedupe_key', 'like', 'missed-twice:%')
      .execute();

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, 'Alerts');
    const round = await openRoundWithTeam(app, org, 3);
    repairId = round.repairId;
    for (const link of round.links)
      await answerAll(app, await obtainToken(app, link.secret), {
        impact: 'A secret answer about the roadmap',
      });
    await request(app, { method: 'POST', url: url('/round/close'), as: leader() });
    await request(app, {
      method: 'POST',
      url: url('/messages'),
      body: { body: 'That was my decision.' },
      as: leader(),
    });
    const answers = (await request(app, { method: 'GET', url: url('/answers'), as: leader() })).json();
    const theme = await request(app, {
      method: 'POST',
      url: url('/themes'),
      body: {
        name: 'Asked first',
        need: 'To be asked',
        acknowledgement: 'I did not ask.',
        answerIds: answers.questions[0].answers.map((a: { id: string }) => a.id),
      },
      as: leader(),
    });
    const made = await request(app, {
      method: 'POST',
      url: url('/commitments'),
      body: {
        action: 'I will share the roadmap draft every Monday',
        evidence: 'In the team channel',
        schedule: {
          kind: 'recurring',
          pattern: { type: 'weekly', weekdays: ['monday'], timeOfDay: '09:00' },
        },
        startsOn: '2026-03-02',
        themeIds: [theme.json().id],
      },
      as: leader(),
    });
    commitmentId = made.json().id;
  });
  afterAll(() => app.close());

  it('says nothing after one miss, then tells the leader and facilitators once after the second', async () => {
    clock = new Date('2026-03-10T12:00:00Z');
    expect((await record('2026-03-02T09:00:00.000Z', 'missed')).statusCode).toBe(201);
    expect(await sendMissedTwiceAlerts(app.deps)).toBe(0);
    expect((await record('2026-03-09T09:00:00.000Z', 'missed')).statusCode).toBe(201);
    expect(await sendMissedTwiceAlerts(app.deps)).toBe(2);
    expect(await sendMissedTwiceAlerts(app.deps)).toBe(0);
    const sent = await alerts();
    expect(sent.map((m) => m.recipient).sort()).toEqual([org.facilitator.email, org.leader.email].sort());
    const leaderMail = sent.find((m) => m.recipient === org.leader.email);
    expect(leaderMail?.body).toContain('I will share the roadmap draft every Monday');
    const facilitatorMail = sent.find((m) => m.recipient === org.facilitator.email);
    expect(facilitatorMail?.body).not.toContain('roadmap draft');
    expect(JSON.stringify(sent)).not.toContain('secret answer');
  });

  it('counts an unrecorded occurrence past its grace period as missed, and a kept one ends the alerting', async () => {
    // 16 March went unrecorded; two days later it counts as missed: a third miss in a row tells again.
    clock = new Date('2026-03-18T12:00:00Z');
    expect(await sendMissedTwiceAlerts(app.deps)).toBe(2);
    clock = new Date('2026-03-23T12:00:00Z');
    expect((await record('2026-03-16T09:00:00.000Z', 'kept')).statusCode).toBe(201);
    expect((await record('2026-03-23T09:00:00.000Z', 'kept')).statusCode).toBe(201);
    expect(await sendMissedTwiceAlerts(app.deps)).toBe(0);
  });
});
