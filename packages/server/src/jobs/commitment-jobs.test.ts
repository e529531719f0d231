import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as migrateLoopUpdates } from '../db/migrations/0010-loop-updates.js';
import { createMailer, type Mailer } from '../mail/mailer.js';
import { createOrganization, type TestOrganization } from '../test/factories.js';
import { answerAll, obtainToken, openRoundWithTeam } from '../test/listening-factory.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import { remindLeaders, sendLoopDigests } from './commitment-jobs.js';

const WEEKLY_MONDAY = 'I will share the draft roadmap with the team every Monday before it is decided';
const WEEKLY_TUESDAY = 'I will hold a roadmap Q&A every Tuesday morning';
const ONCE = 'I will publish how roadmap decisions are made by the end of April';
const EVENT = 'I will ask the team before any change to the roadmap';
const silent = { info: () => {}, warn: () => {} };

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
  const record = async (commitmentId: string, body: Record<string, string>) => {
    const res = await request(app, {
      method: 'POST',
      url: url(`/commitments/${commitmentId}/occurrences`),
      body,
      as: leader(),
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  /** The "Here is what I did" lines of a body, in the order they appear. */
  const didLines = (body: string | null) => (body ?? '').split('\n').filter((l) => l.startsWith('- 20'));

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
      expect(didLines(mail.body)).toEqual(['- 2026-03-16: done. Posted the draft on Sunday for Monday.']);
      expect(mail.body).not.toContain(ONCE);
    }
  });

  it('reports every occurrence recorded since the last update, in due order, misses with their note', async () => {
    // Summer time began on 29 March: Monday 09:00 in Berlin is 07:00 UTC from then on.
    clock = new Date('2026-03-31T09:00:00Z');
    await record(mondayId, {
      dueAt: '2026-03-30T07:00:00Z',
      status: 'kept',
      note: 'Shared the draft on Monday.',
    });
    await record(mondayId, {
      dueAt: '2026-03-23T08:00:00Z',
      status: 'missed',
      note: 'I forgot to share it; that is on me.',
    });
    // Filled in afterwards for an earlier date.
    await record(mondayId, {
      dueAt: '2026-03-09T08:00:00Z',
      status: 'missed',
      note: 'I decided alone again. I own that.',
    });
    expect(await sendLoopDigests(app.deps)).toBe(3);
    const sent = await loopMailsAt(clock);
    expect(sent).toHaveLength(3);
    for (const mail of sent) {
      expect(mail.body).toContain(`I committed: ${WEEKLY_MONDAY}`);
      expect(mail.body).toContain('Here is what I did:');
      expect(didLines(mail.body)).toEqual([
        '- 2026-03-09: missed. In my words: I decided alone again. I own that.',
        '- 2026-03-23: missed. In my words: I forgot to share it; that is on me.',
        '- 2026-03-30: done. Shared the draft on Monday.',
      ]);
    }
  });

  it('retries a failed update later with its content, and never repeats a delivered one', async () => {
    clock = new Date('2026-04-06T09:00:00Z');
    await record(mondayId, {
      dueAt: '2026-04-06T07:00:00Z',
      status: 'kept',
      note: 'Took questions on the draft.',
    });
    const down: Mailer = createMailer({
      db: app.deps.db,
      smtpUrl: 'smtp://127.0.0.1:1',
      from: 'k@example.org',
      logger: silent,
      now: () => clock,
    });
    expect(await sendLoopDigests({ ...app.deps, mailer: down })).toBe(0);
    const failed = await loopMailsAt(clock);
    expect(failed).toHaveLength(3);
    for (const mail of failed) expect(mail.error).toBeTruthy();
    // Not at once: a failing SMTP server is not hammered every minute.
    clock = new Date('2026-04-06T09:05:00Z');
    expect(await sendLoopDigests(app.deps)).toBe(0);
    clock = new Date('2026-04-06T10:00:00Z');
    expect(await sendLoopDigests(app.deps)).toBe(3);
    expect(await sendLoopDigests(app.deps)).toBe(0);
    const retried = await loopMailsAt(clock);
    expect(retried).toHaveLength(3);
    for (const mail of retried) {
      expect(mail.error).toBeNull();
      expect(didLines(mail.body)).toEqual(['- 2026-04-06: done. Took questions on the draft.']);
    }
    // Delivered once: the next day has nothing new to say.
    clock = new Date('2026-04-07T09:00:00Z');
    expect(await sendLoopDigests(app.deps)).toBe(0);
  });

  it('mentions an occurrence recorded while the previous update was being sent', async () => {
    clock = new Date('2026-04-13T09:00:00Z');
    const eventId = await commit(EVENT, { kind: 'event', description: 'before a roadmap change' });
    await record(mondayId, {
      dueAt: '2026-04-13T07:00:00Z',
      status: 'kept',
      note: 'Shared the April draft.',
    });
    let recordedMeanwhile = false;
    // The leader records an event after the job has read what is new but before the update is stored.
    const racing: Mailer = {
      delivers: app.deps.mailer.delivers,
      send: async (message) => {
        if (!recordedMeanwhile) {
          recordedMeanwhile = true;
          clock = new Date(clock.getTime() + 1000);
          await record(eventId, { status: 'kept', note: 'Asked the team before moving the launch.' });
          clock = new Date(clock.getTime() + 1000);
        }
        return app.deps.mailer.send(message);
      },
    };
    expect(await sendLoopDigests({ ...app.deps, mailer: racing })).toBe(3);
    for (const mail of (await mails('loop:')).filter((m) => m.created_at.startsWith('2026-04-13'))) {
      expect(mail.body).toContain(`I committed: ${EVENT}`);
      expect(mail.body).not.toContain('Asked the team before moving the launch.');
    }
    clock = new Date('2026-04-14T09:00:00Z');
    expect(await sendLoopDigests(app.deps)).toBe(3);
    for (const mail of await loopMailsAt(clock)) {
      expect(didLines(mail.body)).toEqual(['- 2026-04-13: done. Asked the team before moving the launch.']);
      expect(mail.body).not.toContain('Shared the April draft.');
    }
  });

  it('sends one update per person when two server instances run at once', async () => {
    clock = new Date('2026-04-20T09:00:00Z');
    await record(mondayId, {
      dueAt: '2026-04-20T07:00:00Z',
      status: 'kept',
      note: 'Shared the draft again.',
    });
    const [a, b] = await Promise.all([sendLoopDigests(app.deps), sendLoopDigests(app.deps)]);
    expect((a ?? 0) + (b ?? 0)).toBe(3);
    expect(await loopMailsAt(clock)).toHaveLength(3);
    clock = new Date('2026-04-21T09:00:00Z');
    expect(await sendLoopDigests(app.deps)).toBe(0);
  });

  it('keeps a long update short without hiding a miss', async () => {
    clock = new Date('2026-06-02T09:00:00Z');
    for (const day of ['04-27', '05-04', '05-18', '05-25', '06-01'])
      await record(mondayId, {
        dueAt: `2026-${day}T07:00:00Z`,
        status: 'kept',
        note: `Shared it on ${day}.`,
      });
    await record(mondayId, { dueAt: '2026-05-11T07:00:00Z', status: 'missed', note: 'I skipped it.' });
    expect(await sendLoopDigests(app.deps)).toBe(3);
    for (const mail of await loopMailsAt(clock)) {
      expect(didLines(mail.body)).toEqual([
        '- 2026-05-04: done. Shared it on 05-04.',
        '- 2026-05-11: missed. In my words: I skipped it.',
        '- 2026-05-18: done. Shared it on 05-18.',
        '- 2026-05-25: done. Shared it on 05-25.',
        '- 2026-06-01: done. Shared it on 06-01.',
      ]);
      expect(mail.body).toContain('…and 1 more on the team page.');
    }
  });

  it('never reveals answers or who said what in any email', async () => {
    const all = await app.deps.db.selectFrom('mail_outbox').selectAll().execute();
    const loop = all.filter((m) => m.dedupe_key?.startsWith('loop:') && m.error === null);
    // At most one delivered update per person per day.
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

  it('migrating an existing install counts everything before the last delivered update as told', async () => {
    const told = async () =>
      (await app.deps.db.selectFrom('loop_updates').select(['person_id', 'item_id']).execute())
        .map((r) => `${r.person_id}:${r.item_id}`)
        .sort();
    const byJob = await told();
    await sql`drop table loop_updates`.execute(app.deps.db);
    await migrateLoopUpdates(app.deps.db as unknown as Kysely<unknown>);
    // The same, plus the retired commitment the job never announced (it was made before the first update).
    const expected = [...byJob, ...people.map((p) => `${p.personId}:${tuesdayId}`)].sort();
    expect(await told()).toEqual(expected);
    clock = new Date('2026-06-03T09:00:00Z');
    expect(await sendLoopDigests(app.deps)).toBe(0);
  });
});
