import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeSchedule,
  expandOccurrences,
  MAX_OCCURRENCES,
  MAX_RECORD_OCCURRENCES,
  toRRule,
} from './schedule.js';
import { expandOccurrencesWithRRule } from './schedule-rrule.js';
import { NTHS, type ScheduleInput, scheduleSchema, WEEKDAYS } from './schedule-schema.js';
import { localToUtc } from './time-zone.js';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

function expand(schedule: ScheduleInput, start: string, until: string, timeZone = BERLIN, end?: string) {
  return expandOccurrences(schedule, { start, until: new Date(until), timeZone, ...(end ? { end } : {}) });
}

const weekly = (...weekdays: (typeof WEEKDAYS)[number][]): ScheduleInput => ({
  kind: 'recurring',
  pattern: { type: 'weekly', weekdays },
});

describe('describeSchedule', () => {
  it('reads as plain language, never as RRULE text', () => {
    expect(describeSchedule(weekly('monday'))).toBe('every Monday at 09:00');
    expect(describeSchedule(weekly('thursday', 'monday'))).toBe('every Monday and Thursday at 09:00');
    expect(describeSchedule(weekly('friday', 'monday', 'wednesday'))).toBe(
      'every Monday, Wednesday and Friday at 09:00',
    );
    expect(describeSchedule({ kind: 'recurring', pattern: { type: 'first-working-day' } })).toBe(
      'on the first working day of each month at 09:00',
    );
    expect(
      describeSchedule({
        kind: 'recurring',
        pattern: { type: 'every-n-weeks', interval: 2, weekday: 'tuesday', timeOfDay: '14:30' },
      }),
    ).toBe('every 2 weeks on Tuesday at 14:30');
    expect(
      describeSchedule({
        kind: 'recurring',
        pattern: { type: 'monthly-nth-weekday', nth: 'last', weekday: 'friday' },
      }),
    ).toBe('on the last Friday of each month at 09:00');
    expect(describeSchedule({ kind: 'recurring', pattern: { type: 'monthly-day', day: 15 } })).toBe(
      'on day 15 of each month at 09:00',
    );
    expect(describeSchedule({ kind: 'once', due: '2025-03-14' })).toBe('once, by 14 March 2025 at 09:00');
    expect(
      describeSchedule({ kind: 'event', description: 'before each decision that changes a project' }),
    ).toBe('each time: before each decision that changes a project');
  });
});

describe('toRRule', () => {
  it('builds RFC 5545 rules from the plain choices', () => {
    expect(toRRule(weekly('monday', 'thursday'), '2025-01-06')?.toString()).toBe(
      'DTSTART:20250106T090000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;WKST=MO',
    );
    const firstWorkingDay = toRRule(
      { kind: 'recurring', pattern: { type: 'first-working-day' } },
      '2025-01-01',
      {
        timeZone: BERLIN,
      },
    );
    expect(firstWorkingDay?.toString()).toBe(
      'DTSTART;TZID=Europe/Berlin:20250101T090000\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1;WKST=MO',
    );
    expect(toRRule({ kind: 'event', description: 'x' }, '2025-01-01')).toBeNull();
  });
});

describe('localToUtc', () => {
  it('converts Berlin 09:00 to 08:00Z in winter and 07:00Z in summer, both sides of each switch', () => {
    // Switches in 2025: 30 March (to CEST) and 26 October (to CET).
    expect(localToUtc('2025-03-29', '09:00', BERLIN).toISOString()).toBe('2025-03-29T08:00:00.000Z');
    expect(localToUtc('2025-03-30', '09:00', BERLIN).toISOString()).toBe('2025-03-30T07:00:00.000Z');
    expect(localToUtc('2025-10-25', '09:00', BERLIN).toISOString()).toBe('2025-10-25T07:00:00.000Z');
    expect(localToUtc('2025-10-26', '09:00', BERLIN).toISOString()).toBe('2025-10-26T08:00:00.000Z');
  });
  it('handles New York, whose switches fall on other dates', () => {
    // 2025: 9 March (to EDT) and 2 November (to EST).
    expect(localToUtc('2025-03-08', '09:00', NEW_YORK).toISOString()).toBe('2025-03-08T14:00:00.000Z');
    expect(localToUtc('2025-03-09', '09:00', NEW_YORK).toISOString()).toBe('2025-03-09T13:00:00.000Z');
    expect(localToUtc('2025-11-01', '09:00', NEW_YORK).toISOString()).toBe('2025-11-01T13:00:00.000Z');
    expect(localToUtc('2025-11-02', '09:00', NEW_YORK).toISOString()).toBe('2025-11-02T14:00:00.000Z');
  });
  it('moves a time skipped in spring forward and takes the earlier of a repeated autumn time', () => {
    expect(localToUtc('2025-03-30', '02:30', BERLIN).toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(localToUtc('2025-10-26', '02:30', BERLIN).toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });
  it('round-trips every wall time that exists', () => {
    const zones = [BERLIN, NEW_YORK, 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const instant = new Date(Math.floor(ms / 60_000) * 60_000);
          const parts = new Intl.DateTimeFormat('sv-SE', {
            timeZone: zone,
            dateStyle: 'short',
            timeStyle: 'short',
          }).format(instant);
          const [date = '', time = ''] = parts.split(' ');
          const back = localToUtc(date, time, zone);
          // Either the same instant or, for a repeated autumn hour, the earlier one with the same wall time.
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime() - back.getTime()).toBeLessThanOrEqual(60 * 60_000);
        },
      ),
    );
  });
});

describe('expandOccurrences', () => {
  it('expands "every Monday" in Berlin across the March switch', () => {
    const result = expand(weekly('monday'), '2025-03-17', '2025-04-08T00:00:00Z');
    expect(result).toEqual([
      { localDate: '2025-03-17', dueAt: '2025-03-17T08:00:00.000Z' },
      { localDate: '2025-03-24', dueAt: '2025-03-24T08:00:00.000Z' },
      { localDate: '2025-03-31', dueAt: '2025-03-31T07:00:00.000Z' },
      { localDate: '2025-04-07', dueAt: '2025-04-07T07:00:00.000Z' },
    ]);
  });

  it('expands across the October switch and in New York', () => {
    const berlin = expand(weekly('monday', 'thursday'), '2025-10-20', '2025-10-31T00:00:00Z');
    expect(berlin.map((o) => o.dueAt)).toEqual([
      '2025-10-20T07:00:00.000Z',
      '2025-10-23T07:00:00.000Z',
      '2025-10-27T08:00:00.000Z',
      '2025-10-30T08:00:00.000Z',
    ]);
    const ny = expand(weekly('sunday'), '2025-10-26', '2025-11-10T00:00:00Z', NEW_YORK);
    expect(ny.map((o) => o.dueAt)).toEqual([
      '2025-10-26T13:00:00.000Z',
      '2025-11-02T14:00:00.000Z',
      '2025-11-09T14:00:00.000Z',
    ]);
  });

  it('finds the first working day, the nth weekday and clamps day 31 to short months', () => {
    const firstWorkingDay = expand(
      { kind: 'recurring', pattern: { type: 'first-working-day' } },
      '2025-01-01',
      '2025-07-01T00:00:00Z',
    );
    expect(firstWorkingDay.map((o) => o.localDate)).toEqual([
      '2025-01-01',
      '2025-02-03',
      '2025-03-03',
      '2025-04-01',
      '2025-05-01',
      '2025-06-02',
    ]);
    const lastFriday = expand(
      { kind: 'recurring', pattern: { type: 'monthly-nth-weekday', nth: 'last', weekday: 'friday' } },
      '2025-01-01',
      '2025-04-01T00:00:00Z',
    );
    expect(lastFriday.map((o) => o.localDate)).toEqual(['2025-01-31', '2025-02-28', '2025-03-28']);
    const day31 = expand(
      { kind: 'recurring', pattern: { type: 'monthly-day', day: 31 } },
      '2025-01-01',
      '2025-05-01T00:00:00Z',
    );
    expect(day31.map((o) => o.localDate)).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']);
  });

  it('counts every N weeks from the start and respects the end date', () => {
    const biweekly = expand(
      { kind: 'recurring', pattern: { type: 'every-n-weeks', interval: 2, weekday: 'wednesday' } },
      '2025-01-06',
      '2025-03-01T00:00:00Z',
      BERLIN,
      '2025-02-12',
    );
    expect(biweekly.map((o) => o.localDate)).toEqual(['2025-01-08', '2025-01-22', '2025-02-05']);
  });

  it('cuts at the exact `until` instant and handles once and event schedules', () => {
    expect(expand(weekly('monday'), '2025-01-06', '2025-01-06T07:59:59Z')).toEqual([]);
    expect(expand(weekly('monday'), '2025-01-06', '2025-01-06T08:00:00Z')).toHaveLength(1);
    expect(
      expand({ kind: 'once', due: '2025-07-01', timeOfDay: '17:00' }, '2025-01-01', '2026-01-01T00:00:00Z'),
    ).toEqual([{ localDate: '2025-07-01', dueAt: '2025-07-01T15:00:00.000Z' }]);
    expect(expand({ kind: 'event', description: 'x' }, '2025-01-01', '2026-01-01T00:00:00Z')).toEqual([]);
  });

  it('is bounded and deterministic', () => {
    const all = weekly(...WEEKDAYS);
    const result = expand(all, '2020-01-01', '2030-01-01T00:00:00Z');
    expect(result).toHaveLength(MAX_OCCURRENCES);
    expect(expand(all, '2020-01-01', '2030-01-01T00:00:00Z')).toEqual(result);
  });

  it('yields increasing instants within [start, until], each at the wall time asked for', () => {
    const schedules = fc.oneof(
      fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1 }).map(
        (weekdays): ScheduleInput => ({
          kind: 'recurring',
          pattern: { type: 'weekly', weekdays, timeOfDay: '08:15' },
        }),
      ),
      fc.constant<ScheduleInput>({
        kind: 'recurring',
        pattern: { type: 'first-working-day', timeOfDay: '08:15' },
      }),
    );
    fc.assert(
      fc.property(
        schedules,
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 800 }),
        fc.constantFrom(BERLIN, NEW_YORK),
        (schedule, startOffset, span, zone) => {
          const start = new Date(Date.UTC(2020, 0, 1) + startOffset * 86_400_000).toISOString().slice(0, 10);
          const until = new Date(Date.parse(start) + span * 86_400_000);
          const result = expandOccurrences(schedule, { start, until, timeZone: zone });
          const fmt = new Intl.DateTimeFormat('sv-SE', {
            timeZone: zone,
            dateStyle: 'short',
            timeStyle: 'short',
          });
          let previous = Number.NEGATIVE_INFINITY;
          for (const o of result) {
            const t = Date.parse(o.dueAt);
            expect(t).toBeGreaterThan(previous);
            expect(t).toBeLessThanOrEqual(until.getTime());
            expect(o.localDate >= start).toBe(true);
            expect(fmt.format(new Date(t))).toBe(`${o.localDate} 08:15`);
            previous = t;
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('expandOccurrences against the rrule package', () => {
  const times = fc.oneof(
    fc.constantFrom('00:00', '02:30', '09:00', '23:59'),
    fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  );
  const weekday = fc.constantFrom(...WEEKDAYS);
  const schedules: fc.Arbitrary<ScheduleInput> = fc.oneof(
    fc
      .record({ weekdays: fc.uniqueArray(weekday, { minLength: 1 }), timeOfDay: times })
      .map((p) => ({ kind: 'recurring', pattern: { type: 'weekly', ...p } })),
    fc
      .record({ interval: fc.integer({ min: 1, max: 52 }), weekday, timeOfDay: times })
      .map((p) => ({ kind: 'recurring', pattern: { type: 'every-n-weeks', ...p } })),
    fc
      .record({ day: fc.integer({ min: 1, max: 31 }), timeOfDay: times })
      .map((p) => ({ kind: 'recurring', pattern: { type: 'monthly-day', ...p } })),
    fc
      .record({ nth: fc.constantFrom(...NTHS), weekday, timeOfDay: times })
      .map((p) => ({ kind: 'recurring', pattern: { type: 'monthly-nth-weekday', ...p } })),
    fc
      .record({ timeOfDay: times })
      .map((p) => ({ kind: 'recurring', pattern: { type: 'first-working-day', ...p } })),
    fc.record({ day: fc.integer({ min: 0, max: 15_000 }), timeOfDay: times }).map(({ day, timeOfDay }) => ({
      kind: 'once',
      due: dateFrom(day),
      timeOfDay,
    })),
  );
  const zones = [
    BERLIN,
    NEW_YORK,
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'America/Santiago',
    'Pacific/Apia',
    'UTC',
  ];

  function dateFrom(daysSince2000: number): string {
    return new Date(Date.UTC(2000, 0, 1) + daysSince2000 * 86_400_000).toISOString().slice(0, 10);
  }

  it("gives exactly the occurrences of the schedule's RFC 5545 rule, for any pattern, dates and zone", () => {
    fc.assert(
      fc.property(
        schedules,
        fc.integer({ min: 0, max: 15_000 }),
        fc.integer({ min: -40, max: 1_600 }),
        fc.option(fc.integer({ min: -10, max: 1_200 }), { nil: undefined }),
        fc.integer({ min: 0, max: 86_399 }),
        fc.constantFrom(...zones),
        (schedule, startDay, span, endSpan, untilSecond, timeZone) => {
          const start = dateFrom(startDay);
          const until = new Date(Date.parse(start) + span * 86_400_000 + untilSecond * 1000);
          const options = {
            start,
            until,
            timeZone,
            ...(endSpan === undefined ? {} : { end: dateFrom(startDay + endSpan) }),
          };
          expect(expandOccurrences(schedule, options)).toEqual(expandOccurrencesWithRRule(schedule, options));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees at the exact `until` instant of each occurrence and at the cap', () => {
    const biweekly: ScheduleInput = {
      kind: 'recurring',
      pattern: { type: 'every-n-weeks', interval: 3, weekday: 'sunday', timeOfDay: '02:30' },
    };
    for (const o of expand(biweekly, '2024-01-03', '2026-01-01T00:00:00Z')) {
      for (const delta of [-1, 0, 1]) {
        const options = {
          start: '2024-01-03',
          until: new Date(Date.parse(o.dueAt) + delta),
          timeZone: BERLIN,
        };
        expect(expandOccurrences(biweekly, options)).toEqual(expandOccurrencesWithRRule(biweekly, options));
      }
    }
    const all = weekly(...WEEKDAYS);
    const options = { start: '2001-02-03', until: new Date('2030-01-01T00:00:00Z'), timeZone: NEW_YORK };
    expect(expandOccurrences(all, options)).toEqual(expandOccurrencesWithRRule(all, options));
  });

  it('gives the same window (`from` … `until`, with a limit) as the rule, however late in the schedule', () => {
    fc.assert(
      fc.property(
        schedules,
        fc.integer({ min: 0, max: 15_000 }),
        fc.integer({ min: -40, max: 2_500 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 86_399 }),
        fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
        fc.constantFrom(...zones),
        (schedule, startDay, fromOffset, span, second, limit, timeZone) => {
          const start = dateFrom(startDay);
          const from = new Date(Date.parse(start) + fromOffset * 86_400_000 + second * 1000);
          const options = {
            start,
            from,
            until: new Date(from.getTime() + span * 86_400_000),
            timeZone,
            ...(limit === undefined ? {} : { limit }),
          };
          const window = expandOccurrences(schedule, options);
          expect(window).toEqual(expandOccurrencesWithRRule(schedule, options));
          for (const o of window) expect(Date.parse(o.dueAt)).toBeGreaterThanOrEqual(from.getTime());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('expands a window years into a daily schedule, past where a count from the start stops', () => {
    const daily = weekly(...WEEKDAYS);
    // From 2024-01-01 the thousandth day is 2026-09-26: a count from the start never reaches October.
    expect(expand(daily, '2024-01-01', '2026-12-31T00:00:00Z').at(-1)?.localDate).toBe('2026-09-26');
    const window = expandOccurrences(daily, {
      start: '2024-01-01',
      from: new Date('2026-10-01T00:00:00Z'),
      until: new Date('2026-10-03T23:00:00Z'),
      timeZone: BERLIN,
    });
    expect(window.map((o) => o.localDate)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03']);
    const all = expandOccurrences(daily, {
      start: '2024-01-01',
      until: new Date('2026-12-31T00:00:00Z'),
      timeZone: BERLIN,
      limit: MAX_RECORD_OCCURRENCES,
    });
    expect(all).toHaveLength(366 + 365 + 364);
    expect(all.at(-1)?.localDate).toBe('2026-12-30');
  });

  it('returns fresh objects: a caller changing one does not change the next expansion', () => {
    const first = expand(weekly('monday'), '2025-01-06', '2025-01-20T12:00:00Z');
    const [o] = first;
    if (o) o.dueAt = 'changed';
    expect(expand(weekly('monday'), '2025-01-06', '2025-01-20T12:00:00Z')[0]?.dueAt).toBe(
      '2025-01-06T08:00:00.000Z',
    );
  });
});

describe('scheduleSchema', () => {
  it('fills the default time and rejects raw or malformed input', () => {
    expect(scheduleSchema.parse(weekly('monday'))).toEqual({
      kind: 'recurring',
      pattern: { type: 'weekly', weekdays: ['monday'], timeOfDay: '09:00' },
    });
    expect(scheduleSchema.safeParse({ kind: 'recurring', pattern: 'FREQ=WEEKLY;BYDAY=MO' }).success).toBe(
      false,
    );
    expect(scheduleSchema.safeParse(weekly()).success).toBe(false);
    expect(scheduleSchema.safeParse(weekly('monday', 'monday')).success).toBe(false);
    expect(scheduleSchema.safeParse({ kind: 'once', due: '2025-02-30' }).success).toBe(false);
    expect(
      scheduleSchema.safeParse({
        kind: 'recurring',
        pattern: { type: 'first-working-day', timeOfDay: '24:00' },
      }).success,
    ).toBe(false);
  });
});

describe('describeSchedule in plain words', () => {
  it('says "every day" and "every working day" rather than listing the days', () => {
    const all = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
    expect(describeSchedule({ kind: 'recurring', pattern: { type: 'weekly', weekdays: [...all] } })).toMatch(
      /^every day at 09:00$/,
    );
    expect(
      describeSchedule({ kind: 'recurring', pattern: { type: 'weekly', weekdays: all.slice(0, 5) } }),
    ).toMatch(/^every working day \(Monday to Friday\) at 09:00$/);
    expect(
      describeSchedule({ kind: 'recurring', pattern: { type: 'weekly', weekdays: ['thursday', 'monday'] } }),
    ).toMatch(/^every Monday and Thursday at 09:00$/);
  });
});
