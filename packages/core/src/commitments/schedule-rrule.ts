import { type ExpandOptions, MAX_OCCURRENCES, type Occurrence, toRRule } from './schedule.js';
import { DEFAULT_TIME_OF_DAY, type ScheduleInput } from './schedule-schema.js';
import { addDays, localDateAt, localToUtc } from './time-zone.js';

// The reference expansion through the `rrule` package: the test oracle for `expandOccurrences` (which computes
// the same dates by direct date arithmetic) and the baseline of scripts/bench-commitments.mjs. Not exported from
// the package index; the server never calls it.

function floating(localDate: string, timeOfDay: string): Date {
  return new Date(`${localDate}T${timeOfDay}:00Z`);
}

/** `expandOccurrences`, computed by `rrule` from the schedule's RFC 5545 rule. */
export function expandOccurrencesWithRRule(schedule: ScheduleInput, options: ExpandOptions): Occurrence[] {
  if (schedule.kind === 'event') return [];
  const rule = toRRule(schedule, options.start, options.end ? { end: options.end } : {});
  if (!rule) return [];
  const timeOfDay =
    (schedule.kind === 'recurring' ? schedule.pattern.timeOfDay : schedule.timeOfDay) ?? DEFAULT_TIME_OF_DAY;
  const untilMs = options.until.getTime();
  const fromMs = options.from ? options.from.getTime() : Number.NEGATIVE_INFINITY;
  const limit = options.limit ?? MAX_OCCURRENCES;
  // Generate by local date up to the day after `until` (zone offsets are under a day), then cut exactly.
  const lastDate = addDays(localDateAt(options.until, options.timeZone), 1);
  const start = schedule.kind === 'once' ? floating(schedule.due, '00:00') : floating(options.start, '00:00');
  const occurrences: Occurrence[] = [];
  // Every date of the rule, in order, until `until` or the limit: the slow, obviously right way.
  rule.between(start, floating(lastDate, '23:59'), true, (date) => {
    const localDate = date.toISOString().slice(0, 10);
    const dueAt = localToUtc(localDate, timeOfDay, options.timeZone);
    if (dueAt.getTime() > untilMs) return false;
    if (dueAt.getTime() >= fromMs) occurrences.push({ dueAt: dueAt.toISOString(), localDate });
    return occurrences.length < limit;
  });
  return occurrences;
}
