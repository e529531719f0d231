import { describe, expect, it } from 'vitest';
import { addYears, commitmentDateProblems, startDateRange, startsInThePast } from './commitment-dates.js';
import type { ScheduleInput } from './schedule-schema.js';

const weekly: ScheduleInput = { kind: 'recurring', pattern: { type: 'weekly', weekdays: ['monday'] } };
const TODAY = '2026-03-02';

describe('commitment dates', () => {
  it('adds calendar years, keeping 29 February in range', () => {
    expect(addYears('2026-03-02', -1)).toBe('2025-03-02');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(startDateRange(TODAY)).toEqual({ earliest: '2025-03-02', latest: '2031-03-02' });
  });

  it('accepts a start up to a year back and five years ahead, and says so otherwise', () => {
    for (const startsOn of ['2025-03-02', '2026-02-02', TODAY, '2031-03-02'])
      expect(commitmentDateProblems({ schedule: weekly, startsOn }, TODAY)).toEqual([]);
    for (const startsOn of ['0001-01-01', '2025-03-01', '2031-03-03', '9999-12-31']) {
      const [problem] = commitmentDateProblems({ schedule: weekly, startsOn }, TODAY);
      expect(problem?.path).toBe('startsOn');
      expect(problem?.message).toBe(
        'Choose a start between 2 March 2025 and 2 March 2031: at most 1 year back (only occurrences from today on count) and at most 5 years ahead.',
      );
    }
    expect(startsInThePast('2026-03-01', TODAY)).toBe(true);
    expect(startsInThePast(TODAY, TODAY)).toBe(false);
  });

  it('refuses an end already past or too far ahead, and a one-off already past or too far ahead', () => {
    expect(
      commitmentDateProblems({ schedule: weekly, startsOn: '2026-01-05', endsOn: '2026-03-01' }, TODAY),
    ).toEqual([{ path: 'endsOn', message: expect.stringMatching(/has passed/) }]);
    expect(
      commitmentDateProblems({ schedule: weekly, startsOn: TODAY, endsOn: '2031-03-03' }, TODAY)[0]?.path,
    ).toBe('endsOn');
    expect(commitmentDateProblems({ schedule: weekly, startsOn: TODAY, endsOn: TODAY }, TODAY)).toEqual([]);
    const once = (due: string): ScheduleInput => ({ kind: 'once', due });
    expect(commitmentDateProblems({ schedule: once('2026-03-01'), startsOn: TODAY }, TODAY)).toEqual([
      { path: 'schedule.due', message: expect.stringMatching(/has passed/) },
    ]);
    expect(commitmentDateProblems({ schedule: once('2040-01-01'), startsOn: TODAY }, TODAY)[0]?.path).toBe(
      'schedule.due',
    );
    expect(commitmentDateProblems({ schedule: once(TODAY), startsOn: TODAY }, TODAY)).toEqual([]);
  });
});
