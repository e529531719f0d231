import { z } from 'zod';
import { textField } from '../schemas/common.js';
import { isValidTimeZone } from './time-zone.js';

// Schedules are stored and sent as these plain choices; RRULE text is derived, never accepted from users.

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const NTHS = ['first', 'second', 'third', 'fourth', 'last'] as const;
export type Nth = (typeof NTHS)[number];

export const DEFAULT_TIME_OF_DAY = '09:00';

function isCalendarDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Must be a date such as 2025-03-14.')
  .refine(isCalendarDate, 'Must be a real calendar date.');

export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Must be a 24-hour time such as 09:00.')
  .default(DEFAULT_TIME_OF_DAY);

export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, 'Must be an IANA time zone such as Europe/Berlin.');

export const weekdaySchema = z.enum(WEEKDAYS);

export const recurrencePatternSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('weekly'),
    weekdays: z
      .array(weekdaySchema)
      .min(1, 'Choose at least one day.')
      .refine((days) => new Set(days).size === days.length, 'Choose each day once.'),
    timeOfDay: timeOfDaySchema,
  }),
  z.object({
    type: z.literal('every-n-weeks'),
    interval: z.number().int().min(1).max(52),
    weekday: weekdaySchema,
    timeOfDay: timeOfDaySchema,
  }),
  z.object({
    type: z.literal('monthly-day'),
    // Days 29–31 fall on the month's last day in shorter months.
    day: z.number().int().min(1).max(31),
    timeOfDay: timeOfDaySchema,
  }),
  z.object({
    type: z.literal('monthly-nth-weekday'),
    nth: z.enum(NTHS),
    weekday: weekdaySchema,
    timeOfDay: timeOfDaySchema,
  }),
  z.object({
    type: z.literal('first-working-day'),
    timeOfDay: timeOfDaySchema,
  }),
]);

export const scheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), due: localDateSchema, timeOfDay: timeOfDaySchema }),
  z.object({ kind: z.literal('recurring'), pattern: recurrencePatternSchema }),
  z.object({ kind: z.literal('event'), description: textField(500) }),
]);

/** A validated schedule: every time of day filled in. */
export type Schedule = z.output<typeof scheduleSchema>;
/** A schedule as written by hand or sent by a client: times of day may be left to the default. */
export type ScheduleInput = z.input<typeof scheduleSchema>;
export type RecurrencePattern = z.input<typeof recurrencePatternSchema>;
