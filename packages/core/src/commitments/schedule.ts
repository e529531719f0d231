import type { Options, Weekday as RRuleWeekday } from 'rrule';
import * as rruleModule from 'rrule';
import {
  DEFAULT_TIME_OF_DAY,
  type Nth,
  type RecurrencePattern,
  type ScheduleInput,
  WEEKDAYS,
  type Weekday,
} from './schedule-schema.js';
import { localDateAt, localToUtc } from './time-zone.js';

// Node's ESM loader sees rrule's CommonJS bundle (exports under `default`); Vite and browsers get its ESM build.
type RRuleModule = typeof rruleModule;
const loaded = rruleModule as RRuleModule & { default?: RRuleModule };
const { RRule } = (loaded.default?.RRule ? loaded.default : loaded) as RRuleModule;
type RRuleInstance = InstanceType<RRuleModule['RRule']>;

/**
 * An expansion stops after this many occurrences unless told otherwise, so a schedule can never produce unbounded
 * work. Views expand a window around today (`from` … `until`), which stays well below it for any schedule.
 */
export const MAX_OCCURRENCES = 1_000;

/**
 * The limit for counting a whole record: every occurrence since the commitment was made (a daily one for more
 * than a century). Callers bound the work by `from`, the moment the commitment was made, not by its start date.
 */
export const MAX_RECORD_OCCURRENCES = 50_000;

export interface Occurrence {
  /** ISO 8601 instant in UTC. */
  dueAt: string;
  /** The organisation's calendar date of the occurrence. */
  localDate: string;
}

export interface ExpandOptions {
  /** First local date that may hold an occurrence (the commitment's start). */
  start: string;
  /** Last local date that may hold an occurrence (the commitment's end or review date), inclusive. */
  end?: string;
  /** Occurrences due after this instant are not produced. */
  until: Date;
  /** Occurrences due before this instant are not produced either, nor counted towards the limit. */
  from?: Date;
  /** At most this many occurrences are produced (MAX_OCCURRENCES when absent). */
  limit?: number;
  /** The organisation's IANA zone. */
  timeZone: string;
}

const WEEKDAY_NAMES: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};
const NTH_INDEX: Record<Nth, number> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function rruleWeekday(day: Weekday): RRuleWeekday {
  const map: Record<Weekday, RRuleWeekday> = {
    monday: RRule.MO,
    tuesday: RRule.TU,
    wednesday: RRule.WE,
    thursday: RRule.TH,
    friday: RRule.FR,
    saturday: RRule.SA,
    sunday: RRule.SU,
  };
  return map[day];
}

function listWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function sortedDays(days: readonly Weekday[]): Weekday[] {
  return [...new Set(days)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
}

/** "14 March 2025": a local date as the leader and the team read it. */
export function describeLocalDate(localDate: string): string {
  const [y, m, d] = localDate.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

function describePattern(pattern: RecurrencePattern): string {
  switch (pattern.type) {
    case 'weekly': {
      const days = sortedDays(pattern.weekdays);
      if (days.length === 7) return 'every day';
      if (days.length === 5 && !days.includes('saturday') && !days.includes('sunday'))
        return 'every working day (Monday to Friday)';
      return `every ${listWords(days.map((d) => WEEKDAY_NAMES[d]))}`;
    }
    case 'every-n-weeks':
      return pattern.interval === 1
        ? `every ${WEEKDAY_NAMES[pattern.weekday]}`
        : `every ${pattern.interval} weeks on ${WEEKDAY_NAMES[pattern.weekday]}`;
    case 'monthly-day':
      return pattern.day > 28
        ? `on day ${pattern.day} of each month (or its last day, if shorter)`
        : `on day ${pattern.day} of each month`;
    case 'monthly-nth-weekday':
      return `on the ${pattern.nth} ${WEEKDAY_NAMES[pattern.weekday]} of each month`;
    case 'first-working-day':
      return 'on the first working day of each month';
  }
}

/** A plain-language sentence for a schedule, as the leader and the team read it. */
export function describeSchedule(schedule: ScheduleInput): string {
  switch (schedule.kind) {
    case 'once':
      return `once, by ${describeLocalDate(schedule.due)} at ${schedule.timeOfDay ?? DEFAULT_TIME_OF_DAY}`;
    case 'recurring':
      return `${describePattern(schedule.pattern)} at ${schedule.pattern.timeOfDay ?? DEFAULT_TIME_OF_DAY}`;
    case 'event':
      return `each time: ${schedule.description}`;
  }
}

/** rrule's convention: a "floating" wall-clock time carried in a Date's UTC fields. */
function floating(localDate: string, timeOfDay: string): Date {
  return new Date(`${localDate}T${timeOfDay}:00Z`);
}

function patternOptions(pattern: RecurrencePattern): Partial<Options> {
  switch (pattern.type) {
    case 'weekly':
      return { freq: RRule.WEEKLY, byweekday: sortedDays(pattern.weekdays).map(rruleWeekday) };
    case 'every-n-weeks':
      return { freq: RRule.WEEKLY, interval: pattern.interval, byweekday: [rruleWeekday(pattern.weekday)] };
    case 'monthly-day':
      // "Day 31" in a 30-day month means its last day: take the last existing day of 28..N (BYSETPOS=-1).
      return pattern.day > 28
        ? {
            freq: RRule.MONTHLY,
            bymonthday: Array.from({ length: pattern.day - 27 }, (_, i) => 28 + i),
            bysetpos: [-1],
          }
        : { freq: RRule.MONTHLY, bymonthday: [pattern.day] };
    case 'monthly-nth-weekday':
      return { freq: RRule.MONTHLY, byweekday: [rruleWeekday(pattern.weekday).nth(NTH_INDEX[pattern.nth])] };
    case 'first-working-day':
      return {
        freq: RRule.MONTHLY,
        byweekday: [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR],
        bysetpos: [1],
      };
  }
}

/**
 * The RFC 5545 rule for a schedule starting on local date `start` (null for event schedules, which have no
 * rule). Times are floating wall-clock times; pass `timeZone` to emit DTSTART;TZID=… for calendar feeds.
 */
export function toRRule(
  schedule: ScheduleInput,
  start: string,
  options: { end?: string; timeZone?: string } = {},
): RRuleInstance | null {
  const tz = options.timeZone ? { tzid: options.timeZone } : {};
  if (schedule.kind === 'event') return null;
  if (schedule.kind === 'once') {
    const dtstart = floating(schedule.due, schedule.timeOfDay ?? DEFAULT_TIME_OF_DAY);
    return new RRule({ freq: RRule.DAILY, count: 1, dtstart, ...tz });
  }
  const timeOfDay = schedule.pattern.timeOfDay ?? DEFAULT_TIME_OF_DAY;
  return new RRule({
    ...patternOptions(schedule.pattern),
    wkst: RRule.MO,
    dtstart: floating(start, timeOfDay),
    ...(options.end ? { until: floating(options.end, '23:59') } : {}),
    ...tz,
  });
}

/** The local dates a schedule falls on, in order, as day numbers (days since 1970-01-01). */
type DayStream = (visit: (day: number) => boolean) => void;

/**
 * The schedule's days from `fromDay` on (never before `startDay`, which sets the phase of every-N-weeks
 * patterns): a window late in a long schedule starts where it begins instead of walking there from the start.
 */
function recurringDays(pattern: RecurrencePattern, startDay: number, fromDay: number): DayStream {
  const firstDay = Math.max(startDay, fromDay);
  switch (pattern.type) {
    case 'weekly': {
      // Each chosen weekday, every week, from the first day on.
      const offsets = sortedDays(pattern.weekdays).map((d) => WEEKDAYS.indexOf(d));
      const monday = firstDay - weekdayOf(firstDay);
      return (visit) => {
        for (let week = monday; ; week += 7) {
          for (const offset of offsets) {
            const day = week + offset;
            if (day >= firstDay && !visit(day)) return;
          }
        }
      };
    }
    case 'every-n-weeks': {
      // Weeks (Monday to Sunday) are counted from the one holding the start date, as RFC 5545 does (WKST=MO).
      const step = pattern.interval * 7;
      let first = startDay - weekdayOf(startDay) + WEEKDAYS.indexOf(pattern.weekday);
      if (first < startDay) first += step;
      if (first < firstDay) first += Math.ceil((firstDay - first) / step) * step;
      return (visit) => {
        for (let day = first; visit(day); day += step);
      };
    }
    case 'monthly-day': {
      const wanted = pattern.day;
      return monthly(firstDay, (year, month) =>
        dayNumber(year, month, Math.min(wanted, daysInMonth(year, month))),
      );
    }
    case 'monthly-nth-weekday': {
      const weekday = WEEKDAYS.indexOf(pattern.weekday);
      const nth = NTH_INDEX[pattern.nth];
      return monthly(firstDay, (year, month) => {
        if (nth < 0) {
          const last = dayNumber(year, month, daysInMonth(year, month));
          return last - ((weekdayOf(last) - weekday + 7) % 7);
        }
        const first = dayNumber(year, month, 1);
        return first + ((weekday - weekdayOf(first) + 7) % 7) + (nth - 1) * 7;
      });
    }
    case 'first-working-day':
      return monthly(firstDay, (year, month) => {
        const first = dayNumber(year, month, 1);
        const weekday = weekdayOf(first);
        return weekday === 5 ? first + 2 : weekday === 6 ? first + 1 : first;
      });
  }
}

/** One date a month, from the start date's month on; a month whose date falls before the start is skipped. */
function monthly(startDay: number, dayIn: (year: number, month: number) => number): DayStream {
  const start = new Date(startDay * DAY_MS);
  return (visit) => {
    let year = start.getUTCFullYear();
    let month = start.getUTCMonth();
    for (;;) {
      const day = dayIn(year, month);
      if (day >= startDay && !visit(day)) return;
      if (++month === 12) {
        month = 0;
        year++;
      }
    }
  };
}

const DAY_MS = 86_400_000;

/** Day number of a month's day; `month` is 0-based. */
function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month, day) / DAY_MS;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function parseDay(localDate: string): number {
  return Date.parse(`${localDate}T00:00:00Z`) / DAY_MS;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

function formatDay(day: number): string {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

/**
 * The due occurrences of a schedule between `from` and `until`, each at its local wall-clock time in the
 * organisation's zone, in due order, at most `limit` (MAX_OCCURRENCES). Event schedules have none: their
 * occurrences are logged as they happen.
 *
 * Dates are computed directly on local calendar dates; they are the dates of `toRRule`'s rule (a property test
 * checks this against the `rrule` package), then each is placed at its wall-clock time in the zone.
 */
export function expandOccurrences(schedule: ScheduleInput, options: ExpandOptions): Occurrence[] {
  if (schedule.kind === 'event') return [];
  const timeOfDay =
    (schedule.kind === 'recurring' ? schedule.pattern.timeOfDay : schedule.timeOfDay) ?? DEFAULT_TIME_OF_DAY;
  const { timeZone } = options;
  const untilMs = options.until.getTime();
  const limit = options.limit ?? MAX_OCCURRENCES;
  // Local dates run at most to the day after `until`'s (zone offsets are under a day); `until` cuts exactly.
  const lastDay = lastLocalDay(untilMs, timeZone);
  // …and from the day before `from`'s, which `from` then cuts exactly.
  const fromMs = options.from ? options.from.getTime() : Number.NEGATIVE_INFINITY;
  const firstDay = options.from
    ? parseDay(localDateAt(options.from, timeZone)) - 1
    : Number.NEGATIVE_INFINITY;
  // A one-off falls on its due date whatever the commitment's start and end.
  const endDay =
    schedule.kind === 'recurring' && options.end ? parseDay(options.end) : Number.POSITIVE_INFINITY;
  const placed = placementsFor(timeZone, timeOfDay);
  const occurrences: Occurrence[] = [];
  const visit = (day: number): boolean => {
    if (day > lastDay || day > endDay) return false;
    if (day < firstDay) return true;
    let at = placed.get(day);
    if (at === undefined) at = place(placed, day, timeOfDay, timeZone);
    if (at.ms > untilMs) return false;
    if (at.ms < fromMs) return true;
    occurrences.push({ dueAt: at.dueAt, localDate: at.localDate });
    return occurrences.length < limit;
  };
  if (limit <= 0) return occurrences;
  if (schedule.kind === 'once') visit(parseDay(schedule.due));
  else recurringDays(schedule.pattern, parseDay(options.start), firstDay)(visit);
  return occurrences;
}

// Formatting dates and instants dominates expansion once dates are arithmetic, and the commitments of one
// organisation fall on the same few local dates and times: each placement is computed once (bounded).
interface Placement {
  ms: number;
  dueAt: string;
  localDate: string;
}
const MAX_CACHED_PLACEMENTS = 100_000;
let cachedPlacements = 0;
const placements = new Map<string, Map<number, Placement>>();

function placementsFor(timeZone: string, timeOfDay: string): Map<number, Placement> {
  const key = `${timeZone} ${timeOfDay}`;
  let byDay = placements.get(key);
  if (!byDay) {
    byDay = new Map();
    placements.set(key, byDay);
  }
  return byDay;
}

function place(byDay: Map<number, Placement>, day: number, timeOfDay: string, timeZone: string): Placement {
  if (cachedPlacements >= MAX_CACHED_PLACEMENTS) {
    for (const map of placements.values()) map.clear();
    cachedPlacements = 0;
  }
  const localDate = formatDay(day);
  const due = localToUtc(localDate, timeOfDay, timeZone);
  const placement = { ms: due.getTime(), dueAt: due.toISOString(), localDate };
  byDay.set(day, placement);
  cachedPlacements++;
  return placement;
}

// Views expand every commitment to the same `until`: remember the last answer (one Intl call each).
let lastUntil = { ms: Number.NaN, timeZone: '', day: 0 };

function lastLocalDay(untilMs: number, timeZone: string): number {
  if (lastUntil.ms !== untilMs || lastUntil.timeZone !== timeZone) {
    const day = parseDay(localDateAt(new Date(untilMs), timeZone)) + 1;
    lastUntil = { ms: untilMs, timeZone, day };
  }
  return lastUntil.day;
}
