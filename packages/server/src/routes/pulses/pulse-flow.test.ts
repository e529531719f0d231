import { CURRENT_PULSE_VERSION, estimateTrust, pulseItemSet } from '@kintsugi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPulseJobs } from '../../jobs/pulse-jobs.js';
import { createOrganization, snapshot, type TestOrganization } from '../../test/factories.js';
import { openRoundWithTeam } from '../../test/listening-factory.js';
import { answerPulse, obtainPulseToken, secretsOf } from '../../test/pulse-factory.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

const ITEMS = pulseItemSet(CURRENT_PULSE_VERSION).items;

describe.each(ENGINES)('the trust pulse (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let repairId = '';
  let teamId = '';
  let clock = new Date('2026-05-04T09:00:00Z');
  const leader = () => ({ token: org.leader.token });

  const recovery = async (as: { token: string } = leader()) => {
    const res = await request(app, { method: 'GET', url: `/api/v1/repairs/${repairId}/recovery`, as });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const sendNow = () => request(app, { method: 'POST', url: `/api/v1/teams/${teamId}/pulses`, as: leader() });
  /** One run of the scheduler: answers waiting for closed pulses are stored first, then the pulse jobs run. */
  const runJobs = async () => {
    await app.deps.ballots.flushClosed(app.deps);
    return runPulseJobs(app.deps);
  };

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, 'Pulse');
    // Six members: the k-th answer is stored at once, for it leaves k people who may still answer.
    const round = await openRoundWithTeam(app, org, 6);
    repairId = round.repairId;
    const repair = await app.deps.db
      .selectFrom('repairs')
      .select('team_id')
      .where('id', '=', repairId)
      .executeTakeFirstOrThrow();
    teamId = repair.team_id;
  });
  afterAll(() => app.close());

  it('sends a baseline pulse for a newly opened repair, once, to the members but never the leader', async () => {
    const first = await runJobs();
    expect(first.baselinePulses).toBe(1);
    expect((await runJobs()).baselinePulses).toBe(0);
    const pulses = await app.deps.db.selectFrom('pulses').selectAll().where('team_id', '=', teamId).execute();
    expect(pulses).toHaveLength(1);
    expect(pulses[0]?.kind).toBe('baseline');
    const invited = await app.deps.db
      .selectFrom('pulse_invitations')
      .select('person_id')
      .where('pulse_id', '=', pulses[0]?.id ?? '')
      .execute();
    expect(invited).toHaveLength(6);
    expect(invited.map((i) => i.person_id)).not.toContain(org.leader.actor.personId);
    const mails = await app.deps.db
      .selectFrom('mail_outbox')
      .select(['subject', 'body'])
      .where('subject', 'like', 'How is trust%')
      .execute();
    expect(mails).toHaveLength(6);
    expect(mails[0]?.body).toMatch(/\/pulse#[A-Za-z0-9_-]{43}/);
    // The baseline stays open: another pulse now is refused.
    const again = await sendNow();
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('already open');
  });

  it('refuses people who may not send or read the pulse', async () => {
    const asMember = await request(app, {
      method: 'POST',
      url: `/api/v1/teams/${teamId}/pulses`,
      as: { token: org.member.token },
    });
    expect(asMember.statusCode).toBe(404);
    const asFacilitator = await request(app, {
      method: 'POST',
      url: `/api/v1/teams/${teamId}/pulses`,
      as: { token: org.facilitator.token },
    });
    expect(asFacilitator.statusCode).toBe(403);
    const read = await request(app, {
      method: 'GET',
      url: `/api/v1/teams/${teamId}/pulse`,
      as: { token: org.facilitator.token },
    });
    expect(read.statusCode).toBe(200);
  });

  it('validates the cadence with a clear message and changes nothing on bad input', async () => {
    const before = await snapshot(app);
    const bad = await request(app, {
      method: 'PUT',
      url: `/api/v1/teams/${teamId}/pulse`,
      as: leader(),
      body: { everyWeeks: 3 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toContain('1, 2 or 4');
    expect(await snapshot(app)).toEqual(before);
    const ok = await request(app, {
      method: 'PUT',
      url: `/api/v1/teams/${teamId}/pulse`,
      as: leader(),
      body: { everyWeeks: 2 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ everyWeeks: 2, nextOn: '2026-05-18' });
    expect(ok.json().pulses[0]).toMatchObject({
      kind: 'baseline',
      status: 'open',
      invited: 6,
      answers: 'fewer than k',
    });
  });

  it('shows nothing below k, then the trend from the k-th answer, with only totals stored', async () => {
    const [pulse] = await app.deps.db
      .selectFrom('pulses')
      .select('id')
      .where('team_id', '=', teamId)
      .execute();
    // Reissue links to learn them: the job emailed them; the test reads them from the outbox bodies.
    const bodies = await app.deps.db
      .selectFrom('mail_outbox')
      .select('body')
      .where('subject', 'like', 'How is trust%')
      .execute();
    const secrets = bodies.map((b) => /\/pulse#([A-Za-z0-9_-]{43})/.exec(b.body ?? '')?.[1] ?? '');
    const itemRowsBefore = await app.deps.db
      .selectFrom('pulse_item_counts')
      .select('item_id')
      .where('pulse_id', '=', pulse?.id ?? '')
      .execute();
    expect(itemRowsBefore).toHaveLength(ITEMS.length);

    const values = [2, 3, 3];
    for (const [i, value] of values.slice(0, 2).entries()) {
      const res = await answerPulse(
        app,
        await obtainPulseToken(app, secrets[i] ?? ''),
        value,
        `Comment ${i}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ state: 'pending' });
    }
    // Below k nothing is even written: the totals and comments are as the pulse opened.
    const untouched = await app.deps.db
      .selectFrom('pulses')
      .select(['answers', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7'])
      .where('id', '=', pulse?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ answers: 0, o1: 0, o2: 0, o3: 0, o4: 0, o5: 0, o6: 0, o7: 0 });
    expect(await app.deps.db.selectFrom('pulse_comments').select('id').execute()).toEqual([]);
    let view = await recovery();
    expect(view.pulse.points).toEqual([]);
    expect(view.pulse.withheld).toEqual([
      { from: '2026-05-04', to: '2026-05-04', answers: 'fewer than k', open: true, closesOn: '2026-05-10' },
    ]);
    expect(view.pulse.comments).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('Comment 0');

    const third = await answerPulse(app, await obtainPulseToken(app, secrets[2] ?? ''), 3, 'Comment 2');
    expect(third.statusCode, third.body).toBe(200);
    expect(third.json()).toEqual({ state: 'stored' });
    view = await recovery();
    expect(view.pulse.points).toHaveLength(1);
    const point = view.pulse.points[0];
    expect(point.answers).toBe(3);
    expect(point.open).toBe(true); // still taking answers until 10 May: the numbers may change
    // Independently: every item got one 2 and two 3s, so the overall histogram is that times the item count.
    const expected = estimateTrust([0, ITEMS.length, 2 * ITEMS.length, 0, 0, 0, 0], 3);
    expect(point.overall.mean).toBeCloseTo(expected.mean, 9);
    expect(point.overall.low).toBeCloseTo(expected.low, 9);
    expect(point.overall.high).toBeCloseTo(expected.high, 9);
    expect(view.pulse.comments.map((c: { text: string }) => c.text).sort()).toEqual([
      'Comment 0',
      'Comment 1',
      'Comment 2',
    ]);
    // Only totals: the item rows did not multiply, and nothing names who answered.
    const itemRows = await app.deps.db
      .selectFrom('pulse_item_counts')
      .selectAll()
      .where('pulse_id', '=', pulse?.id ?? '')
      .execute();
    expect(itemRows).toHaveLength(ITEMS.length);
    expect(itemRows.every((r) => r.c2 === 1 && r.c3 === 2)).toBe(true);
    const comments = await app.deps.db.selectFrom('pulse_comments').selectAll().execute();
    expect(Object.keys(comments[0] ?? {}).sort()).toEqual(['answered_on', 'body', 'id', 'pulse_id']);
    expect(comments.every((c) => c.answered_on === '2026-05-04')).toBe(true);
  });

  it('keeps words from facilitators: numbers only, no comments, no forecast', async () => {
    const view = await recovery({ token: org.facilitator.token });
    expect(view.pulse.points).toHaveLength(1);
    expect(view.pulse.comments).toBeNull();
    expect(
      view.heard.questions.every(
        (q: { forecast: unknown; missed: unknown }) => q.forecast === null && q.missed === null,
      ),
    ).toBe(true);
    expect(JSON.stringify(view)).not.toContain('Comment');
    const member = await request(app, {
      method: 'GET',
      url: `/api/v1/repairs/${repairId}/recovery`,
      as: { token: org.member.token },
    });
    expect(member.statusCode).toBe(404);
  });

  it('refuses a second answer, a forged token and ratings for statements the pulse does not ask', async () => {
    const bodies = await app.deps.db
      .selectFrom('mail_outbox')
      .select('body')
      .where('subject', 'like', 'How is trust%')
      .execute();
    const secret = /\/pulse#([A-Za-z0-9_-]{43})/.exec(bodies[3]?.body ?? '')?.[1] ?? '';
    const proof = await obtainPulseToken(app, secret);
    await expect(obtainPulseToken(app, secret)).rejects.toThrow(/already been used/);
    const before = await snapshot(app);
    const unknown = await request(app, {
      method: 'POST',
      url: '/api/v1/pulse/answers',
      body: { ...proof, ratings: [{ itemId: 'made.up', value: 4 }] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toEqual({
      path: 'ratings.0.itemId',
      message: 'This pulse has no statement "made.up".',
    });
    const twice = await request(app, {
      method: 'POST',
      url: '/api/v1/pulse/answers',
      body: {
        ...proof,
        ratings: [
          { itemId: ITEMS[0]?.id, value: 4 },
          { itemId: ITEMS[0]?.id, value: 5 },
        ],
      },
    });
    expect(twice.statusCode).toBe(400);
    const outOfScale = await request(app, {
      method: 'POST',
      url: '/api/v1/pulse/answers',
      body: { ...proof, ratings: [{ itemId: ITEMS[0]?.id, value: 8 }] },
    });
    expect(outOfScale.statusCode).toBe(400);
    expect(outOfScale.json().errors[0].message).toContain('from 1 to 7');
    const forged = await request(app, {
      method: 'POST',
      url: '/api/v1/pulse/answers',
      body: {
        ...proof,
        token: `${proof.token.slice(0, -2)}AA`,
        ratings: [{ itemId: ITEMS[0]?.id, value: 4 }],
      },
    });
    expect(forged.statusCode).toBe(403);
    expect(await snapshot(app)).toEqual(before);
    const answered = await answerPulse(app, proof, 5);
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toEqual({ state: 'pending' });
    // The same token again (a lost response): recognised, nothing added, still the first answer waiting.
    const pending = await snapshot(app);
    const again = await answerPulse(app, proof, 1);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ state: 'pending' });
    expect(await snapshot(app)).toEqual(pending);
    expect(app.deps.ballots.size().submissions).toBe(1);
  });

  it('closes pulses after their last day, reminds once on the last day, and sends the next on the cadence', async () => {
    clock = new Date('2026-05-10T08:00:00Z');
    const reminded = await runJobs();
    // Two of six have not opened their link; a third took a token whose record still waits in memory.
    expect(reminded.pulseReminders).toBe(2);
    expect((await runJobs()).pulseReminders).toBe(0);
    clock = new Date('2026-05-11T08:00:00Z');
    expect((await runJobs()).pulsesClosed).toBe(1);
    const closed = await request(app, { method: 'GET', url: `/api/v1/teams/${teamId}/pulse`, as: leader() });
    expect(closed.json().pulses[0]).toMatchObject({ status: 'closed', answers: 4 });
    clock = new Date('2026-05-18T08:00:00Z');
    const next = await runJobs();
    expect(next.regularPulses).toBe(1);
    expect((await runJobs()).regularPulses).toBe(0);
    const settings = await request(app, {
      method: 'GET',
      url: `/api/v1/teams/${teamId}/pulse`,
      as: leader(),
    });
    expect(settings.json()).toMatchObject({ nextOn: '2026-06-01' });
    expect(settings.json().pulses[0]).toMatchObject({
      kind: 'regular',
      opensOn: '2026-05-18',
      status: 'open',
    });
  });

  it('links sent by hand work, and a clear fall after the baseline is told to the leader and facilitators', async () => {
    clock = new Date('2026-05-25T08:00:00Z');
    await runJobs(); // closes the 18 May pulse (no answers)
    clock = new Date('2026-05-26T08:00:00Z');
    const sent = await sendNow();
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.body).not.toMatch(/\/pulse#/);
    const secrets = await secretsOf(app, sent.json().sent);
    expect(secrets).toHaveLength(6);
    // Sent by hand, it counts as the cadence's: the next regular pulse is two weeks after it.
    const settings = await request(app, {
      method: 'GET',
      url: `/api/v1/teams/${teamId}/pulse`,
      as: leader(),
    });
    expect(settings.json().nextOn).toBe('2026-06-09');
    const states: string[] = [];
    for (const secret of secrets)
      states.push((await answerPulse(app, await obtainPulseToken(app, secret), 1)).json().state);
    // Stored three at a time; the sixth leaves nobody unanswered, so the last three go together.
    expect(states).toEqual(['pending', 'pending', 'stored', 'pending', 'pending', 'stored']);
    const view = await recovery();
    expect(view.pulse.points).toHaveLength(2);
    expect(view.pulse.points[1]).toMatchObject({ answers: 6, open: true });
    expect(view.pulse.change.overall.verdict).toBe('decline');
    expect(view.pulse.relapses).toContain('overall');
    clock = new Date('2026-06-02T08:00:00Z');
    await runJobs();
    await runJobs();
    const alerts = await app.deps.db
      .selectFrom('mail_outbox')
      .select(['recipient', 'body'])
      .where('subject', 'like', '%fallen back%')
      .execute();
    expect(alerts.map((a) => a.recipient).sort()).toEqual([org.facilitator.email, org.leader.email].sort());
    expect(alerts.every((a) => !/Comment/.test(a.body ?? ''))).toBe(true);
  });

  it('exports the story as CSV that carries only what the view shows', async () => {
    const res = await request(app, {
      method: 'GET',
      url: `/api/v1/repairs/${repairId}/recovery.csv`,
      as: leader(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('section,item,from,to,answers,mean,low,high,note');
    const trust = lines.filter((l) => l.startsWith('trust,Trust index,'));
    expect(trust.some((l) => l.includes('fewer than k'))).toBe(true); // the 18 May pulse, withheld
    expect(trust.filter((l) => !l.includes('fewer than k')).every((l) => Number(l.split(',')[4]) >= 3)).toBe(
      true,
    );
    expect(
      lines.some((l) => l.startsWith('change from baseline,Trust index,') && l.endsWith(',decline')),
    ).toBe(true);
    const facilitator = await request(app, {
      method: 'GET',
      url: `/api/v1/repairs/${repairId}/recovery.csv`,
      as: { token: org.facilitator.token },
    });
    expect(facilitator.body).not.toContain('Comment');
  });

  it('shows facilitators every open repair with aggregates, filterable, and refuses members', async () => {
    const res = await request(app, {
      method: 'GET',
      url: '/api/v1/overview',
      as: { token: org.facilitator.token },
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = res.json().repairs.find((r: { repair: { id: string } }) => r.repair.id === repairId);
    expect(row.trust.points).toHaveLength(2);
    expect(row.trust.change.verdict).toBe('decline');
    expect(row.alerts).toContain('trust_relapse');
    const filtered = await request(app, {
      method: 'GET',
      url: `/api/v1/overview?teamId=${org.otherTeamId}`,
      as: { token: org.facilitator.token },
    });
    expect(filtered.json().repairs).toEqual([]);
    const byStage = await request(app, {
      method: 'GET',
      url: '/api/v1/overview?stage=listening',
      as: { token: org.admin.token },
    });
    expect(byStage.json().repairs.map((r: { repair: { id: string } }) => r.repair.id)).toContain(repairId);
    const badStage = await request(app, {
      method: 'GET',
      url: '/api/v1/overview?stage=flying',
      as: { token: org.admin.token },
    });
    expect(badStage.statusCode).toBe(400);
    const member = await request(app, {
      method: 'GET',
      url: '/api/v1/overview',
      as: { token: org.member.token },
    });
    expect(member.statusCode).toBe(403);
    const leaderView = await request(app, { method: 'GET', url: '/api/v1/overview', as: leader() });
    expect(leaderView.statusCode).toBe(403);
  });
});
