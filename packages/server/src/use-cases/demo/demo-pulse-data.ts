import type { TrustDimension } from '@kintsugi/core';

/**
 * How each demo team's trust moves, on the 1–7 answer scale, week by week since its repair opened: a story with
 * noise, so the charts look like a real team's and the intervals have something to say.
 */
export interface PulseArc {
  team: string;
  everyWeeks: 1 | 2 | 4;
  /** How many weeks ago the team's repair opened. */
  weeks: number;
  /** The team's typical answer in a given week. */
  level: (week: number) => number;
  /** How a dimension sits against the team's level (negative: lower). */
  offset: Partial<Record<TrustDimension, (week: number) => number>>;
  /** How many people answer the pulse with this index. */
  answering: (index: number) => number;
  /** Free-text answers, by pulse index. */
  comments: Record<number, string[]>;
}

const dip = (week: number, from: number, to: number, depth: number) =>
  week >= from && week <= to ? -depth : 0;

/** Data Platform: low after the rota was changed behind their backs, dipping at the two missed weeks, then recovering. */
export const DATA_PLATFORM_ARC: PulseArc = {
  team: 'Data Platform',
  everyWeeks: 2,
  weeks: 52,
  level: (w) => 2.8 + 2.2 * (1 - Math.exp(-w / 18)) + dip(w, 8, 12, 0.6),
  offset: {
    voice: (w) => -0.9 + 1.1 * Math.min(1, w / 36),
    reliability: (w) => dip(w, 6, 12, 0.5),
    competence: () => 0.7,
    speaking_up: (w) => (w < 10 ? -0.4 : 0),
    care: (w) => (w < 4 ? -0.3 : 0.1),
  },
  answering: (i) => (i === 7 ? 2 : i % 5 === 3 ? 4 : 5),
  comments: {
    0: ['Ask us before the rota changes. That is all.', 'I do not know yet whether anything will change.'],
    5: ['The Monday drafts help. I actually got to swap a weekend.'],
    9: ['Two weeks without a draft. It felt like February again.'],
    14: ['The load table made the unfairness visible and then it got fixed. That mattered.'],
    21: ['I no longer check my calendar every evening.', 'Keep the drafts coming even when it is busy.'],
  },
};

/** Clinical Support: four people, so results are pooled; flat, because the plan they were promised is still missing. */
export const CLINICAL_ARC: PulseArc = {
  team: 'Clinical Support',
  everyWeeks: 4,
  weeks: 26,
  level: (w) => 3.5 + 0.2 * Math.sin(w / 4),
  offset: { reliability: () => -0.6, care: () => 0.3 },
  answering: (i) => [3, 2, 2, 3, 1, 2, 2][i] ?? 2,
  comments: { 0: ['Fewer promises, kept.'], 3: ['The Friday list is a start. Where is the cover plan?'] },
};
