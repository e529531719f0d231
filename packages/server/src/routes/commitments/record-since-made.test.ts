import type { ReliabilityRecord } from '@kintsugi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committingRepair } from '../../test/commitment-factory.js';
import { createOrganization, type TestOrganization } from '../../test/factories.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';
import { repairReliabilities } from '../../use-cases/commitments/repair-reliabilities.js';

const DAY = 86_400_000;
const numbers = ({ strip: _strip, ...rest }: ReliabilityRecord) => rest;
const daily = {
  kind: 'recurring',
  pattern: {
    type: 'weekly',
    weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
    timeOfDay: '09:00',
  },
};
const mondays = { kind: 'recurring', pattern: { type: 'weekly', weekdays: ['monday'], timeOfDay: '09:00' } };

// The record starts when a commitment is made, and counts every occurrence since, however long ago that was.
describe.each(ENGINES)('the reliability record from the day a commitment is made (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let clock = new Date('2026-03-04T10:00:00Z');
  const asLeader = () => ({ token: org.leader.token });
  const commit = (repairId: string, themeId: string, body: Record<string, unknown>) =>
    request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${repairId}/commitments`,
      body: {
        action: 'I will post the roadmap draft in the team channel before deciding',
        evidence: 'The draft is in the #team channel',
        themeIds: [themeId],
        ...body,
      },
      as: asLeader(),
    });
  const record = (repairId: string, commitmentId: string, dueAt: string) =>
    request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${repairId}/commitments/${commitmentId}/occurrences`,
      body: { dueAt, status: 'kept', note: 'Posted the draft.' },
      as: asLeader(),
    });
  const view = async (repairId: string) =>
    (
      await request(app, { method: 'GET', url: `/api/v1/repairs/${repairId}/commitments`, as: asLeader() })
    ).json();
  const bulk = async (repairId: string) =>
    (await repairReliabilities(app.deps, { organizationId: org.id, repairIds: [repairId], now: clock })).get(
      repairId,
    )?.record;

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, 'Since');
  });
  afterAll(() => app.close());

  it('counts nothing before a backdated commitment was made, on the view and the bulk path', async () => {
    clock = new Date('2026-03-04T10:00:00Z');
    const { repairId, themeId } = await committingRepair(app, org, 3, 'backdated');
    // Started four Mondays back, made on a Wednesday.
    const made = await commit(repairId, themeId, { schedule: mondays, startsOn: '2026-02-02' });
    expect(made.statusCode, made.body).toBe(201);
    const commitment = made.json();
    expect(commitment.record).toMatchObject({ due: 0, kept: 0, missed: 0, strip: [] });
    expect(commitment.occurrences[0]).toMatchObject({ localDate: '2026-03-09', status: 'upcoming' });
    expect((await view(repairId)).record).toMatchObject({ due: 0, missed: 0, strip: [] });
    expect(await bulk(repairId)).toMatchObject({ due: 0, missed: 0 });
    // The Monday before it was made was never due, so it cannot be recorded either.
    const before = await record(repairId, commitment.id, '2026-03-02T09:00:00.000Z');
    expect(before.statusCode).toBe(400);
    expect(before.json().detail).toMatch(/before the commitment was made/);

    // Nor can an event be logged as having happened before the commitment was made.
    const events = await commit(repairId, themeId, {
      schedule: { kind: 'event', description: 'each roadmap decision' },
      startsOn: '2026-03-04',
    });
    const logged = await record(repairId, events.json().id, '2026-03-04T09:59:00.000Z');
    expect(logged.statusCode).toBe(400);
    expect(logged.json().detail).toMatch(/before the commitment was made/);
    expect((await record(repairId, events.json().id, '2026-03-04T10:00:00.000Z')).statusCode).toBe(201);

    // The first Monday after it was made counts, missed once its grace period is over.
    clock = new Date('2026-03-12T10:00:00Z');
    const later = await view(repairId);
    const weekly = later.commitments.find((c: { id: string }) => c.id === commitment.id);
    expect(numbers(weekly.record)).toMatchObject({ due: 1, kept: 0, missed: 1 });
    expect(weekly.record.strip.map((s: { localDate: string }) => s.localDate)).toEqual(['2026-03-09']);
    // With the event logged: two due, one kept.
    expect(numbers(later.record)).toMatchObject({ due: 2, kept: 1, missed: 1 });
    expect(await bulk(repairId)).toEqual(numbers(later.record));
  });

  it('keeps recording a daily commitment years after it began, and counts every day since', async () => {
    clock = new Date('2024-01-01T08:00:00Z');
    const { repairId, themeId } = await committingRepair(app, org, 3, 'daily');
    const made = await commit(repairId, themeId, { schedule: daily, startsOn: '2024-01-01' });
    expect(made.statusCode, made.body).toBe(201);
    const commitmentId = made.json().id;
    clock = new Date('2024-01-01T09:30:00Z');
    expect((await record(repairId, commitmentId, '2024-01-01T09:00:00.000Z')).statusCode).toBe(201);

    // 5 October 2026: past the thousandth day (26 September 2026) of a count from the start.
    clock = new Date('2026-10-05T10:00:00Z');
    const before = await view(repairId);
    const [listed] = before.commitments;
    const today = listed.occurrences.find((o: { localDate: string }) => o.localDate === '2026-10-05');
    expect(today).toMatchObject({ status: 'pending', dueAt: '2026-10-05T09:00:00.000Z' });
    // The view lists the last year and what comes next, not the whole history.
    expect(listed.occurrences.length).toBeLessThanOrEqual(366 + 5);
    expect((await record(repairId, commitmentId, '2026-10-05T09:00:00.000Z')).statusCode).toBe(201);

    const after = await view(repairId);
    // Settled: every day up to 3 October (4 October is within its grace period) and today, recorded early.
    const settled = (Date.parse('2026-10-03') - Date.parse('2024-01-01')) / DAY + 1 + 1;
    expect(numbers(after.record)).toMatchObject({
      due: settled,
      kept: 2,
      missed: settled - 2,
      currentStreak: 1,
    });
    expect(after.commitments[0].record.due).toBe(settled);
    expect(after.record.strip.length).toBeLessThanOrEqual(366);
    expect(await bulk(repairId)).toEqual(numbers(after.record));
  });

  it('refuses dates far back or ahead, and a one-off already past, saying which range is allowed', async () => {
    clock = new Date('2026-03-04T10:00:00Z');
    const { repairId, themeId } = await committingRepair(app, org, 3, 'bounds');
    for (const startsOn of ['0001-01-01', '2025-03-03', '2031-03-05']) {
      const res = await commit(repairId, themeId, { schedule: mondays, startsOn });
      expect(res.statusCode, startsOn).toBe(400);
      expect(res.json().errors).toEqual([
        {
          path: 'startsOn',
          message:
            'Choose a start between 4 March 2025 and 4 March 2031: at most 1 year back (only occurrences from today on count) and at most 5 years ahead.',
        },
      ]);
    }
    const once = await commit(repairId, themeId, {
      schedule: { kind: 'once', due: '2026-03-03' },
      startsOn: '2026-03-04',
    });
    expect(once.statusCode).toBe(400);
    expect(once.json().errors[0].path).toBe('schedule.due');
    const ended = await commit(repairId, themeId, {
      schedule: mondays,
      startsOn: '2026-02-02',
      endsOn: '2026-03-01',
    });
    expect(ended.statusCode).toBe(400);
    expect(ended.json().errors[0].path).toBe('endsOn');
    expect((await commit(repairId, themeId, { schedule: mondays, startsOn: '2025-03-04' })).statusCode).toBe(
      201,
    );
  });
});
