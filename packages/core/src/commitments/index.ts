export * from './commitment-coverage.js';
export * from './commitment-dates.js';
export * from './reliability.js';
export * from './schedule.js';
export * from './schedule-schema.js';
export { addDays, isValidTimeZone, localDateAt, localToUtc, zoneOffsetMs } from './time-zone.js';
