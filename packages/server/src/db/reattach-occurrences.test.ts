import type { ReliabilityRecord } from '@kintsugi/core';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committingRepair } from '../test/commitment-factory.js';
import { createOrganization, dumpTables, type TestOrganization } from '../test/factories.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import { ledgerFromRows } from '../use-cases/commitments/commitment-ledger.js';
import { repairReliabilities } from '../use-cases/commitments/repair-reliabilities.js';
import * as reattach from './migrations/0015-reattach-occurrences.js';

const numbers = ({ strip: _strip, ...rest }: ReliabilityRecord) => rest;
type Occurrence = { id: string | null; dueAt: string; localDate: string; status: string };

// Migration 0015 mends the records a zone change detached before zone changes moved them.
describe.each(ENGINES)('reattaching occurrences detached by an earlier zone change (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let repairId = '';
  let weeklyId = '';
  let clock = new Date('2026-03-02T07:00:00Z');
  const asLeader = () => ({ token: org.leader.token });
  const url = (path = '') => `/api/v1/repairs/${repairId}${path}`;
  const record = (dueAt: string, status: 'kept' | 'missed') =>
    request(app, {
      method: 'POST',
      url: url(`/commitments/${weeklyId}/occurrences`),
      body: { dueAt, status, note: `${status} ${dueAt}` },
      as: asLeader(),
    });
  const view = async () =>
    (await request(app, { method: 'GET', url: url('/commitments'), as: asLeader() })).json();
  const recorded = async () =>
    ((await view()).commitments[0].occurrences as Occurrence[])
      .filter((o) => o.id !== null)
      .map((o) => [o.dueAt, o.localDate, o.status]);

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, 'Reattach');
    await app.deps.db
      .updateTable('organizations')
      .set({ time_zone: 'Europe/Berlin' })
      .where('id', '=', org.id)
      .execute();
    const made = await committingRepair(app, org, 3, 'reattach');
    repairId = made.repairId;
    const res = await request(app, {
      method: 'POST',
      url: url('/commitments'),
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
      as: asLeader(),
    });
    weeklyId = res.json().id;
    for (const due of ['2026-03-02T08:00:00.000Z', '2026-03-09T08:00:00.000Z', '2026-03-16T08:00:00.000Z']) {
      clock = new Date(Date.parse(due) + 3_600_000);
      expect((await record(due, 'kept')).statusCode).toBe(201);
    }
    // The zone changed the way it used to: the organisation's row alone.
    await app.deps.db
      .updateTable('organizations')
      .set({ time_zone: 'America/New_York' })
      .where('id', '=', org.id)
      .execute();
    // Seeing 16 March "not recorded", the leader recorded it again, at its New York time.
    clock = new Date('2026-03-17T12:00:00Z');
    expect((await record('2026-03-16T13:00:00.000Z', 'kept')).statusCode).toBe(201);
    clock = new Date('2026-03-18T12:00:00Z');
  });
  afterAll(() => app.close());

  it('moves each detached record back to its local date and time, leaving a date recorded twice as it is', async () => {
    const detached = await view();
    expect(numbers(detached.record)).toMatchObject({ missed: 2 });

    await reattach.up(app.deps.db as unknown as Kysely<unknown>);
    expect(await recorded()).toEqual(
      [
        ['2026-03-02T14:00:00.000Z', '2026-03-02', 'kept'],
        // The Berlin record of 16 March stays where it was: its date is recorded again at the New York time.
        ['2026-03-16T08:00:00.000Z', '2026-03-16', 'kept'],
        ['2026-03-09T13:00:00.000Z', '2026-03-09', 'kept'],
        ['2026-03-16T13:00:00.000Z', '2026-03-16', 'kept'],
      ].sort((a, b) => (a[0] as string).localeCompare(b[0] as string)),
    );
    const mended = await view();
    expect(numbers(mended.record)).toMatchObject({ missed: 0 });

    const { db } = app.deps;
    const rows = await db
      .selectFrom('occurrences as o')
      .leftJoin('witness_counts as w', 'w.occurrence_id', 'o.id')
      .select(['o.due_at', 'o.status', 'o.recorded_at', 'w.saw', 'w.did_not_see'])
      .where('o.commitment_id', '=', weeklyId)
      .execute();
    const ledger = await db
      .selectFrom('commitment_ledgers')
      .select('entries')
      .where('commitment_id', '=', weeklyId)
      .executeTakeFirstOrThrow();
    expect(ledger.entries).toBe(ledgerFromRows(rows));
    const bulk = await repairReliabilities(app.deps, {
      organizationId: org.id,
      repairIds: [repairId],
      now: clock,
    });
    expect(bulk.get(repairId)?.record).toEqual(numbers(mended.record));
  });

  it('changes nothing when run again', async () => {
    const before = await dumpTables(app);
    await reattach.up(app.deps.db as unknown as Kysely<unknown>);
    expect(await dumpTables(app)).toEqual(before);
  });
});
