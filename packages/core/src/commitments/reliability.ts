// The reliability record: consistency over time, computed from recorded occurrences (SPEC §3 stage 7, §4).

const HOUR_MS = 3_600_000;

/** An occurrence still unrecorded this long after it was due counts as missed: the rule the leader is told. */
export const RECORDING_GRACE_HOURS = 48;
/** The leader is emailed this many hours before an unrecorded occurrence counts as missed. */
export const RECORDING_WARNING_HOURS = 12;
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

/**
 * The same occurrence with its instants as epoch milliseconds, for callers that hold numbers already (the bulk
 * path reads them from the commitment ledgers): no dates are parsed.
 */
export interface TimedOccurrence {
  dueMs: number;
  status: OccurrenceStatus;
  /** When the leader recorded it; NaN when unknown (it then cannot count as on time). */
  recordedMs: number;
  /** Raw witness totals, 0 and 0 when nobody answered; only whether they reach k and confirm comes out. */
  saw: number;
  didNotSee: number;
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

/** The record without its strip: what overviews of many repairs need. */
export type ReliabilityNumbers = Omit<ReliabilityRecord, 'strip'>;

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Whether `a` may come before `b`: due order, ties broken by status (kept first). */
function before(a: TimedOccurrence, b: TimedOccurrence): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && STATUS_ORDER[a.status] <= STATUS_ORDER[b.status]);
}

/**
 * Due order, ties broken by status (kept first, so a simultaneous miss ends the current streak): the record must
 * not depend on the order rows come from storage. Null when the input is already in order (the usual case:
 * expansions and ledgers are), which saves the sort.
 */
function dueOrder(list: readonly TimedOccurrence[]): number[] | null {
  let ordered = true;
  for (let i = 1; i < list.length && ordered; i++)
    ordered = before(list[i - 1] as TimedOccurrence, list[i] as TimedOccurrence);
  if (ordered) return null;
  return list
    .map((_, i) => i)
    .sort((x, y) => {
      const a = list[x] as TimedOccurrence;
      const b = list[y] as TimedOccurrence;
      return a.dueMs - b.dueMs || STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    });
}

/** Called once per occurrence in due order, with what the strip would show for it. */
type Visit = (index: number, state: StripState) => void;

function tally(
  list: readonly TimedOccurrence[],
  options: ReliabilityOptions,
  visit?: Visit,
): ReliabilityNumbers {
  const nowMs = options.now.getTime();
  const graceMs = options.graceHours * HOUR_MS;
  const k = Math.max(1, options.k);
  const order = dueOrder(list);
  let kept = 0;
  let missed = 0;
  let onTime = 0;
  let confirmed = 0;
  let run = 0;
  let longestStreak = 0;
  for (let n = 0; n < list.length; n++) {
    const index = order ? (order[n] as number) : n;
    const o = list[index] as TimedOccurrence;
    const dueMs = o.dueMs;
    let state: StripState;
    if (dueMs > nowMs) state = o.status === 'kept' ? 'kept' : 'pending';
    else if (o.status !== 'pending') state = o.status;
    else state = nowMs > dueMs + graceMs ? 'missed' : 'pending';
    visit?.(index, state);
    // Only occurrences due by now count: one kept early shows as kept in the strip and counts once it falls due.
    if (dueMs > nowMs || state === 'pending') continue;
    if (state === 'kept') {
      kept++;
      run++;
      if (run > longestStreak) longestStreak = run;
      // Without a record time we cannot claim punctuality (NaN compares false).
      if (o.recordedMs <= dueMs + graceMs) onTime++;
      if (o.saw + o.didNotSee >= k && o.saw > o.didNotSee) confirmed++;
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
  };
}

/**
 * The fast path: the record's numbers, without the strip, from occurrences whose instants are numbers.
 * `onState`, if given, receives each occurrence's strip state in due order (for signals such as two misses in a
 * row) without the cost of the strip's entries.
 */
export function timedReliability(
  occurrences: readonly TimedOccurrence[],
  options: ReliabilityOptions,
  onState?: (state: StripState) => void,
): ReliabilityNumbers {
  return tally(occurrences, options, onState && ((_index, state) => onState(state)));
}

function timed(o: RecordedOccurrence): TimedOccurrence {
  // The record time matters only for kept occurrences (punctuality): parse it only then.
  return {
    dueMs: Date.parse(o.dueAt),
    status: o.status,
    recordedMs: o.status === 'kept' && o.recordedAt ? Date.parse(o.recordedAt) : Number.NaN,
    saw: o.confirmations?.saw ?? 0,
    didNotSee: o.confirmations?.didNotSee ?? 0,
  };
}

/**
 * Computes the record for one commitment or, given all their occurrences, for a whole repair.
 * Only occurrences due by `now` count: one kept early shows as kept in the strip and counts once it falls due.
 * With `strip: false` the strip is left out (its entries are most of the work for long histories).
 */
export function reliability(
  occurrences: readonly RecordedOccurrence[],
  options: ReliabilityOptions & { strip: false },
): ReliabilityNumbers;
export function reliability(
  occurrences: readonly RecordedOccurrence[],
  options: ReliabilityOptions & { strip?: true },
): ReliabilityRecord;
export function reliability(
  occurrences: readonly RecordedOccurrence[],
  options: ReliabilityOptions & { strip?: boolean },
): ReliabilityNumbers | ReliabilityRecord {
  const list = occurrences.map(timed);
  if (options.strip === false) return tally(list, options);
  const k = Math.max(1, options.k);
  const strip: StripEntry[] = [];
  const numbers = tally(list, options, (index, state) => {
    const o = occurrences[index] as RecordedOccurrence;
    const t = list[index] as TimedOccurrence;
    strip.push({
      localDate: o.localDate,
      dueAt: o.dueAt,
      state,
      // Below k answers the counts could single people out: only "fewer than k" leaves.
      confirmations:
        o.confirmations && t.saw + t.didNotSee >= k ? { saw: t.saw, didNotSee: t.didNotSee } : FEWER_THAN_K,
    });
  });
  return { ...numbers, strip };
}
