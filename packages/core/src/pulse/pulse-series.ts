// The trust trend a team sees: per pulse (or pooled pulses, in small teams), overall and per dimension, with
// the change from the baseline and relapse warnings (SPEC §3 stages 8–9, §4, §5).

import { groupPulses, type SeriesMode, type TrendOptions, type Withheld } from './pulse-grouping.js';
import {
  changedDimensionsBetween,
  PULSE_ITEM_SETS,
  type PulseItemSet,
  pulseItemSet,
  SCALE_POINTS,
  TRUST_DIMENSIONS,
  type TrustDimension,
} from './pulse-items.js';
import {
  type Change,
  changeBetween,
  type Estimate,
  estimateTrust,
  type Histogram,
  histogramTotal,
} from './pulse-statistics.js';

/** What the server stores per pulse: respondents and one histogram per item, never per-person rows. */
export interface PulseCounts {
  id: string;
  /** YYYY-MM-DD */
  opensOn: string;
  itemsVersion: number;
  /** Respondents. */
  answers: number;
  /** Raw answer counts by item id; ids outside the pulse's item set are ignored. */
  items: Readonly<Record<string, Histogram>>;
}

export interface SeriesPoint {
  pulseIds: string[];
  from: string;
  to: string;
  pooled: boolean;
  answers: number;
  overall: Estimate;
  /** Null when nobody, or fewer than k people, answered the dimension's items. */
  dimensions: Record<TrustDimension, Estimate | null>;
  /** Dimensions whose item wording changed since the previous point. */
  wordingChanged: TrustDimension[];
}

export interface PulseSeries {
  mode: SeriesMode;
  points: SeriesPoint[];
  withheld: Withheld[];
  baseline: SeriesPoint | null;
  latest: SeriesPoint | null;
  /** Latest versus baseline; null when there are fewer than two points. */
  change: { overall: Change | null; dimensions: Record<TrustDimension, Change | null> };
  /** What the latest point shows clearly below the pooled preceding (up to 3) points. */
  relapses: ('overall' | TrustDimension)[];
}

export interface PulseSeriesOptions extends TrendOptions {
  /** The published item sets; tests pass their own. */
  itemSets?: readonly PulseItemSet[];
}

/** How many preceding points a relapse is measured against. */
const RELAPSE_WINDOW = 3;

interface Tally {
  answers: number;
  overall: number[];
  dimensions: Record<TrustDimension, { histogram: number[]; respondents: number }>;
}

/** One pulse's precomputed overall histogram (the server keeps one per pulse for the organisation overview). */
export interface PulseOverall {
  id: string;
  opensOn: string;
  answers: number;
  overall: Histogram;
}

export interface OverallPoint {
  pulseIds: string[];
  from: string;
  to: string;
  pooled: boolean;
  answers: number;
  overall: Estimate;
}

export interface OverallTrend {
  mode: SeriesMode;
  points: OverallPoint[];
  withheld: Withheld[];
  baseline: OverallPoint | null;
  latest: OverallPoint | null;
  /** Latest versus baseline; null when there are fewer than two points. */
  change: Change | null;
  /** True when the latest point is clearly below the pooled previous (up to) three points. */
  relapse: boolean;
}

/**
 * The overall trend from one histogram per pulse, with the same pooling and withholding as pulseSeries, so both
 * give the same overall numbers for the same answers.
 */
export function overallTrend(
  pulses: readonly PulseOverall[],
  options: TrendOptions & {
    /**
     * Estimate only the last this many points (besides the baseline): an overview of many teams draws a short
     * trend, and estimating every point of every team is most of its cost. `points` then holds only those.
     */
    lastPoints?: number;
  },
): OverallTrend {
  const countable = (pulse: PulseOverall): number => (histogramTotal(pulse.overall) > 0 ? pulse.answers : 0);
  const { mode, groups, withheld } = groupPulses(pulses, options, countable);
  const sums = groups.map((group) => {
    const histogram = zeros();
    let answers = 0;
    for (const pulse of group) {
      addInto(histogram, pulse.overall);
      answers += countable(pulse);
    }
    return { histogram, answers };
  });
  const pointOf = (i: number): OverallPoint => {
    const { histogram, answers } = sums[i] ?? { histogram: zeros(), answers: 0 };
    return { ...span(groups[i] ?? []), answers, overall: estimateTrust(histogram, answers) };
  };
  const first = options.lastPoints === undefined ? 0 : Math.max(0, groups.length - options.lastPoints);
  const points: OverallPoint[] = [];
  for (let i = first; i < groups.length; i++) points.push(pointOf(i));
  const baseline = groups.length === 0 ? null : first === 0 ? (points[0] ?? null) : pointOf(0);
  const latest = points[points.length - 1] ?? null;
  const change =
    groups.length >= 2 && baseline && latest ? changeBetween(latest.overall, baseline.overall) : null;
  let relapse = false;
  if (groups.length >= 2 && latest) {
    // The same rule as pulseSeries' overall relapse: latest against the pooled preceding points.
    const before = zeros();
    let answers = 0;
    for (const sum of sums.slice(-1 - RELAPSE_WINDOW, -1)) {
      addInto(before, sum.histogram);
      answers += sum.answers;
    }
    relapse = changeBetween(latest.overall, estimateTrust(before, answers)).verdict === 'decline';
  }
  return { mode, points, withheld, baseline, latest, change, relapse };
}

/** The overall histogram of a pulse: the sum of its items' histograms (what overallTrend expects per pulse). */
export function overallHistogram(
  pulse: PulseCounts,
  itemSets: readonly PulseItemSet[] = PULSE_ITEM_SETS,
): number[] {
  return tallyPulse(pulse, pulseItemSet(pulse.itemsVersion, itemSets)).overall;
}

/**
 * The team's trend: one point per pulse (or per pooled run of pulses in small teams), each with an overall and a
 * per-dimension estimate; the change from the baseline (the first point) to the latest; and relapse warnings.
 * Nothing below k respondents is shown (see STATISTICS.md). Throws a RangeError for an unknown item version or
 * malformed counts.
 */
export function pulseSeries(pulses: readonly PulseCounts[], options: PulseSeriesOptions): PulseSeries {
  const itemSets = options.itemSets ?? PULSE_ITEM_SETS;
  const tallies = new Map<PulseCounts, Tally>();
  for (const pulse of pulses)
    tallies.set(pulse, tallyPulse(pulse, pulseItemSet(pulse.itemsVersion, itemSets)));
  const tallyOf = (pulse: PulseCounts): Tally => tallies.get(pulse) ?? emptyTally();

  const { k, mode, groups, withheld } = groupPulses(pulses, options, (pulse) => tallyOf(pulse).answers);

  const pointTallies: Tally[] = [];
  const points: SeriesPoint[] = [];
  let previousVersion: number | null = null;
  for (const group of groups) {
    const tally = mergeTallies(group.map(tallyOf));
    const changed = new Set<TrustDimension>();
    for (const pulse of group) {
      if (previousVersion !== null && previousVersion !== pulse.itemsVersion) {
        const from = pulseItemSet(previousVersion, itemSets);
        const to = pulseItemSet(pulse.itemsVersion, itemSets);
        for (const dimension of changedDimensionsBetween(from, to)) changed.add(dimension);
      }
      previousVersion = pulse.itemsVersion;
    }
    pointTallies.push(tally);
    points.push({
      ...span(group),
      answers: tally.answers,
      overall: estimateTrust(tally.overall, tally.answers),
      dimensions: dimensionEstimates(tally, k),
      wordingChanged: TRUST_DIMENSIONS.filter((dimension) => changed.has(dimension)),
    });
  }

  const baseline = points[0] ?? null;
  const latest = points[points.length - 1] ?? null;
  const twoOrMore = baseline !== null && latest !== null && points.length >= 2;
  const dimensionChanges = perDimension<Change | null>((dimension) => {
    const current = latest?.dimensions[dimension];
    const base = baseline?.dimensions[dimension];
    return twoOrMore && current && base ? changeBetween(current, base) : null;
  });

  return {
    mode,
    points,
    withheld,
    baseline,
    latest,
    change: {
      overall: twoOrMore ? changeBetween(latest.overall, baseline.overall) : null,
      dimensions: dimensionChanges,
    },
    relapses: relapses(points, pointTallies, k),
  };
}

function relapses(
  points: readonly SeriesPoint[],
  tallies: readonly Tally[],
  k: number,
): ('overall' | TrustDimension)[] {
  const latest = points[points.length - 1];
  if (points.length < 2 || !latest) return [];
  const previous = points.slice(-1 - RELAPSE_WINDOW, -1);
  const previousTallies = tallies.slice(-1 - RELAPSE_WINDOW, -1);
  const found: ('overall' | TrustDimension)[] = [];

  const pooled = mergeTallies(previousTallies);
  if (changeBetween(latest.overall, estimateTrust(pooled.overall, pooled.answers)).verdict === 'decline') {
    found.push('overall');
  }
  for (const dimension of TRUST_DIMENSIONS) {
    const current = latest.dimensions[dimension];
    if (!current) continue;
    // Compare only with points where the dimension could be shown, so hidden answers never drive an alert.
    const shown = previousTallies.filter((_, i) => previous[i]?.dimensions[dimension] != null);
    if (shown.length === 0) continue;
    const before = mergeTallies(shown).dimensions[dimension];
    if (before.respondents < k || histogramTotal(before.histogram) === 0) continue;
    const reference = estimateTrust(before.histogram, before.respondents);
    if (changeBetween(current, reference).verdict === 'decline') found.push(dimension);
  }
  return found;
}

function dimensionEstimates(tally: Tally, k: number): Record<TrustDimension, Estimate | null> {
  return perDimension((dimension) => {
    const { histogram, respondents } = tally.dimensions[dimension];
    return respondents >= k && histogramTotal(histogram) > 0 ? estimateTrust(histogram, respondents) : null;
  });
}

/**
 * Sums a pulse's item histograms overall and per dimension. A dimension's respondents are the most answers any
 * one of its items received (each person answers an item once), capped at the pulse's respondents; with every
 * item answered by everyone this is simply the pulse's respondents. A pulse without any item answer counts as
 * no answers, since it carries no numbers.
 */
function tallyPulse(pulse: PulseCounts, itemSet: PulseItemSet): Tally {
  const tally = emptyTally();
  for (const item of itemSet.items) {
    const histogram = pulse.items[item.id];
    if (!histogram) continue;
    const itemAnswers = histogramTotal(histogram);
    const dimension = tally.dimensions[item.dimension];
    addInto(dimension.histogram, histogram);
    addInto(tally.overall, histogram);
    dimension.respondents = Math.max(dimension.respondents, Math.min(pulse.answers, itemAnswers));
  }
  tally.answers = histogramTotal(tally.overall) > 0 ? pulse.answers : 0;
  if (tally.answers === 0)
    for (const dimension of TRUST_DIMENSIONS) tally.dimensions[dimension].respondents = 0;
  return tally;
}

function mergeTallies(tallies: readonly Tally[]): Tally {
  // Tallies are never mutated once built, so a single one can stand for itself.
  if (tallies.length === 1 && tallies[0]) return tallies[0];
  const merged = emptyTally();
  for (const tally of tallies) {
    merged.answers += tally.answers;
    addInto(merged.overall, tally.overall);
    for (const dimension of TRUST_DIMENSIONS) {
      const into = merged.dimensions[dimension];
      const from = tally.dimensions[dimension];
      addInto(into.histogram, from.histogram);
      into.respondents += from.respondents;
    }
  }
  return merged;
}

function emptyTally(): Tally {
  return {
    answers: 0,
    overall: zeros(),
    dimensions: perDimension(() => ({ histogram: zeros(), respondents: 0 })),
  };
}

function addInto(target: number[], histogram: Histogram): void {
  if (histogram.length !== target.length) {
    throw new RangeError(`A histogram has ${target.length} counts, got ${histogram.length}`);
  }
  for (let v = 0; v < target.length; v++) {
    const count = histogram[v] ?? 0;
    if (!Number.isFinite(count) || count < 0) {
      throw new RangeError('Histogram counts must be finite and non-negative');
    }
    target[v] = (target[v] ?? 0) + count;
  }
}

function zeros(): number[] {
  return new Array<number>(SCALE_POINTS).fill(0);
}

function perDimension<T>(make: (dimension: TrustDimension) => T): Record<TrustDimension, T> {
  const record = {} as Record<TrustDimension, T>;
  for (const dimension of TRUST_DIMENSIONS) record[dimension] = make(dimension);
  return record;
}

function span(group: readonly { id: string; opensOn: string }[]): {
  pulseIds: string[];
  from: string;
  to: string;
  pooled: boolean;
} {
  return {
    pulseIds: group.map((pulse) => pulse.id),
    from: group[0]?.opensOn ?? '',
    to: group[group.length - 1]?.opensOn ?? '',
    pooled: group.length > 1,
  };
}
