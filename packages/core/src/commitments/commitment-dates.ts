import { describeLocalDate } from './schedule.js';
import type { ScheduleInput } from './schedule-schema.js';

// Which dates a new commitment may have, relative to the organisation's today. The record starts when the
// commitment is made: occurrences before that are never due, so a start date in the past only sets the rhythm
// (which Monday of a fortnight, say), and a one-off already past could never be kept.

/** A start date may lie at most this many years back… */
export const START_YEARS_BACK = 1;
/** …and a start, end or one-off date at most this many years ahead. */
export const YEARS_AHEAD = 5;

export interface CommitmentDates {
  schedule: ScheduleInput;
  startsOn: string;
  endsOn?: string | undefined;
}

export interface DateProblem {
  path: 'startsOn' | 'endsOn' | 'schedule.due';
  message: string;
}

/** The same calendar date `years` later (or earlier); 29 February becomes 28 February in other years. */
export function addYears(localDate: string, years: number): string {
  const [y = 1970, m = 1, d = 1] = localDate.split('-').map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  const date = new Date(Date.UTC(y + years, m - 1, Math.min(d, last)));
  return date.toISOString().slice(0, 10);
}

/** The earliest and latest start dates accepted on `today` (the organisation's date, YYYY-MM-DD). */
export function startDateRange(today: string): { earliest: string; latest: string } {
  return { earliest: addYears(today, -START_YEARS_BACK), latest: addYears(today, YEARS_AHEAD) };
}

/** True when the start lies before today: the form warns that nothing before today will be due. */
export function startsInThePast(startsOn: string, today: string): boolean {
  return startsOn < today;
}

/**
 * What is wrong with a new commitment's dates on `today`, field by field (empty when nothing): a start more than
 * a year back or five years ahead, an end or review date already past or too far ahead, a one-off due date
 * already past or too far ahead. Dates are compared as the organisation's calendar dates.
 */
export function commitmentDateProblems(input: CommitmentDates, today: string): DateProblem[] {
  const problems: DateProblem[] = [];
  const { earliest, latest } = startDateRange(today);
  if (input.startsOn < earliest || input.startsOn > latest) {
    problems.push({
      path: 'startsOn',
      message: `Choose a start between ${describeLocalDate(earliest)} and ${describeLocalDate(latest)}: at most ${START_YEARS_BACK} year back (only occurrences from today on count) and at most ${YEARS_AHEAD} years ahead.`,
    });
  }
  if (input.endsOn !== undefined) {
    if (input.endsOn < today) {
      problems.push({
        path: 'endsOn',
        message: 'This end or review date has passed: nothing would ever fall due. Choose today or later.',
      });
    } else if (input.endsOn > latest) {
      problems.push({
        path: 'endsOn',
        message: `Choose an end or review date by ${describeLocalDate(latest)}, at most ${YEARS_AHEAD} years ahead.`,
      });
    }
  }
  if (input.schedule.kind === 'once') {
    if (input.schedule.due < today) {
      problems.push({
        path: 'schedule.due',
        message:
          'This date has passed: a commitment counts from when it is made. Choose today or a later date.',
      });
    } else if (input.schedule.due > latest) {
      problems.push({
        path: 'schedule.due',
        message: `Choose a date by ${describeLocalDate(latest)}, at most ${YEARS_AHEAD} years ahead.`,
      });
    }
  }
  return problems;
}
