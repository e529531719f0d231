import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type TestOrganization } from '../test/factories.js';
import { answerAll, obtainToken, openRoundWithTeam } from '../test/listening-factory.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import { remindLeaders, sendLoopDigests } from './commitment-jobs.js';

const WEEKLY_MONDAY = 'I will share the draft roadmap with the team every Monday before it is decided';
const WEEKLY_TUESDAY = 'I will hold a roadmap Q&A every Tuesday morning';
const ONCE = 'I will publish how roadmap decisions are made by the end of April';

describe.each(ENGINES)('commitment jobs (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let repairId = '';
  let themeId = '';
  let mondayId = '';
  let tuesdayId = '';
  let people: { personId: string; name: string }[] = [];
  // Monday 2 March 2026, 10:00 UTC (11:00 in Berlin).
  let clock = new Date('2026-03-02T10:00:00Z');
  const leader = () => ({ token: org.leader.token });
  const url = (path = '') => `/api/v1/repairs/${repairId}${path}`;
  const answerTexts = (i: number) => ({
    impact: `Secret answer ${i}: nobody asked me about the roadmap`,
    need: `Secret need ${i}: ask before deciding`,
  });

  const commit = async (action: string, schedule: unknown) => {
    const res = await request(app, {
      method: 'POST',
      url: url('/commitments'),
      body: {
        action,
        evidence: 'The team sees it in the #team channel',
        schedule,
        startsOn: '2026-03-02',
        themeIds: [themeId],
      },
      as: leader(),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const mails = (prefix: string) =>
    app.deps.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('dedupe_key', 'like', `${prefix}%`)
      .orderBy('created_at')
      .execute();
  const loopMailsAt = async (at: Date) =>
    (await mails('loop:')).filter((m) => m.created_at === at.toISOString());

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, 'CommitJobs');
    await app.deps.db
      .updateTable('organizations')
      .set({ time_zone: 'Europe/Berlin' })
      .where('id', '=', org.id)
      .execute();
    const round = await openRoundWithTeam(app, org, 3);
    repairId = round.repairId;
    people = round.links;
    for (const [i, link] of round.links.entries())
      await answerAll(app, await obtainToken(app, link.secret), answerTexts(i));
    await request(app, { method: 'POST', url: url('/round/close'), as: leader() });
    await request(app, {
      method: 'POST',
      url: url('/messages'),
      body: { body: 'I decided without you. That is on me.' },
      as: leader(),
    });
    const answers = (await request(app, { method: 'GET', url: url('/answers'), as: leader() })).json();
    const theme = await request(app, {
      method: 'POST',
      url: url('/themes'),
      body: {
        name: 'Asked before roadmap changes',
        need: 'to be consulted',
        answerIds: answers.questions[0].answers.map((a: { id: string }) => a.id),
      },
      as: leader(),
    });
    expect(theme.statusCode, theme.body).toBe(201);
    themeId = theme.json().id;
    mondayId = await commit(WEEKLY_MONDAY, {
      kind: 'recurring',
      pattern: { type: 'weekly', weekdays: ['monday'], timeOfDay: '09:00' },
    });
    tuesdayId = await commit(WEEKLY_TUESDAY, {
      kind: 'recurring',
      pattern: { type: 'weekly', weekdays: ['tuesday'], timeOfDay: '09:00' },
    });
    const retired = await request(app, {
      method: 'POST',
      url: url(`/commitments/${tuesdayId}/retire`),
      body: { reason: 'Folded into the Monday review.' },
      as: leader(),
    });
    expect(retired.statusCode).toBe(200);
    const links = await request(app, { method: 'POST', url: url('/team-links'), as: leader() });
    expect(links.statusCode, links.body).toBe(200);
  });
  afterAll(() => app.close());

  it('sends one update per affected person, without answers or names, and nothing more that day', async () => {
    clock = new Date('2026-03-02T12:00:00Z');
    expect(await sendLoopDigests(app.deps)).toBe(3);
    expect(await sendLoopDigests(app.deps)).toBe(0);
    const sent = await loopMailsAt(clock);
    expect(sent).toHaveLength(3);
    const emails = await app.deps.db
      .selectFrom('people')
      .select(['id', 'email'])
      .where(
        'id',
        'in',
        people.map((p) => p.personId),
      )
      .execute();
    expect(sent.map((m) => m.recipient).sort()).toEqual(emails.map((e) => e.email).sort());
    for (const mail of sent) {
      expect(mail.body).toContain('You said: Asked before roadmap changes (to be consulted)');
      expect(mail.body).toContain(`I committed: ${WEEKLY_MONDAY}`);
      expect(mail.body).toContain('nothing to report yet');
      expect(mail.body).toContain('Open your team-space link from the earlier email');
      // The retired commitment is not announced; the body holds no link secret.
      expect(mail.body).not.toContain(WEEKLY_TUESDAY);
      expect(mail.body).not.toContain('/team#');
    }
  });

  it('batches several events into the next day and announces only what is new', async () => {
    clock = new Date('2026-03-02T13:00:00Z');
    await commit(ONCE, { kind: 'once', due: '2026-04-30' });
    clock = new Date('2026-03-02T15:00:00Z');
    expect(await sendLoopDigests(app.deps)).toBe(0);
    clock = new Date('2026-03-03T08:00:00Z');
    expect(await sendLoopDigests(app.deps)).toBe(3);
    expect(await sendLoopDigests(app.deps)).toBe(0);
    const sent = await loopMailsAt(clock);
    expect(sent).toHaveLength(3);
    for (const mail of sent) {
      expect(mail.body).toContain(`I committed: ${ONCE}`);
      expect(mail.body).not.toContain(WEEKLY_MONDAY);
    }
    // A new day with nothing new sends nothing.
    clock = new Date('2026-03-04T08:00:00Z');
    expect(await sendLoopDigests(app.deps)).toBe(0);
  });

  it('reminds the leader once before a due occurrence, in local time, with a link to the repair', async () => {
    // The next Monday occurrence is 9 March, 09:00 in Berlin (08:00 UTC): 25 hours away, not yet.
    clock = new Date('2026-03-08T07:00:00Z');
    expect(await remindLeaders(app.deps)).toBe(0);
    clock = new Date('2026-03-08T09:00:00Z');
    expect(await remindLeaders(app.deps)).toBe(1);
    expect(await remindLeaders(app.deps)).toBe(0);
    clock = new Date('2026-03-08T20:00:00Z');
    expect(await remindLeaders(app.deps)).toBe(0);
    const sent = await mails('occurrence-reminder:');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipient: org.leader.email,
      dedupe_key: `occurrence-reminder:${mondayId}:2026-03-09T08:00:00.000Z`,
    });
    expect(sent[0]?.body).toContain(WEEKLY_MONDAY);
    expect(sent[0]?.body).toContain('Monday');
    expect(sent[0]?.body).toContain('09:00');
    expect(sent[0]?.body).toContain(`${app.deps.baseUrl}/repairs/${repairId}`);
  });

  it('sends no reminder for a retired commitment', async () => {
    // The retired Tuesday commitment would be due on 10 March at 08:00 UTC.
    clock = new Date('2026-03-09T09:00:00Z');
    expect(await remindLeaders(app.deps)).toBe(0);
    expect((await mails(`occurrence-reminder:${tuesdayId}`)).length).toBe(0);
  });

  it('sends no reminder for an occurrence already recorded, and tells the team what was done', async () => {
    clock = new Date('2026-03-15T09:00:00Z');
    const recorded = await request(app, {
      method: 'POST',
      url: url(`/commitments/${mondayId}/occurrences`),
      body: { dueAt: '2026-03-16T08:00:00Z', status: 'kept', note: 'Posted the draft on Sunday for Monday.' },
      as: leader(),
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(await remindLeaders(app.deps)).toBe(0);
    expect((await mails(`occurrence-reminder:${mondayId}:2026-03-16`)).length).toBe(0);

    expect(await sendLoopDigests(app.deps)).toBe(3);
    expect(await sendLoopDigests(app.deps)).toBe(0);
    const sent = await loopMailsAt(clock);
    expect(sent).toHaveLength(3);
    for (const mail of sent) {
      expect(mail.body).toContain(`I committed: ${WEEKLY_MONDAY}`);
      expect(mail.body).toContain(
        'Here is what I did: 2026-03-16, done: Posted the draft on Sunday for Monday.',
      );
      expect(mail.body).not.toContain(ONCE);
    }
  });

  it('never reveals answers or who said what in any email', async () => {
    const all = await app.deps.db.selectFrom('mail_outbox').selectAll().execute();
    const loop = all.filter((m) => m.dedupe_key?.startsWith('loop:'));
    // At most one update per person per day.
    expect(new Set(loop.map((m) => `${m.recipient}:${m.created_at.slice(0, 10)}`)).size).toBe(loop.length);
    for (const mail of all) {
      for (let i = 0; i < 3; i++) {
        const texts = answerTexts(i);
        expect(mail.body ?? '').not.toContain(texts.impact);
        expect(mail.body ?? '').not.toContain(texts.need);
      }
    }
    for (const mail of [...loop, ...(await mails('occurrence-reminder:'))]) {
      for (const person of people) expect(mail.body ?? '').not.toContain(person.name);
    }
  });
});
