import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FEWER_THAN_K,
  type RecordedOccurrence,
  type ReliabilityRecord,
  reliability,
  type TimedOccurrence,
  timedReliability,
} from './reliability.js';

const NOW = new Date('2025-06-30T12:00:00Z');
const OPTIONS = { now: NOW, graceHours: 48, k: 3 };
const DAY = 86_400_000;

function occ(daysAgo: number, status: RecordedOccurrence['status'], extra: Partial<RecordedOccurrence> = {}) {
  const due = new Date(NOW.getTime() - daysAgo * DAY);
  return {
    dueAt: due.toISOString(),
    localDate: due.toISOString().slice(0, 10),
    status,
    ...(status === 'pending' ? {} : { recordedAt: due.toISOString() }),
    ...extra,
  } satisfies RecordedOccurrence;
}

describe('reliability', () => {
  it('is empty and null-valued with no occurrences', () => {
    expect(reliability([], OPTIONS)).toEqual({
      due: 0,
      kept: 0,
      missed: 0,
      keptShare: null,
      onTimeShare: null,
      confirmedShare: null,
      currentStreak: 0,
      longestStreak: 0,
      strip: [],
    });
  });

  it('counts kept, missed and unrecorded-past-grace occurrences, and ignores future and in-grace ones', () => {
    const record = reliability(
      [
        occ(28, 'kept'),
        occ(21, 'kept'),
        occ(14, 'missed'),
        occ(7, 'pending'), // past the 2-day grace: missed
        occ(1, 'pending'), // within grace: not yet settled
        occ(-7, 'pending'), // future
      ],
      OPTIONS,
    );
    expect(record).toMatchObject({
      due: 4,
      kept: 2,
      missed: 2,
      keptShare: 0.5,
      currentStreak: 0,
      longestStreak: 2,
    });
    expect(record.strip.map((s) => s.state)).toEqual([
      'kept',
      'kept',
      'missed',
      'missed',
      'pending',
      'pending',
    ]);
  });

  it('sorts by due time whatever the input order, for streaks and the strip', () => {
    const record = reliability([occ(7, 'kept'), occ(21, 'missed'), occ(14, 'kept')], OPTIONS);
    expect(record.strip.map((s) => s.state)).toEqual(['missed', 'kept', 'kept']);
    expect(record.currentStreak).toBe(2);
  });

  it('counts on time only when recorded within the grace period', () => {
    const late = occ(10, 'kept', { recordedAt: new Date(NOW.getTime() - 5 * DAY).toISOString() });
    const unrecordedTime: RecordedOccurrence = { ...occ(20, 'kept') };
    delete unrecordedTime.recordedAt;
    const record = reliability([occ(30, 'kept'), late, unrecordedTime, occ(40, 'missed')], OPTIONS);
    expect(record.onTimeShare).toBe(0.25);
  });

  it('shows witness counts only at k or more and confirms on a majority of "I saw this"', () => {
    const record = reliability(
      [
        occ(21, 'kept', { confirmations: { saw: 2, didNotSee: 0 } }),
        occ(14, 'kept', { confirmations: { saw: 3, didNotSee: 1 } }),
        occ(7, 'kept', { confirmations: { saw: 2, didNotSee: 2 } }),
        occ(3, 'kept'),
      ],
      OPTIONS,
    );
    expect(record.strip.map((s) => s.confirmations)).toEqual([
      FEWER_THAN_K,
      { saw: 3, didNotSee: 1 },
      { saw: 2, didNotSee: 2 },
      FEWER_THAN_K,
    ]);
    expect(record.confirmedShare).toBe(0.25);
  });

  it('shows an early kept occurrence as kept but counts it only once due', () => {
    const record = reliability([occ(-3, 'kept')], OPTIONS);
    expect(record.strip[0]?.state).toBe('kept');
    expect(record.due).toBe(0);
  });
});

// Occurrences within ±60 days of NOW with arbitrary status, record time and witness counts.
const occurrenceArb: fc.Arbitrary<RecordedOccurrence> = fc
  .record({
    offsetHours: fc.integer({ min: -60 * 24, max: 60 * 24 }),
    status: fc.constantFrom<RecordedOccurrence['status']>('kept', 'missed', 'pending'),
    recordDelayHours: fc.option(fc.integer({ min: -24, max: 24 * 10 }), { nil: undefined }),
    confirmations: fc.option(fc.record({ saw: fc.nat(10), didNotSee: fc.nat(10) }), { nil: undefined }),
  })
  .map(({ offsetHours, status, recordDelayHours, confirmations }) => {
    const due = new Date(NOW.getTime() + offsetHours * 3_600_000);
    return {
      dueAt: due.toISOString(),
      localDate: due.toISOString().slice(0, 10),
      status,
      ...(recordDelayHours !== undefined && status !== 'pending'
        ? { recordedAt: new Date(due.getTime() + recordDelayHours * 3_600_000).toISOString() }
        : {}),
      ...(confirmations ? { confirmations } : {}),
    };
  });
const listArb = fc.array(occurrenceArb, { maxLength: 40 });
const pastArb = fc
  .integer({ min: 1, max: 60 * 24 })
  .map((hoursAgo) => new Date(NOW.getTime() - hoursAgo * 3_600_000));
const optionsArb = fc.record({
  graceHours: fc.integer({ min: 0, max: 96 }),
  k: fc.integer({ min: 1, max: 5 }),
});

describe('reliability properties', () => {
  it('keeps shares in [0, 1], due = kept + missed, longest ≥ current, one strip entry per occurrence', () => {
    fc.assert(
      fc.property(listArb, optionsArb, (list, opts) => {
        const r = reliability(list, { now: NOW, ...opts });
        for (const s of [r.keptShare, r.onTimeShare, r.confirmedShare]) {
          if (s !== null) {
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(1);
          }
        }
        expect(r.due).toBe(r.kept + r.missed);
        expect(r.keptShare === null).toBe(r.due === 0);
        expect(r.longestStreak).toBeGreaterThanOrEqual(r.currentStreak);
        expect(r.longestStreak).toBeLessThanOrEqual(r.kept);
        expect(r.strip).toHaveLength(list.length);
      }),
    );
  });

  it('never lowers the kept share when a kept occurrence is added, never raises it for a missed one', () => {
    fc.assert(
      fc.property(listArb, optionsArb, pastArb, (list, opts, dueAt) => {
        const options = { now: NOW, ...opts };
        const before = reliability(list, options).keptShare;
        const extra = { dueAt: dueAt.toISOString(), localDate: dueAt.toISOString().slice(0, 10) };
        const withKept = reliability([...list, { ...extra, status: 'kept' }], options).keptShare;
        const withMissed = reliability([...list, { ...extra, status: 'missed' }], options).keptShare;
        // With nothing due before, the new occurrence alone sets the share: 1 if kept, 0 if missed.
        expect(withKept).toBeGreaterThanOrEqual(before ?? 1);
        expect(withMissed).toBeLessThanOrEqual(before ?? 0);
      }),
    );
  });

  it('never counts a future occurrence as due', () => {
    fc.assert(
      fc.property(listArb, optionsArb, fc.integer({ min: 1, max: 1000 }), (list, opts, hoursAhead) => {
        const options = { now: NOW, ...opts };
        const future = list.map((o) => ({
          ...o,
          dueAt: new Date(
            NOW.getTime() + hoursAhead * 3_600_000 + Math.abs(Date.parse(o.dueAt) % 1000),
          ).toISOString(),
        }));
        expect(reliability(future, options).due).toBe(0);
        expect(reliability([...list, ...future], options).due).toBe(reliability(list, options).due);
      }),
    );
  });

  it('never exposes witness counts below k', () => {
    fc.assert(
      fc.property(listArb, optionsArb, (list, opts) => {
        for (const entry of reliability(list, { now: NOW, ...opts }).strip) {
          if (entry.confirmations !== FEWER_THAN_K) {
            expect(entry.confirmations.saw + entry.confirmations.didNotSee).toBeGreaterThanOrEqual(opts.k);
          }
        }
      }),
    );
  });

  it('does not depend on input order, even with simultaneous occurrences', () => {
    const sameTimes = fc.array(
      occurrenceArb.map((o) => ({
        ...o,
        dueAt: new Date(Date.parse(o.dueAt) - (Date.parse(o.dueAt) % (7 * DAY))).toISOString(),
      })),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(fc.oneof(listArb, sameTimes), optionsArb, (list, opts) => {
        const options = { now: NOW, ...opts };
        const { strip: _a, ...forward } = reliability(list, options);
        const { strip: _b, ...reversed } = reliability([...list].reverse(), options);
        expect(reversed).toEqual(forward);
      }),
    );
  });
});

/** The record as it was computed before the fast path (sort everything, parse dates as needed): the reference. */
function referenceReliability(
  occurrences: readonly RecordedOccurrence[],
  options: { now: Date; graceHours: number; k: number },
): ReliabilityRecord {
  const nowMs = options.now.getTime();
  const graceMs = options.graceHours * 3_600_000;
  const k = Math.max(1, options.k);
  const rank = { kept: 0, pending: 1, missed: 2 };
  const ordered = occurrences
    .map((o) => ({ o, dueMs: Date.parse(o.dueAt) }))
    .sort((a, b) => a.dueMs - b.dueMs || rank[a.o.status] - rank[b.o.status]);
  let [kept, missed, onTime, confirmed, run, longestStreak] = [0, 0, 0, 0, 0, 0];
  const strip: ReliabilityRecord['strip'] = [];
  for (const { o, dueMs } of ordered) {
    const state =
      dueMs > nowMs
        ? o.status === 'kept'
          ? 'kept'
          : 'pending'
        : o.status !== 'pending'
          ? o.status
          : nowMs > dueMs + graceMs
            ? 'missed'
            : 'pending';
    const c = o.confirmations;
    const shown = c && c.saw + c.didNotSee >= k;
    strip.push({
      localDate: o.localDate,
      dueAt: o.dueAt,
      state,
      confirmations: shown ? { saw: c.saw, didNotSee: c.didNotSee } : FEWER_THAN_K,
    });
    if (dueMs > nowMs || state === 'pending') continue;
    if (state === 'kept') {
      kept++;
      run++;
      longestStreak = Math.max(longestStreak, run);
      if ((o.recordedAt ? Date.parse(o.recordedAt) : Number.NaN) <= dueMs + graceMs) onTime++;
      if (shown && c.saw > c.didNotSee) confirmed++;
    } else {
      missed++;
      run = 0;
    }
  }
  const due = kept + missed;
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  return {
    due,
    kept,
    missed,
    keptShare: share(kept, due),
    onTimeShare: share(onTime, due),
    confirmedShare: share(confirmed, kept),
    currentStreak: run,
    longestStreak,
    strip,
  };
}

const asTimed = (o: RecordedOccurrence): TimedOccurrence => ({
  dueMs: Date.parse(o.dueAt),
  status: o.status,
  recordedMs: o.recordedAt ? Date.parse(o.recordedAt) : Number.NaN,
  saw: o.confirmations?.saw ?? 0,
  didNotSee: o.confirmations?.didNotSee ?? 0,
});

describe('reliability fast paths', () => {
  // Sorted input skips the sort: cover it as well as shuffled input, with ties.
  const inputs = fc.oneof(
    listArb,
    listArb.map((list) => [...list].sort((a, b) => a.dueAt.localeCompare(b.dueAt))),
    fc.array(
      occurrenceArb.map((o) => ({
        ...o,
        dueAt: new Date(Date.parse(o.dueAt) - (Date.parse(o.dueAt) % (7 * DAY))).toISOString(),
      })),
      { maxLength: 40 },
    ),
  );

  it('gives the same record as before, strip included', () => {
    fc.assert(
      fc.property(inputs, optionsArb, (list, opts) => {
        const options = { now: NOW, ...opts };
        expect(reliability(list, options)).toEqual(referenceReliability(list, options));
      }),
    );
  });

  it('gives the same numbers with and without the strip, and from numeric instants with the same states', () => {
    fc.assert(
      fc.property(inputs, optionsArb, (list, opts) => {
        const options = { now: NOW, ...opts };
        const { strip, ...numbers } = reliability(list, options);
        expect(strip).toHaveLength(list.length);
        const withoutStrip = reliability(list, { ...options, strip: false });
        expect(withoutStrip).toEqual(numbers);
        expect('strip' in withoutStrip).toBe(false);
        const states: string[] = [];
        expect(timedReliability(list.map(asTimed), options, (state) => states.push(state))).toEqual(numbers);
        expect(states).toEqual(strip.map((entry) => entry.state));
      }),
    );
  });
});
