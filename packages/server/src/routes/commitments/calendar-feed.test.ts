import { expandOccurrences, type ScheduleInput } from '@kintsugi/core';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type TestOrganization } from '../../test/factories.js';
import { answerAll, obtainToken, openRoundWithTeam } from '../../test/listening-factory.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';
import { foldLine, icsText } from '../../use-cases/commitments/calendar-feed.js';

const SCHEDULES: ScheduleInput[] = [
  { kind: 'recurring', pattern: { type: 'weekly', weekdays: ['monday', 'thursday'], timeOfDay: '09:00' } },
  { kind: 'recurring', pattern: { type: 'first-working-day', timeOfDay: '08:30' } },
  {
    kind: 'recurring',
    pattern: { type: 'monthly-nth-weekday', nth: 'last', weekday: 'friday', timeOfDay: '16:00' },
  },
  { kind: 'once', due: '2026-04-01', timeOfDay: '10:00' },
];

/** Long texts in several scripts: folding must keep every line within 75 octets and lose no character. */
const LONG_TEXTS = [
  `Share the roadmap draft ${'and ask for comments '.repeat(8)}before deciding`,
  `Présenter la feuille de route à l’équipe ${'et écouter les réactions, même négatives; '.repeat(4)}sans me défendre`,
  `每周一在团队频道分享路线图草案${'并在决定之前征求大家的意见'.repeat(6)}`,
  `Celebrate kept promises 🎉🙌🏽 ${'with the team 👩🏽‍💻🧑‍🤝‍🧑 '.repeat(6)}🎉`,
];

const octets = (text: string) => Buffer.byteLength(text, 'utf8');

describe('foldLine', () => {
  it('folds at 75 octets of UTF-8, never inside a character, and unfolds to the original', () => {
    for (const text of ['x'.repeat(75), 'x'.repeat(76), ...LONG_TEXTS.map((t) => `SUMMARY:${t}`)]) {
      const folded = foldLine(text);
      const lines = folded.split('\r\n');
      for (const [i, line] of lines.entries()) {
        expect(octets(line), line).toBeLessThanOrEqual(75);
        if (i > 0) expect(line.startsWith(' ')).toBe(true);
        // A cut inside a UTF-8 sequence or a surrogate pair would not survive a round trip through bytes.
        expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
        expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }
      // Lines are filled: only the last may be shorter than the octets allow (by less than one character).
      for (const line of lines.slice(0, -1)) expect(octets(line)).toBeGreaterThan(71);
      expect(folded.replace(/\r\n /g, '')).toBe(text);
    }
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
  });
});

describe('icsText', () => {
  it('escapes text so that nothing stored before input was checked can start a property of its own', () => {
    // A bare carriage return, a lone line feed and other controls would each end the content line in some readers.
    const stored = 'Ask first\rATTENDEE:mailto:x@evil.example\nDTSTART:2099\r\nlast; a, b \\ c\u0000\u0007';
    const text = icsText(stored);
    expect([...text].filter((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)).toEqual([]);
    expect(text).toBe('Ask first\\nATTENDEE:mailto:x@evil.example\\nDTSTART:2099\\nlast\\; a\\, b \\\\ c');
  });
});

describe.each(ENGINES)('the iCalendar feed (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let feedUrl = '';
  const as = () => ({ token: org.leader.token });

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => new Date('2026-03-01T12:00:00Z') });
    org = await createOrganization(app, 'Cal');
    await app.deps.db
      .updateTable('organizations')
      .set({ time_zone: 'Europe/Berlin' })
      .where('id', '=', org.id)
      .execute();
    const round = await openRoundWithTeam(app, org, 3);
    for (const link of round.links)
      await answerAll(app, await obtainToken(app, link.secret), { impact: 'It hurt' });
    const url = `/api/v1/repairs/${round.repairId}`;
    await request(app, { method: 'POST', url: `${url}/round/close`, as: as() });
    for (const [i, schedule] of SCHEDULES.entries()) {
      const res = await request(app, {
        method: 'POST',
        url: `${url}/commitments`,
        body: {
          action: `Commitment ${i}, with a comma; and a semicolon`,
          evidence: 'In the team channel',
          schedule,
          startsOn: '2026-03-02',
        },
        as: as(),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    await request(app, {
      method: 'POST',
      url: `${url}/commitments`,
      body: {
        action: 'Ask before reorganising',
        evidence: 'Team meeting',
        schedule: { kind: 'event', description: 'before a reorg' },
        startsOn: '2026-03-02',
      },
      as: as(),
    });
    const feed = await request(app, { method: 'POST', url: '/api/v1/me/calendar-feed', as: as() });
    expect(feed.statusCode, feed.body).toBe(200);
    feedUrl = new URL(feed.json().url).pathname;
  });
  afterAll(() => app.close());

  it('serves text/calendar that ical.js parses, one event per scheduled commitment', async () => {
    const res = await request(app, { method: 'GET', url: feedUrl });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const events = new ICAL.Component(ICAL.parse(res.body))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(SCHEDULES.length);
    expect(events.map((e) => e.summary).sort()).toEqual(
      SCHEDULES.map((_, i) => `Commitment ${i}, with a comma; and a semicolon`),
    );
  });

  it("expands to the same local dates and times as Kintsugi's own schedule expansion", async () => {
    const res = await request(app, { method: 'GET', url: feedUrl });
    const events = new ICAL.Component(ICAL.parse(res.body))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    for (const [i, schedule] of SCHEDULES.entries()) {
      const ours = expandOccurrences(schedule, {
        start: '2026-03-02',
        until: new Date('2026-12-31T23:00:00Z'),
        timeZone: 'Europe/Berlin',
      });
      const time =
        schedule.kind === 'recurring'
          ? schedule.pattern.timeOfDay
          : schedule.kind === 'once'
            ? schedule.timeOfDay
            : '';
      const event = events.find((e) => e.summary.startsWith(`Commitment ${i},`)) as ICAL.Event;
      const iterator = event.iterator();
      const theirs: string[] = [];
      for (let next = iterator.next(); next && theirs.length < ours.length; next = iterator.next())
        theirs.push(next.toString().slice(0, 16));
      expect(theirs, `schedule ${i}`).toEqual(ours.map((o) => `${o.localDate}T${time}`));
      expect(ours.length).toBeGreaterThan(0);
    }
  });

  it('keeps long accented, CJK and emoji text intact within 75-octet lines', async () => {
    const repair = await app.deps.db
      .selectFrom('repairs')
      .select('id')
      .where('organization_id', '=', org.id)
      .executeTakeFirstOrThrow();
    for (const action of LONG_TEXTS) {
      const res = await request(app, {
        method: 'POST',
        url: `/api/v1/repairs/${repair.id}/commitments`,
        body: {
          action,
          evidence: `${action} — seen by the team`,
          schedule: SCHEDULES[0],
          startsOn: '2026-03-02',
        },
        as: as(),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const res = await request(app, { method: 'GET', url: feedUrl });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('\uFFFD');
    for (const line of res.body.split('\r\n')) expect(octets(line), line).toBeLessThanOrEqual(75);
    const events = new ICAL.Component(ICAL.parse(res.body))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    for (const action of LONG_TEXTS) {
      const event = events.find((e) => e.summary === action);
      expect(event, action).toBeDefined();
      expect(event?.description.startsWith(`${action} — seen by the team\n`)).toBe(true);
    }
  });

  it('stops serving an old address once replaced or removed, and refuses malformed ones', async () => {
    const replaced = (
      await request(app, { method: 'POST', url: '/api/v1/me/calendar-feed', as: as() })
    ).json().url;
    expect((await request(app, { method: 'GET', url: feedUrl })).statusCode).toBe(404);
    const fresh = new URL(replaced).pathname;
    expect((await request(app, { method: 'GET', url: fresh })).statusCode).toBe(200);
    expect(
      (await request(app, { method: 'DELETE', url: '/api/v1/me/calendar-feed', as: as() })).statusCode,
    ).toBe(204);
    expect((await request(app, { method: 'GET', url: fresh })).statusCode).toBe(404);
    expect((await request(app, { method: 'GET', url: '/api/v1/calendar/not-a-feed.ics' })).statusCode).toBe(
      400,
    );
  });
});
