import type { ReliabilityRecord } from '@kintsugi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committingRepair } from '../../test/commitment-factory.js';
import { createOrganization, type TestOrganization } from '../../test/factories.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';
import { ledgerFromRows } from '../../use-cases/commitments/commitment-ledger.js';
import { repairReliabilities } from '../../use-cases/commitments/repair-reliabilities.js';

const numbers = ({ strip: _strip, ...rest }: ReliabilityRecord) => rest;
type Occurrence = {
  id: string | null;
  dueAt: string;
  localDate: string;
  status: string;
  note: string | null;
};

// Changing the organisation's zone keeps every record: what was recorded moves with the schedules it belongs to.
describe.each(ENGINES)("changing the organisation's time zone (%s)", (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let repairId = '';
  let weeklyId = '';
  let eventId = '';
  // Monday 2 March 2026, 07:00 UTC: an hour before 09:00 in Berlin.
  let clock = new Date('2026-03-02T07:00:00Z');
  const asLeader = () => ({ token: org.leader.token });
  const url = (path = '') => `/api/v1/repairs/${repairId}${path}`;
  const record = (commitmentId: string, dueAt: string) =>
    request(app, {
      method: 'POST',
      url: url(`/commitments/${commitmentId}/occurrences`),
      body: { dueAt, status: 'kept', note: `Done for ${dueAt}` },
      as: asLeader(),
    });
  const view = async () =>
    (await request(app, { method: 'GET', url: url('/commitments'), as: asLeader() })).json();
  const recorded = (v: { commitments: { id: string; occurrences: Occurrence[] }[] }, id: string) =>
    (v.commitments.find((c) => c.id === id)?.occurrences ?? []).filter((o) => o.id !== null);
  const setZone = (timeZone: string) =>
    request(app, {
      method: 'PATCH',
      url: '/api/v1/organization',
      body: { timeZone },
      as: { token: org.admin.token },
    });

  /** The ledgers equal the rows, and the bulk records the view's. */
  async function expectConsistent(current: { record: ReliabilityRecord }) {
    const { db } = app.deps;
    for (const id of [weeklyId, eventId]) {
      const rows = await db
        .selectFrom('occurrences as o')
        .leftJoin('witness_counts as w', 'w.occurrence_id', 'o.id')
        .select(['o.due_at', 'o.status', 'o.recorded_at', 'w.saw', 'w.did_not_see'])
        .where('o.commitment_id', '=', id)
        .execute();
      const ledger = await db
        .selectFrom('commitment_ledgers')
        .select('entries')
        .where('commitment_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(ledger.entries).toBe(ledgerFromRows(rows));
    }
    const bulk = await repairReliabilities(app.deps, {
      organizationId: org.id,
      repairIds: [repairId],
      now: clock,
    });
    expect(bulk.get(repairId)?.record).toEqual(numbers(current.record));
  }

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, 'Zone');
    expect((await setZone('Europe/Berlin')).statusCode).toBe(200);
    const made = await committingRepair(app, org, 3, 'zone');
    repairId = made.repairId;
    const commit = (schedule: object) =>
      request(app, {
        method: 'POST',
        url: url('/commitments'),
        body: {
          action: 'I will post the roadmap draft in the team channel before deciding',
          evidence: 'The draft is in the #team channel',
          schedule,
          startsOn: '2026-03-02',
          themeIds: [made.themeId],
        },
        as: asLeader(),
      });
    weeklyId = (
      await commit({
        kind: 'recurring',
        pattern: { type: 'weekly', weekdays: ['monday'], timeOfDay: '09:00' },
      })
    ).json().id;
    eventId = (await commit({ kind: 'event', description: 'each roadmap decision' })).json().id;
    // 09:00 in Berlin: 08:00 UTC in winter.
    for (const [at, dueAt] of [
      ['2026-03-02T09:00:00Z', '2026-03-02T08:00:00.000Z'],
      ['2026-03-09T09:00:00Z', '2026-03-09T08:00:00.000Z'],
      ['2026-03-16T09:00:00Z', '2026-03-16T08:00:00.000Z'],
    ] as const) {
      clock = new Date(at);
      const res = await record(weeklyId, dueAt);
      expect(res.statusCode, res.body).toBe(201);
    }
    // Half past midnight on 11 March in Berlin is still 10 March in New York.
    clock = new Date('2026-03-17T12:00:00Z');
    expect((await record(eventId, '2026-03-10T23:30:00.000Z')).statusCode).toBe(201);
    clock = new Date('2026-03-18T12:00:00Z');
  });
  afterAll(() => app.close());

  it('keeps a clean record clean when the zone changes, with every record at its local date and time', async () => {
    const before = await view();
    expect(numbers(before.record)).toMatchObject({ due: 4, kept: 4, missed: 0 });
    const ids = recorded(before, weeklyId).map((o) => o.id);

    const changed = await setZone('America/New_York');
    expect(changed.statusCode, changed.body).toBe(200);
    const after = await view();
    expect(numbers(after.record)).toEqual(numbers(before.record));
    // 09:00 in New York: 14:00 UTC before its switch to summer time on 8 March, 13:00 UTC after.
    expect(recorded(after, weeklyId).map((o) => [o.id, o.dueAt, o.localDate, o.status])).toEqual([
      [ids[0], '2026-03-02T14:00:00.000Z', '2026-03-02', 'kept'],
      [ids[1], '2026-03-09T13:00:00.000Z', '2026-03-09', 'kept'],
      [ids[2], '2026-03-16T13:00:00.000Z', '2026-03-16', 'kept'],
    ]);
    expect(recorded(after, weeklyId)[0]?.note).toBe('Done for 2026-03-02T08:00:00.000Z');
    // An event keeps the moment it happened; its date is read in the new zone.
    expect(recorded(after, eventId).map((o) => [o.dueAt, o.localDate])).toEqual([
      ['2026-03-10T23:30:00.000Z', '2026-03-10'],
    ]);
    await expectConsistent(after);
  });

  it('records the next occurrence in the new zone, and moves everything back with the zone', async () => {
    clock = new Date('2026-03-23T14:00:00Z');
    expect((await record(weeklyId, '2026-03-23T08:00:00.000Z')).statusCode).toBe(400);
    expect((await record(weeklyId, '2026-03-23T13:00:00.000Z')).statusCode).toBe(201);
    expect(numbers((await view()).record)).toMatchObject({ due: 5, kept: 5, missed: 0 });

    expect((await setZone('Europe/Berlin')).statusCode).toBe(200);
    const back = await view();
    expect(numbers(back.record)).toMatchObject({ due: 5, kept: 5, missed: 0 });
    expect(recorded(back, weeklyId).map((o) => o.dueAt)).toEqual([
      '2026-03-02T08:00:00.000Z',
      '2026-03-09T08:00:00.000Z',
      '2026-03-16T08:00:00.000Z',
      '2026-03-23T08:00:00.000Z',
    ]);
    expect(recorded(back, eventId)[0]?.localDate).toBe('2026-03-11');
    await expectConsistent(back);
  });

  it('moves records across a day boundary: from 12 hours ahead of UTC to 12 hours behind', async () => {
    expect((await setZone('Pacific/Auckland')).statusCode).toBe(200);
    expect((await setZone('Etc/GMT+12')).statusCode).toBe(200);
    // 09:00 on 23 March, twelve hours behind UTC, has come.
    clock = new Date('2026-03-24T12:00:00Z');
    const far = await view();
    expect(numbers(far.record)).toMatchObject({ due: 5, kept: 5, missed: 0 });
    expect(recorded(far, weeklyId).map((o) => o.dueAt)).toEqual([
      '2026-03-02T21:00:00.000Z',
      '2026-03-09T21:00:00.000Z',
      '2026-03-16T21:00:00.000Z',
      '2026-03-23T21:00:00.000Z',
    ]);
    await expectConsistent(far);
  });
});
