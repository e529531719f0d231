export type { SeriesMode, TrendOptions, Withheld } from './pulse-grouping.js';
export * from './pulse-items.js';
export * from './pulse-series.js';
export * from './pulse-statistics.js';
export * from './relapse.js';
