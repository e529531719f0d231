// The reliability record: consistency over time, computed from recorded occurrences (SPEC §3 stage 7, §4).

const HOUR_MS = 3_600_000;
const STATUS_ORDER = { kept: 0, pending: 1, missed: 2 } as const;

export type OccurrenceStatus = 'kept' | 'missed' | 'pending';

export interface WitnessCounts {
  saw: number;
  didNotSee: number;
}

export interface RecordedOccurrence {
  /** ISO instant the occurrence was due. */
  dueAt: string;
  /** The organisation's calendar date of the occurrence, for the strip. */
  localDate: string;
  status: OccurrenceStatus;
  /** ISO instant the leader recorded it as kept or missed. */
  recordedAt?: string;
  /** Raw witness counts; they leave this function only when at least k people answered. */
  confirmations?: WitnessCounts;
}

export interface ReliabilityOptions {
  now: Date;
  /** An occurrence still unrecorded this long after its due time counts as missed. */
  graceHours: number;
  /** Minimum number of witness answers before counts may be shown. */
  k: number;
}

export type StripState = 'kept' | 'missed' | 'pending';

/** Below k answers, only this is shown: the counts could single people out. */
export const FEWER_THAN_K = 'fewer than k';

export interface StripEntry {
  localDate: string;
  dueAt: string;
  state: StripState;
  confirmations: WitnessCounts | typeof FEWER_THAN_K;
}

export interface ReliabilityRecord {
  /** Occurrences whose outcome is settled: kept, or missed (recorded or past the grace period). */
  due: number;
  kept: number;
  missed: number;
  /** kept / due; null when nothing is due yet. */
  keptShare: number | null;
  /** Share of due occurrences kept and recorded within the grace period; null when nothing is due. */
  onTimeShare: number | null;
  /** Share of due kept occurrences that at least k witnesses answered, mostly "I saw this"; null when none. */
  confirmedShare: number | null;
  /** Consecutive kept occurrences ending with the latest settled one. */
  currentStreak: number;
  longestStreak: number;
  /** One entry per occurrence, in due order. */
  strip: StripEntry[];
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function answered(counts: WitnessCounts | undefined): number {
  return counts ? counts.saw + counts.didNotSee : 0;
}

function stripState(o: RecordedOccurrence, nowMs: number, graceMs: number): StripState {
  const dueMs = Date.parse(o.dueAt);
  if (dueMs > nowMs) return o.status === 'kept' ? 'kept' : 'pending';
  if (o.status !== 'pending') return o.status;
  return nowMs > dueMs + graceMs ? 'missed' : 'pending';
}

/**
 * Computes the record for one commitment or, given all their occurrences, for a whole repair.
 * Only occurrences due by `now` count: one kept early shows as kept in the strip and counts once it falls due.
 */
export function reliability(
  occurrences: readonly RecordedOccurrence[],
  options: ReliabilityOptions,
): ReliabilityRecord {
  const nowMs = options.now.getTime();
  const graceMs = options.graceHours * HOUR_MS;
  const k = Math.max(1, options.k);
  // Due order, ties broken by status (kept first, so a simultaneous miss ends the current streak): the
  // record must not depend on the order rows come from storage.
  const ordered = occurrences
    .map((o) => ({ o, dueMs: Date.parse(o.dueAt) }))
    .sort((a, b) => a.dueMs - b.dueMs || STATUS_ORDER[a.o.status] - STATUS_ORDER[b.o.status]);

  let kept = 0;
  let missed = 0;
  let onTime = 0;
  let confirmed = 0;
  let run = 0;
  let longestStreak = 0;
  const strip: StripEntry[] = [];

  for (const { o, dueMs } of ordered) {
    const state = stripState(o, nowMs, graceMs);
    const counts = o.confirmations;
    strip.push({
      localDate: o.localDate,
      dueAt: o.dueAt,
      state,
      confirmations:
        counts && answered(counts) >= k ? { saw: counts.saw, didNotSee: counts.didNotSee } : FEWER_THAN_K,
    });
    if (dueMs > nowMs || state === 'pending') continue;
    if (state === 'kept') {
      kept++;
      run++;
      longestStreak = Math.max(longestStreak, run);
      // Without a record time we cannot claim punctuality (NaN compares false).
      const recordedMs = o.recordedAt ? Date.parse(o.recordedAt) : Number.NaN;
      if (recordedMs <= dueMs + graceMs) onTime++;
      if (counts && answered(counts) >= k && counts.saw > counts.didNotSee) confirmed++;
    } else {
      missed++;
      run = 0;
    }
  }

  const due = kept + missed;
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
