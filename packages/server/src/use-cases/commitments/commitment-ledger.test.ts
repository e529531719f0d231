import {
  type CommitmentsView,
  missedTwiceInARow,
  type ReliabilityRecord,
  reliability,
  type Schedule,
} from '@kintsugi/core';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ledgerMigration from '../../db/migrations/0007-commitment-ledgers.js';
import { AppError } from '../../errors/app-error.js';
import { createOrganization, type TestOrganization } from '../../test/factories.js';
import { openRoundWithTeam } from '../../test/listening-factory.js';
import { linksOfPeople } from '../../test/outbox-links.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';
import { createDemoOrganization } from '../demo/create-demo-organization.js';
import { blindToken, witnessFromLink } from '../demo/demo-ballot.js';
import { organizationThreshold } from '../repairs/load-repair.js';
import { closeRound } from '../repairs/round-links.js';
import { decodeLedger, rebuildCommitmentLedgers } from './commitment-ledger.js';
import { countedOf, GRACE_HOURS, getCommitmentsView } from './commitments-view.js';
import { createCommitment, recordOccurrence, retireCommitment } from './manage-commitments.js';
import { repairReliabilities } from './repair-reliabilities.js';
import { issueTeamLinks } from './team-links.js';
import { issueWitnessToken, witness, witnessKey } from './witness.js';

const HOUR = 3_600_000;
const numbers = ({ strip: _strip, ...rest }: ReliabilityRecord) => rest;
const weekly = (weekdays: string[], timeOfDay = '09:00') =>
  ({ kind: 'recurring', pattern: { type: 'weekly', weekdays, timeOfDay } }) as Schedule;

describe.each(ENGINES)('commitment ledgers (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  // Monday 26 January 2026; the random history runs across the spring clock change in Berlin.
  let clock = new Date('2026-01-26T10:00:00Z');
  const repairs = { a: '', b: '', c: '' };
  let links: string[] = [];
  const deps = () => app.deps;
  const leader = () => org.leader.actor;
  const ledgers = () =>
    app.deps.db.selectFrom('commitment_ledgers').selectAll().orderBy('commitment_id').execute();
  const view = (repairId: string): Promise<CommitmentsView> => getCommitmentsView(deps(), leader(), repairId);

  // Deterministic pseudo-random numbers: the same history on every run and engine.
  let seed = 0x1ed9e7;
  const random = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  /** The records computed from every occurrence row and witness count, not from the ledgers. */
  async function recordsFromRows(repairId: string) {
    const db = app.deps.db;
    const { time_zone: zone } = await db
      .selectFrom('organizations')
      .select('time_zone')
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    const options = {
      now: clock,
      graceHours: GRACE_HOURS,
      k: await organizationThreshold(db, org.id),
      strip: false as const,
    };
    const rows = await db
      .selectFrom('commitments')
      .selectAll()
      .where('repair_id', '=', repairId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const all = await db.selectFrom('occurrences').selectAll().execute();
    const counts = await db.selectFrom('witness_counts').selectAll().execute();
    const witnesses = new Map(counts.map((c) => [c.occurrence_id, { saw: c.saw, didNotSee: c.did_not_see }]));
    const counted = rows.map((row) =>
      countedOf(
        row,
        all.filter((o) => o.commitment_id === row.id),
        zone,
        clock,
        witnesses,
      ),
    );
    return {
      record: reliability(counted.flat(), options),
      commitments: counted.map((list) => reliability(list, options)),
    };
  }

  /** The bulk path's records and the single-repair view's equal what every row says. */
  async function expectSameRecords() {
    const bulk = await repairReliabilities(deps(), { organizationId: org.id, now: clock });
    expect([...bulk.keys()].sort()).toEqual(Object.values(repairs).sort());
    for (const repairId of Object.values(repairs)) {
      const full = await view(repairId);
      const rows = await recordsFromRows(repairId);
      expect(numbers(full.record), `view from rows at ${clock.toISOString()}`).toEqual(rows.record);
      expect(full.commitments.map((c) => numbers(c.record))).toEqual(rows.commitments);
      const fast = bulk.get(repairId);
      expect(fast?.record, `repair at ${clock.toISOString()}`).toEqual(numbers(full.record));
      expect(
        fast?.commitments.map((c) => [c.commitmentId, c.retired, c.record, c.missedTwiceInARow]),
      ).toEqual(
        full.commitments.map((c) => [
          c.id,
          c.retired !== null,
          numbers(c.record),
          missedTwiceInARow(c.record.strip.map((entry) => entry.state)),
        ]),
      );
    }
  }

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, 'Ledger');
    await app.deps.db
      .updateTable('organizations')
      .set({ time_zone: 'Europe/Berlin' })
      .where('id', '=', org.id)
      .execute();
    for (const key of ['a', 'b', 'c'] as const) {
      const round = await openRoundWithTeam(app, org, 4);
      repairs[key] = round.repairId;
      if (key !== 'c') await closeRound(deps(), leader(), round.repairId);
    }
    const schedules: [string, Schedule][] = [
      [repairs.a, weekly(['monday', 'thursday'])],
      [
        repairs.a,
        {
          kind: 'recurring',
          pattern: { type: 'every-n-weeks', interval: 2, weekday: 'wednesday', timeOfDay: '16:30' },
        },
      ],
      [repairs.a, { kind: 'recurring', pattern: { type: 'monthly-day', day: 31, timeOfDay: '08:00' } }],
      [repairs.a, { kind: 'event', description: 'each time a roadmap decision is taken' }],
      [repairs.a, { kind: 'once', due: '2026-03-10', timeOfDay: '12:00' }],
      [repairs.b, weekly(['friday'], '15:00')],
    ];
    for (const [repairId, schedule] of schedules) {
      // A minute apart, so the views list them (by creation) in this order and the history is the same every run.
      clock = new Date(clock.getTime() + 60_000);
      await createCommitment(deps(), leader(), repairId, {
        action: 'I will post the draft roadmap in the team channel',
        evidence: 'The post and its replies',
        schedule,
        startsOn: '2026-02-02',
        themeIds: [],
      });
    }
    links = await linksOfPeople(app, 'team', (await issueTeamLinks(deps(), leader(), repairs.a)).sent);
  });
  afterAll(() => app.close());

  it('gives the same records as the full view after a random history of records, witness votes and a retirement', async () => {
    const witnessed = new Set<string>();
    let retired = false;
    for (let step = 0; step < 90; step++) {
      clock = new Date(clock.getTime() + Math.floor(6 + random() * 30) * HOUR);
      const repairId = random() < 0.8 ? repairs.a : repairs.b;
      const current = await view(repairId);
      const live = current.commitments.filter((c) => !c.retired);
      const commitment = pick(live);
      const roll = random();
      if (roll < 0.6 && commitment.schedule.kind === 'event') {
        const dueAt = new Date(clock.getTime() - Math.floor(random() * 48) * HOUR).toISOString();
        await recordOccurrence(deps(), leader(), repairId, commitment.id, {
          dueAt,
          status: 'kept',
          note: 'Done',
        }).catch((error: unknown) => {
          // Logged twice at the same instant: refused, as it should be.
          if (!(error instanceof AppError && error.code === 'conflict')) throw error;
        });
      } else if (roll < 0.6) {
        // Some occurrences are left alone: unrecorded past the grace period, they count as missed.
        const open = commitment.occurrences.filter(
          (o) => o.id === null && Date.parse(o.dueAt) <= clock.getTime() + 20 * HOUR,
        );
        if (open.length > 0 && random() < 0.75) {
          const o = pick(open);
          const status = random() < 0.8 ? 'kept' : 'missed';
          await recordOccurrence(deps(), leader(), repairId, commitment.id, {
            dueAt: o.dueAt,
            status,
            note: 'x',
          });
        }
      } else if (roll < 0.75 && repairId === repairs.a && witnessed.size < 14) {
        // A few occurrences only: each one's first witness makes its RSA key pair.
        const kept = current.commitments
          .flatMap((c) => c.occurrences)
          .filter((o) => o.status === 'kept' && o.id !== null)
          .slice(0, 3);
        const pairs = kept.flatMap((o) => links.map((l) => `${o.id} ${l}`)).filter((p) => !witnessed.has(p));
        if (pairs.length > 0) {
          const pair = pick(pairs);
          const [occurrenceId = '', link = ''] = pair.split(' ');
          await witnessFromLink(deps(), link, occurrenceId, random() < 0.7);
          witnessed.add(pair);
        }
      }
      if (step === 60) {
        // Retirement cuts the expansion at its instant: the fortnightly commitment goes.
        const fortnightly = (await view(repairs.a)).commitments[1]?.id ?? '';
        await retireCommitment(deps(), leader(), repairs.a, fortnightly, 'Replaced by a better habit.');
        retired = true;
      }
      if (step % 9 === 0) await expectSameRecords();
    }
    expect(witnessed.size).toBeGreaterThan(3);
    expect(retired).toBe(true);
    await expectSameRecords();
    // Later, with nothing recorded meanwhile: what was left open is now missed, in both paths.
    clock = new Date(clock.getTime() + 5 * 24 * HOUR);
    await expectSameRecords();
    const record = (await repairReliabilities(deps(), { organizationId: org.id, now: clock })).get(repairs.a);
    expect(record?.record.kept).toBeGreaterThan(5);
    expect(record?.record.missed).toBeGreaterThan(0);
    // The history reached the interesting cases: a confirmed occurrence, and two misses in a row.
    expect(record?.commitments.some((c) => (c.record.confirmedShare ?? 0) > 0)).toBe(true);
    expect(record?.commitments.some((c) => c.missedTwiceInARow)).toBe(true);
  });

  it('builds the same ledgers in the migration backfill and the rebuild helper as the incremental updates', async () => {
    const incremental = await ledgers();
    expect(incremental.length).toBeGreaterThan(3);
    expect(incremental.some((l) => decodeLedger(l.entries).some((e) => e.saw + e.didNotSee > 0))).toBe(true);
    const db = app.deps.db as unknown as Kysely<unknown>;
    await ledgerMigration.down(db);
    await ledgerMigration.up(db);
    expect(await ledgers()).toEqual(incremental);
    const ids = (await app.deps.db.selectFrom('commitments').select('id').execute()).map((r) => r.id);
    await rebuildCommitmentLedgers(app.deps.db, ids);
    expect(await ledgers()).toEqual(incremental);
  });

  /** Makes a commitment as it was ten days ago (nothing before that is ever due), then comes back to now. */
  async function madeTenDaysAgo<T>(make: () => Promise<T>): Promise<T> {
    const now = clock;
    clock = new Date(now.getTime() - 10 * 24 * HOUR);
    try {
      return await make();
    } finally {
      clock = now;
    }
  }

  it('leaves the ledgers unchanged when a write fails', async () => {
    const made = await madeTenDaysAgo(() =>
      createCommitment(deps(), leader(), repairs.a, {
        action: 'I will share the notes of every planning meeting',
        evidence: 'The notes in the team folder',
        schedule: weekly(
          ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
          '17:00',
        ),
        startsOn: clock.toISOString().slice(0, 10),
        themeIds: [],
      }),
    );
    const [first, second] =
      (await view(repairs.a)).commitments
        .find((c) => c.id === made.id)
        ?.occurrences.filter((o) => o.status !== 'upcoming') ?? [];
    if (!first || !second) throw new Error('nothing due');
    const record = (dueAt: string) =>
      recordOccurrence(deps(), leader(), repairs.a, made.id, { dueAt, status: 'kept', note: 'x' });
    const refused = (promise: Promise<unknown>, code: AppError['code']) =>
      expect(promise).rejects.toSatisfy((e) => e instanceof AppError && e.code === code);
    const occurrenceId =
      (await record(first.dueAt)).occurrences.find((o) => o.dueAt === first.dueAt)?.id ?? '';
    const before = await ledgers();

    // A due time that is not on the schedule, and one that is already recorded.
    await refused(record(new Date(Date.parse(second.dueAt) + HOUR).toISOString()), 'invalid_input');
    await refused(record(first.dueAt), 'conflict');
    expect(await ledgers()).toEqual(before);

    // A second token for one link, and a token used twice: refused, and the ledger keeps the first vote only.
    const link = links[0] ?? '';
    const { publicKey } = await witnessKey(deps(), { link, occurrenceId });
    const signed = await blindToken(publicKey, (blindedMessage) =>
      issueWitnessToken(deps(), { link, occurrenceId, blindedMessage }),
    );
    const blindedMessage = Buffer.alloc(256, 1).toString('base64url');
    await refused(issueWitnessToken(deps(), { link, occurrenceId, blindedMessage }), 'conflict');
    expect(await witness(deps(), { occurrenceId, ...signed, saw: true })).toEqual({ state: 'pending' });
    expect(await ledgers()).toEqual(before);
    // A lone vote waits for others; on shutdown it is stored whatever their number.
    await app.deps.ballots.flushAll(app.deps);
    const afterVote = await ledgers();
    expect(afterVote).not.toEqual(before);
    expect(await witness(deps(), { occurrenceId, ...signed, saw: false })).toEqual({ state: 'stored' });
    expect(await ledgers()).toEqual(afterVote);

    // Recording on a retired commitment.
    await retireCommitment(deps(), leader(), repairs.a, made.id, 'Folded into the weekly post.');
    await refused(record(second.dueAt), 'conflict');
    expect(await ledgers()).toEqual(afterVote);
    await expectSameRecords();
  });

  it('keeps every one of several concurrent recordings on one commitment', async () => {
    const made = await madeTenDaysAgo(() =>
      createCommitment(deps(), leader(), repairs.b, {
        action: 'I will say in stand-up what I decided yesterday',
        evidence: 'The team hears it every morning',
        schedule: weekly(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
        startsOn: clock.toISOString().slice(0, 10),
        themeIds: [],
      }),
    );
    const due = ((await view(repairs.b)).commitments.find((c) => c.id === made.id)?.occurrences ?? [])
      .filter((o) => o.status !== 'upcoming')
      .slice(0, 6);
    expect(due).toHaveLength(6);
    await Promise.all(
      due.map((o, i) =>
        recordOccurrence(deps(), leader(), repairs.b, made.id, {
          dueAt: o.dueAt,
          status: i % 3 ? 'kept' : 'missed',
          note: 'x',
        }),
      ),
    );
    const row = await app.deps.db
      .selectFrom('commitment_ledgers')
      .select('entries')
      .where('commitment_id', '=', made.id)
      .executeTakeFirstOrThrow();
    expect(decodeLedger(row.entries).map((e) => new Date(e.dueMs).toISOString())).toEqual(
      due.map((o) => o.dueAt),
    );
    await expectSameRecords();
  });

  it('answers only for the repairs asked for, of the organisation asked for', async () => {
    const other = await createOrganization(app, 'Elsewhere');
    const foreign = (await openRoundWithTeam(app, other, 3)).repairId;
    const some = await repairReliabilities(deps(), {
      organizationId: org.id,
      repairIds: [repairs.b, repairs.c, foreign],
      now: clock,
    });
    expect([...some.keys()].sort()).toEqual([repairs.b, repairs.c].sort());
    expect(some.get(repairs.c)).toMatchObject({ commitments: [], record: { due: 0, keptShare: null } });
    expect(
      (await repairReliabilities(deps(), { organizationId: org.id, repairIds: [], now: clock })).size,
    ).toBe(0);
    const theirs = await repairReliabilities(deps(), { organizationId: other.id, now: clock });
    expect([...theirs.keys()]).toEqual([foreign]);
  });
});

describe.each(ENGINES)('the demo organisation’s ledgers (%s)', (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(() => app.close());

  // The demo makes some forty RSA key pairs and blinds its tokens as a browser would: it takes a while.
  it('are kept by the use cases the demo runs: a rebuild changes nothing, and the records match the views', {
    timeout: 120_000,
  }, async () => {
    await createDemoOrganization(app.deps);
    const { db } = app.deps;
    const ledgers = () => db.selectFrom('commitment_ledgers').selectAll().orderBy('commitment_id').execute();
    const made = await ledgers();
    expect(made.length).toBeGreaterThan(0);
    await rebuildCommitmentLedgers(
      db,
      (await db.selectFrom('commitments').select('id').execute()).map((r) => r.id),
    );
    expect(await ledgers()).toEqual(made);

    const admin = await db
      .selectFrom('people')
      .select(['id', 'organization_id', 'user_id'])
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    const actor = {
      userId: admin.user_id ?? '',
      personId: admin.id,
      organizationId: admin.organization_id,
      role: 'admin',
      via: 'token',
      sessionId: null,
    } as const;
    const now = app.deps.now();
    const bulk = await repairReliabilities(app.deps, { organizationId: admin.organization_id, now });
    const withCommitments = [...bulk.values()].filter((r) => r.commitments.length > 0);
    expect(withCommitments.length).toBeGreaterThan(0);
    for (const { repairId, record, commitments } of withCommitments) {
      const full = await getCommitmentsView(app.deps, actor, repairId);
      expect(record).toEqual(numbers(full.record));
      expect(commitments.map((c) => c.record)).toEqual(full.commitments.map((c) => numbers(c.record)));
    }
  });
});
