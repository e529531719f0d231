import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, snapshot, type TestOrganization } from '../../test/factories.js';
import { answerAll, obtainToken, openRoundWithTeam } from '../../test/listening-factory.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

describe.each(ENGINES)('responding, commitments and the demonstration ledger (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let repairId = '';
  let themeIds: string[] = [];
  let commitmentId = '';
  // Monday 2 March 2026, 07:00 UTC: the leader is committing, an hour before the first occurrence.
  let clock = new Date('2026-03-02T07:00:00Z');
  const leader = () => ({ token: org.leader.token });
  const url = (path = '') => `/api/v1/repairs/${repairId}${path}`;

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, 'Commit');
    await app.deps.db
      .updateTable('organizations')
      .set({ time_zone: 'Europe/Berlin' })
      .where('id', '=', org.id)
      .execute();
    const round = await openRoundWithTeam(app, org, 3);
    repairId = round.repairId;
    for (const link of round.links) {
      await answerAll(app, await obtainToken(app, link.secret), {
        impact: 'We were not asked about the roadmap',
        need: 'To be asked first',
      });
    }
  });
  afterAll(() => app.close());

  it('refuses a response before the round has closed, then publishes an immutable message', async () => {
    const early = await request(app, {
      method: 'POST',
      url: url('/messages'),
      body: { body: 'Thank you.' },
      as: leader(),
    });
    expect(early.statusCode).toBe(409);
    await request(app, { method: 'POST', url: url('/round/close'), as: leader() });
    const published = await request(app, {
      method: 'POST',
      url: url('/messages'),
      body: { body: 'I decided without you. That is on me.' },
      as: leader(),
    });
    expect(published.statusCode, published.body).toBe(201);
    const list = (await request(app, { method: 'GET', url: url('/messages'), as: leader() })).json();
    expect(list.messages.map((m: { body: string }) => m.body)).toEqual([
      'I decided without you. That is on me.',
    ]);
    expect((await request(app, { method: 'GET', url: url(), as: leader() })).json().stage).toBe('committing');
  });

  it('needs every theme answered, by a commitment or a reason, before demonstrating', async () => {
    const answers = (await request(app, { method: 'GET', url: url('/answers'), as: leader() })).json();
    const ids = answers.questions[0].answers.map((a: { id: string }) => a.id);
    themeIds = [];
    for (const name of ['Asked before roadmap changes', 'Clear reasons']) {
      const theme = await request(app, {
        method: 'POST',
        url: url('/themes'),
        body: { name, need: 'to be consulted', answerIds: ids },
        as: leader(),
      });
      themeIds.push(theme.json().id);
    }
    const blocked = await request(app, { method: 'POST', url: url('/demonstrate'), as: leader() });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().errors).toHaveLength(2);
    const reason = await request(app, {
      method: 'PUT',
      url: url(`/themes/${themeIds[1]}/reason`),
      body: { reason: 'Covered by the roadmap commitment.' },
      as: leader(),
    });
    expect(reason.statusCode, reason.body).toBe(200);
  });

  it("creates a weekly commitment in the organisation's time zone and checks that it is observable", async () => {
    const bad = await request(app, {
      method: 'POST',
      url: url('/commitments'),
      body: {
        action: 'x',
        evidence: 'y',
        schedule: { kind: 'once', due: '2026-03-10' },
        startsOn: '2026-03-02',
        themeIds: ['00000000-0000-4000-8000-000000000009'],
      },
      as: leader(),
    });
    expect(bad.statusCode).toBe(400);
    const res = await request(app, {
      method: 'POST',
      url: url('/commitments'),
      body: {
        action: 'I will share the draft roadmap with the team every Monday before it is decided',
        evidence: 'The team sees it in the #team channel',
        schedule: {
          kind: 'recurring',
          pattern: { type: 'weekly', weekdays: ['monday'], timeOfDay: '09:00' },
        },
        startsOn: '2026-03-02',
        themeIds: [themeIds[0]],
      },
      as: leader(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const commitment = res.json();
    commitmentId = commitment.id;
    expect(commitment.scheduleText).toMatch(/Monday/);
    expect(commitment.vague).toBe(false);
    // 09:00 in Berlin in winter is 08:00 UTC.
    expect(commitment.occurrences[0]).toMatchObject({
      dueAt: '2026-03-02T08:00:00.000Z',
      localDate: '2026-03-02',
      status: 'upcoming',
    });
    const vague = await request(app, {
      method: 'POST',
      url: url('/commitments'),
      body: {
        action: 'I will try to communicate better',
        evidence: 'You will feel it',
        schedule: { kind: 'event', description: 'whenever' },
        startsOn: '2026-03-02',
        themeIds: [],
      },
      as: leader(),
    });
    expect(vague.json().vague).toBe(true);
    expect(vague.json().missing.length).toBeGreaterThan(0);
  });

  it('moves to demonstrating once every theme is answered', async () => {
    const res = await request(app, { method: 'POST', url: url('/demonstrate'), as: leader() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().stage).toBe('demonstrating');
  });

  it('records occurrences and keeps the reliability record honest', async () => {
    clock = new Date('2026-03-20T12:00:00Z');
    const record = (dueAt: string | undefined, status: 'kept' | 'missed', note: string) =>
      request(app, {
        method: 'POST',
        url: url(`/commitments/${commitmentId}/occurrences`),
        body: { dueAt, status, note },
        as: leader(),
      });
    expect(
      (await record('2026-03-02T08:00:00Z', 'kept', 'Posted the draft on Monday morning.')).statusCode,
    ).toBe(201);
    expect(
      (await record('2026-03-09T08:00:00Z', 'missed', 'I forgot; that is on me. It is in my calendar now.'))
        .statusCode,
    ).toBe(201);
    const before = await snapshot(app);
    expect((await record('2026-03-09T08:00:00Z', 'kept', 'again')).statusCode).toBe(409);
    expect((await record('2026-03-10T08:00:00Z', 'kept', 'not a due time')).statusCode).toBe(400);
    expect((await record('2026-04-06T07:00:00Z', 'kept', 'the future')).statusCode).toBe(409);
    expect((await record(undefined, 'kept', 'which one?')).statusCode).toBe(400);
    expect(await snapshot(app)).toEqual(before);

    const view = (await request(app, { method: 'GET', url: url('/commitments'), as: leader() })).json();
    const c = view.commitments.find((x: { id: string }) => x.id === commitmentId);
    // 2 March kept, 9 March missed (owned), 16 March unrecorded for more than 48 hours: missed.
    expect(c.record).toMatchObject({ due: 3, kept: 1, missed: 2, currentStreak: 0, longestStreak: 1 });
    expect(c.record.keptShare).toBeCloseTo(1 / 3, 10);
    expect(c.record.strip.map((s: { state: string }) => s.state)).toEqual(['kept', 'missed', 'missed']);
    expect(c.occurrences.filter((o: { status: string }) => o.status === 'upcoming').length).toBeGreaterThan(
      0,
    );
    expect(view.coverage.canDemonstrate).toBe(true);
    expect(view.record.due).toBe(3);
  });

  it('retires a commitment with a visible reason and keeps its history', async () => {
    const retired = await request(app, {
      method: 'POST',
      url: url(`/commitments/${commitmentId}/retire`),
      body: { reason: 'Moving the roadmap review to Tuesdays.' },
      as: leader(),
    });
    expect(retired.statusCode).toBe(200);
    expect(retired.json().retired.reason).toBe('Moving the roadmap review to Tuesdays.');
    expect(retired.json().record.due).toBe(3);
    expect(
      (
        await request(app, {
          method: 'POST',
          url: url(`/commitments/${commitmentId}/retire`),
          body: { reason: 'again' },
          as: leader(),
        })
      ).statusCode,
    ).toBe(409);
    const late = await request(app, {
      method: 'POST',
      url: url(`/commitments/${commitmentId}/occurrences`),
      body: { dueAt: '2026-03-16T08:00:00Z', status: 'kept', note: 'late' },
      as: leader(),
    });
    expect(late.statusCode).toBe(409);
    const view = (await request(app, { method: 'GET', url: url('/commitments'), as: leader() })).json();
    // The theme it answered is now unanswered again: a retired commitment answers nothing.
    expect(view.coverage.themes.find((t: { themeId: string }) => t.themeId === themeIds[0]).state).toBe(
      'unanswered',
    );
  });

  it("keeps everything to the repair's leader and admins; members and other organisations see nothing", async () => {
    for (const path of ['/messages', '/commitments']) {
      expect(
        (await request(app, { method: 'GET', url: url(path), as: { token: org.member.token } })).statusCode,
      ).toBe(404);
    }
    const write = await request(app, {
      method: 'POST',
      url: url('/messages'),
      body: { body: 'hijack' },
      as: { token: org.facilitator.token },
    });
    expect(write.statusCode).toBe(403);
  });
});
