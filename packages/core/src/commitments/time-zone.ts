// Wall-clock ↔ UTC conversion for IANA zones using only Intl, so it runs unchanged in Node and the browser.

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_CONVERSIONS = 100_000;
const conversions = new Map<string, number>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows this IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields at `instant` in `timeZone`, packed as if they were a UTC time. */
function wallClockMs(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (Berlin in summer: +2 h). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  // Sub-second precision is irrelevant to zone offsets; flooring keeps the subtraction exact.
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

/**
 * The UTC instant at which the wall clock in `timeZone` shows `localDate` `timeOfDay`.
 * Like Temporal's 'compatible' disambiguation: a time skipped by a spring-forward gap moves forward by the
 * gap (Berlin 02:30 on the March switch → 03:30 CEST); a time repeated in autumn takes the earlier instant.
 */
export function localToUtc(localDate: string, timeOfDay: string, timeZone: string): Date {
  // Intl calls dominate expansion cost, and schedules in one organisation hit the same local times repeatedly.
  const key = `${timeZone} ${localDate}T${timeOfDay}`;
  let ms = conversions.get(key);
  if (ms === undefined) {
    if (conversions.size >= MAX_CACHED_CONVERSIONS) conversions.clear();
    ms = convert(localDate, timeOfDay, timeZone);
    conversions.set(key, ms);
  }
  return new Date(ms);
}

function convert(localDate: string, timeOfDay: string, timeZone: string): number {
  const [y = 0, m = 1, d = 1] = localDate.split('-').map(Number);
  const [hh = 0, mm = 0] = timeOfDay.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Offsets a day either side bracket any transition near this wall time (zones never change twice a day).
  const before = zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = zoneOffsetMs(wall + DAY_MS, timeZone);
  if (before === after) {
    // Common case; one check still catches a zone whose offset differs only within these two days.
    const candidate = wall - before;
    if (zoneOffsetMs(candidate, timeZone) === before) return candidate;
  }
  const valid = [before, after]
    .map((offset) => wall - offset)
    .filter((candidate) => wallClockMs(candidate, timeZone) === wall)
    .sort((a, b) => a - b);
  const [earliest] = valid;
  if (earliest !== undefined) return earliest;
  // In a gap: read the wall time with the offset in force before the transition, which lands after it.
  return wall - before;
}

/** The calendar date ('YYYY-MM-DD') that the wall clock in `timeZone` shows at `instant`. */
export function localDateAt(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** Adds whole days to a 'YYYY-MM-DD' date. */
export function addDays(localDate: string, days: number): string {
  return new Date(Date.parse(`${localDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
