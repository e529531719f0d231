import {
  expandOccurrences,
  MAX_RECORD_OCCURRENCES,
  type Schedule,
  type TimedOccurrence,
} from '@kintsugi/core';
import { decodeLedger, type LedgerEntry } from './commitment-ledger.js';

/** What a commitment's record is computed from: its schedule and dates, and its ledger's text. */
export interface LedgerCommitment {
  schedule: string;
  starts_on: string;
  ends_on: string | null;
  created_at: string;
  retired_at: string | null;
  entries: string | null;
}

/**
 * The occurrences that count towards the record, in due order: every recorded one (from the ledger) and every
 * scheduled one due by `now` since the commitment was made that nobody recorded (pending; the record counts it as
 * missed after the grace period). Occurrences due later than `now` and unrecorded never count, nor do any before
 * the commitment was made: the same set the single-repair view counts (`countedOf`).
 */
export function countedOccurrences(
  row: LedgerCommitment,
  timeZone: string,
  now: Date,
  instants: Map<string, number> = new Map(),
): TimedOccurrence[] {
  const recorded: LedgerEntry[] = decodeLedger(row.entries);
  const schedule = JSON.parse(row.schedule) as Schedule;
  if (schedule.kind === 'event') return recorded;
  const until = row.retired_at ? Math.min(now.getTime(), Date.parse(row.retired_at)) : now.getTime();
  const expanded = expandOccurrences(schedule, {
    start: row.starts_on,
    ...(row.ends_on ? { end: row.ends_on } : {}),
    from: new Date(row.created_at),
    until: new Date(until),
    timeZone,
    limit: MAX_RECORD_OCCURRENCES,
  });
  // Merge two due-ordered lists; the recorded entry wins when both hold a due time.
  const out: TimedOccurrence[] = [];
  let j = 0;
  for (const o of expanded) {
    // Commitments of one organisation share their due times: parse each once (the strings are the same objects).
    let dueMs = instants.get(o.dueAt);
    if (dueMs === undefined) {
      dueMs = Date.parse(o.dueAt);
      instants.set(o.dueAt, dueMs);
    }
    while (j < recorded.length && (recorded[j] as LedgerEntry).dueMs < dueMs)
      out.push(recorded[j++] as LedgerEntry);
    if (j < recorded.length && (recorded[j] as LedgerEntry).dueMs === dueMs)
      out.push(recorded[j++] as LedgerEntry);
    else out.push({ dueMs, status: 'pending', recordedMs: Number.NaN, saw: 0, didNotSee: 0 });
  }
  while (j < recorded.length) out.push(recorded[j++] as LedgerEntry);
  return out;
}
