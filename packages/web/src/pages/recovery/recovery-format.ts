import type { RecoveryEvent, RecoveryView } from '@kintsugi/core';

export type Estimate = { mean: number; low: number; high: number };
export type Change = NonNullable<RecoveryView['pulse']['change']['overall']>;
export type TrendPoint = RecoveryView['pulse']['points'][number];
export type Withheld = RecoveryView['pulse']['withheld'][number];

const DAY_MS = 86_400_000;

/** "2026-03-04" → whole days since 1970, so dates sit on a linear axis without time-zone drift. */
export function dayNumber(day: string): number {
  const [year, month, date] = day.slice(0, 10).split('-').map(Number);
  if (!year || !month || !date) return 0;
  return Date.UTC(year, month - 1, date) / DAY_MS;
}

function fromDayNumber(n: number): Date {
  const d = new Date(n * DAY_MS);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** "2026-03-04" → "4 Mar 2026": short enough for tables and chart titles. */
export function shortDate(day: string): string {
  return fromDayNumber(dayNumber(day)).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

/** A pulse's period: one day, or "from – to" for pooled pulses. */
export function period(from: string, to: string): string {
  return from === to ? shortDate(from) : `${shortDate(from)} – ${shortDate(to)}`;
}

/** Trust numbers are shown whole: one decimal would claim a precision a small team's answers do not have. */
export const whole = (n: number) => String(Math.round(n));

const MINUS = '\u2212';
export function signed(n: number): string {
  const r = Math.round(n);
  return r > 0 ? `+${r}` : r < 0 ? `${MINUS}${-r}` : '0';
}

export const estimateWords = (e: Estimate) =>
  `${whole(e.mean)} (95% interval ${whole(e.low)}–${whole(e.high)})`;

export const changeRange = (c: Change) => `${signed(c.low)} to ${signed(c.high)}`;

export const VERDICT_WORDS: Record<Change['verdict'], string> = {
  improvement: 'Improvement',
  decline: 'Decline',
  no_clear_change: 'No clear change yet',
};

/** The point where a pulse (or a pooled group) sits on the axis: its middle. */
export const pointDay = (p: { from: string; to: string }) => (dayNumber(p.from) + dayNumber(p.to)) / 2;

export interface TimeDomain {
  start: number;
  end: number;
}

/** From the repair's opening to the latest data, at least six weeks wide so a young repair is not a smear. */
export function timeDomain(view: RecoveryView): TimeDomain {
  const start = dayNumber(view.repair.createdAt);
  const days = [
    start,
    ...view.pulse.points.map((p) => dayNumber(p.to)),
    ...view.pulse.withheld.map((w) => dayNumber(w.to)),
    ...view.events.map((e) => dayNumber(e.on)),
  ];
  const end = Math.max(...days, start + 42);
  return { start: Math.min(...days), end };
}

export interface Tick {
  day: number;
  month: string;
  /** Shown under January and under the first tick, so the year is always readable. */
  year: string | null;
}

/** First-of-month ticks, thinned to every 2, 3, 6 or 12 months so labels never collide. */
export function monthTicks(domain: TimeDomain, maxTicks: number): Tick[] {
  const first = fromDayNumber(domain.start);
  const all: Date[] = [];
  for (let d = new Date(first.getFullYear(), first.getMonth() + 1, 1); ; d.setMonth(d.getMonth() + 1)) {
    const n = Date.UTC(d.getFullYear(), d.getMonth(), 1) / DAY_MS;
    if (n > domain.end) break;
    all.push(new Date(d));
  }
  const step = [1, 2, 3, 6, 12].find((s) => Math.ceil(all.length / s) <= Math.max(1, maxTicks)) ?? 12;
  const kept = all.filter((d) => d.getMonth() % step === 0 || step === 1);
  return kept.map((d, i) => ({
    day: Date.UTC(d.getFullYear(), d.getMonth(), 1) / DAY_MS,
    month: d.toLocaleDateString(undefined, { month: 'short' }),
    year: i === 0 || d.getMonth() === 0 ? String(d.getFullYear()) : null,
  }));
}

/** Consecutive points, split wherever a withheld pulse (or a missing value) lies between two of them. */
export function segments<T extends { from: string; to: string }>(
  points: readonly T[],
  withheld: readonly Withheld[],
  has: (p: T) => boolean = () => true,
): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let previous: T | null = null;
  for (const p of points) {
    const gapBetween =
      previous !== null && withheld.some((w) => previous !== null && w.from > previous.to && w.to < p.from);
    if (!has(p) || gapBetween) {
      if (current.length > 0) out.push(current);
      current = [];
    }
    if (has(p)) current.push(p);
    previous = p;
  }
  if (current.length > 0) out.push(current);
  return out;
}

export const EVENT_WORDS: Record<RecoveryEvent['kind'], string> = {
  opened: 'Repair opened',
  round_sent: 'Listening round sent',
  response_published: 'Message published',
  commitment_started: 'Commitment started',
  commitment_retired: 'Commitment retired',
  missed: 'Commitment missed',
};

/** The share 0..1 as a whole percentage, or "—" when there is nothing to measure. */
export const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);
