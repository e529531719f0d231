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
import { addDays, localDateAt, localToUtc } from './time-zone.js';

// Node's ESM loader sees rrule's CommonJS bundle (exports under `default`); Vite and browsers get its ESM build.
type RRuleModule = typeof rruleModule;
const loaded = rruleModule as RRuleModule & { default?: RRuleModule };
const { RRule } = (loaded.default?.RRule ? loaded.default : loaded) as RRuleModule;
type RRuleInstance = InstanceType<RRuleModule['RRule']>;

/** Expansion stops after this many occurrences, so a schedule can never produce unbounded work. */
export const MAX_OCCURRENCES = 1_000;

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

function humanDate(localDate: string): string {
  const [y, m, d] = localDate.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

function describePattern(pattern: RecurrencePattern): string {
  switch (pattern.type) {
    case 'weekly':
      return `every ${listWords(sortedDays(pattern.weekdays).map((d) => WEEKDAY_NAMES[d]))}`;
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
      return `once, by ${humanDate(schedule.due)} at ${schedule.timeOfDay ?? DEFAULT_TIME_OF_DAY}`;
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

/**
 * The due occurrences of a schedule, each at its local wall-clock time in the organisation's zone, in due
 * order, at most MAX_OCCURRENCES. Event schedules have none: their occurrences are logged as they happen.
 */
export function expandOccurrences(schedule: ScheduleInput, options: ExpandOptions): Occurrence[] {
  if (schedule.kind === 'event') return [];
  const rule = toRRule(schedule, options.start, options.end ? { end: options.end } : {});
  if (!rule) return [];
  const timeOfDay =
    (schedule.kind === 'recurring' ? schedule.pattern.timeOfDay : schedule.timeOfDay) ?? DEFAULT_TIME_OF_DAY;
  const untilMs = options.until.getTime();
  // Generate by local date up to the day after `until` (zone offsets are under a day), then cut exactly.
  const lastDate = addDays(localDateAt(options.until, options.timeZone), 1);
  const from = schedule.kind === 'once' ? floating(schedule.due, '00:00') : floating(options.start, '00:00');
  const dates = rule.between(
    from,
    floating(lastDate, '23:59'),
    true,
    (_date, index) => index < MAX_OCCURRENCES,
  );
  const occurrences: Occurrence[] = [];
  for (const date of dates) {
    const localDate = date.toISOString().slice(0, 10);
    const dueAt = localToUtc(localDate, timeOfDay, options.timeZone);
    if (dueAt.getTime() > untilMs) break;
    occurrences.push({ dueAt: dueAt.toISOString(), localDate });
  }
  return occurrences;
}
