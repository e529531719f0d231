import { formatDay } from '../../dates';
import type { SpaceCommitment, SpaceOccurrence, SpaceRecord } from './team-space-api';

export { formatDay };

/** A published timestamp as a calendar day, in the reader's own locale. */
export function formatTimestampDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** An occurrence's day with its weekday: the team thinks in "Monday 3 March", not in timestamps. */
export function formatOccurrenceDay(localDate: string): string {
  const [year, month, day] = localDate.split('-').map(Number);
  if (!year || !month || !day) return localDate;
  return new Date(year, month - 1, day).toLocaleDateString(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/** "Kept 5 of 6 due so far" — the record in one line, in words. */
export function recordLine(record: SpaceRecord): string {
  if (record.due === 0) return 'Nothing has fallen due yet.';
  const missed = record.missed > 0 ? `; ${record.missed} missed` : '';
  return `Kept ${record.kept} of ${record.due} due so far${missed}.`;
}

export function streakLine(record: SpaceRecord): string | null {
  if (record.due === 0) return null;
  const current = record.currentStreak === 1 ? 'the last one kept' : `${record.currentStreak} kept in a row`;
  if (record.currentStreak === 0) return 'No current streak.';
  return record.longestStreak > record.currentStreak
    ? `Current streak: ${current} (longest: ${record.longestStreak}).`
    : `Current streak: ${current}.`;
}

export const STATUS_WORDS: Record<SpaceOccurrence['status'], string> = {
  kept: 'Kept',
  missed: 'Missed',
  pending: 'Due, not recorded yet',
  upcoming: 'Upcoming',
};

export const STATUS_GLYPHS: Record<SpaceOccurrence['status'], string> = {
  kept: '✓',
  missed: '✕',
  pending: '…',
  upcoming: '',
};

type Confirmations = SpaceRecord['strip'][number]['confirmations'];

/** What the team said about one occurrence, without ever showing a count small enough to identify anyone. */
export function witnessCountsWords(confirmations: Confirmations | undefined, threshold: number): string {
  if (!confirmations || confirmations === 'fewer than k') return `Fewer than ${threshold} responses so far.`;
  return `Confirmed by ${confirmations.saw}, not seen by ${confirmations.didNotSee}.`;
}

/** The same for the strip's hidden table, where an occurrence may not be recorded yet. */
export function confirmationWords(
  confirmations: Confirmations | undefined,
  threshold: number,
  recorded = true,
): string {
  return recorded ? witnessCountsWords(confirmations, threshold) : 'Not recorded yet';
}

/** The occurrences already due, most recent last, and the next one to come. */
export function splitOccurrences(commitment: SpaceCommitment, recent = 8) {
  const sorted = [...commitment.occurrences].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const past = sorted.filter((o) => o.status !== 'upcoming');
  const next = sorted.find((o) => o.status === 'upcoming') ?? null;
  return { past: past.slice(-recent), next };
}
