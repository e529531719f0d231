// Honest numbers for small samples on a bounded scale (SPEC §4 "Trust index"). See STATISTICS.md.
//
// Method, in short:
// - A scale point v (1..7) scores x_v = (v − 1) / 6 × 100, so scores run 0..100.
// - The item histogram h is rescaled to respondent weights w_v = n × h_v / Σh: each of the n respondents
//   counts once however many items of the dimension they answered. Spreading a person's item answers over
//   several scale points (rather than averaging them first) can only widen the spread, so this is conservative.
// - The index: the shares of the seven answers get a Dirichlet posterior, α_v = w_v + 1/7 (a uniform prior worth
//   one respondent); the index is its mean μ = Σ α_v x_v / (n + 1), pulled slightly toward 50 for tiny samples.
//   Its standard error is √(s² / n), s² = Σ α_v x_v² / (n + 1) − μ² the smoothed spread of one answer.
// - The 95% interval allows for a silent minority: a few people far from the rest, whom a small sample easily
//   misses entirely. It is computed as if four more people had answered, two at each end of the scale (1 and 7):
//   centre c = (Σ w_v x_v + 2 × 100) / (n + 4), spread t² = (Σ w_v x_v² + 2 × 100²) / (n + 4) − c², and the
//   interval c ± 1.96 √(t² / (n + 2)), clipped to [0, 100]. It always contains the index. In simulation it holds
//   the true mean in at least 93% of samples for every n from 3 to 12 and every population tried.
// - A change between two estimates is the difference of the indices ± 1.96 √(se₁² + se₂²) (independent samples);
//   it is called an improvement or a decline only when that interval excludes zero.

import { SCALE_POINTS } from './pulse-items.js';

/** Counts of answers 1..7 (index 0 = answer 1); may be fractional after weighting. */
export type Histogram = readonly number[];

/** A trust score on 0..100 with its 95% interval. */
export interface Estimate {
  /** The index: the posterior mean, pulled slightly toward 50 for tiny samples. */
  mean: number;
  /** The 95% interval, which allows for a silent minority; not centred on `mean` (see STATISTICS.md). */
  low: number;
  high: number;
  /** Standard error of `mean` (the smoothed spread of one answer over √n), used to compare two estimates. */
  sd: number;
  respondents: number;
}

export interface Change {
  difference: number;
  low: number;
  high: number;
  verdict: 'improvement' | 'decline' | 'no_clear_change';
}

// 1.96 as documented (the exact quantile 1.95996… makes no visible difference at this precision).
const Z95 = 1.96;
/** The index's prior: one respondent, spread evenly over the scale. */
const PRIOR_WEIGHT = 1;
/** The interval's allowance for a silent minority: this many imagined respondents at each end of the scale. */
const INTERVAL_PER_END = 2;
/** The interval's variance is its spread over n + this (chosen by the coverage simulation in STATISTICS.md). */
const INTERVAL_EXTRA = 2;

/** The 0..100 score of scale point v (1..7). */
export function scoreOfScalePoint(v: number): number {
  return ((v - 1) / (SCALE_POINTS - 1)) * 100;
}

const SCORES: readonly number[] = Array.from({ length: SCALE_POINTS }, (_, i) => scoreOfScalePoint(i + 1));

/** Element-wise sum of histograms; seven zeros for none. */
export function sumHistograms(hs: readonly Histogram[]): number[] {
  const total = new Array<number>(SCALE_POINTS).fill(0);
  for (const h of hs) {
    assertShape(h);
    for (let v = 0; v < SCALE_POINTS; v++) total[v] = (total[v] ?? 0) + (h[v] ?? 0);
  }
  return total;
}

/** The total number of answers in a histogram. */
export function histogramTotal(h: Histogram): number {
  let sum = 0;
  for (const count of h) sum += count;
  return sum;
}

/**
 * The trust index (0..100) from a histogram of answers given by `respondents` people, with its standard error and
 * a 95% interval that allows for a silent minority (see STATISTICS.md). Throws a RangeError for a malformed histogram, an empty one, or no respondents: callers never estimate below k.
 */
export function estimateTrust(histogram: Histogram, respondents: number): Estimate {
  assertShape(histogram);
  for (const count of histogram) {
    if (!Number.isFinite(count) || count < 0) {
      throw new RangeError('Histogram counts must be finite and non-negative');
    }
  }
  if (!Number.isFinite(respondents) || respondents < 0) {
    throw new RangeError('Respondents must be a finite, non-negative number');
  }
  const total = histogramTotal(histogram);
  if (respondents === 0 || total === 0) {
    throw new RangeError('Cannot estimate trust without answers');
  }

  // The index and its standard error, from the Dirichlet posterior with the uniform prior; alongside, the
  // plain sums Σ w_v x_v and Σ w_v x_v² over the respondent weights (w sums to n) for the interval.
  const priorPerPoint = PRIOR_WEIGHT / SCALE_POINTS;
  const alpha0 = respondents + PRIOR_WEIGHT;
  let first = 0;
  let second = 0;
  let plainFirst = 0;
  let plainSecond = 0;
  for (let v = 0; v < SCALE_POINTS; v++) {
    const w = (respondents * (histogram[v] ?? 0)) / total;
    const alpha = w + priorPerPoint;
    const x = SCORES[v] ?? 0;
    first += alpha * x;
    second += alpha * x * x;
    plainFirst += w * x;
    plainSecond += w * x * x;
  }
  const mean = first / alpha0;
  // The smoothed spread of one answer; a tiny negative from rounding (near-unanimous answers) is zero.
  const spread = Math.max(0, second / alpha0 - mean * mean);
  // The mean of n answers varies like spread / n (the posterior's own 1 / (n + 2) is too narrow for small n).
  const sd = Math.sqrt(spread / respondents);

  // The interval: as if 2 more people had answered 1 (score 0) and 2 more had answered 7 (score 100).
  const top = SCORES[SCALE_POINTS - 1] ?? 100;
  const weight = respondents + 2 * INTERVAL_PER_END;
  const centre = (plainFirst + INTERVAL_PER_END * top) / weight;
  const intervalSpread = Math.max(0, (plainSecond + INTERVAL_PER_END * top * top) / weight - centre * centre);
  const half = Z95 * Math.sqrt(intervalSpread / (respondents + INTERVAL_EXTRA));
  return {
    mean,
    // The index lies inside the unclipped interval (STATISTICS.md); min/max only guard rounding.
    low: Math.min(mean, Math.max(0, centre - half)),
    high: Math.max(mean, Math.min(100, centre + half)),
    sd,
    respondents,
  };
}

/** How `current` differs from `baseline`, called a change only when the 95% interval excludes zero. */
export function changeBetween(current: Estimate, baseline: Estimate): Change {
  const difference = current.mean - baseline.mean;
  const half = Z95 * Math.sqrt(current.sd * current.sd + baseline.sd * baseline.sd);
  const low = difference - half;
  const high = difference + half;
  const verdict = low > 0 ? 'improvement' : high < 0 ? 'decline' : 'no_clear_change';
  return { difference, low, high, verdict };
}

function assertShape(h: Histogram): void {
  if (h.length !== SCALE_POINTS) {
    throw new RangeError(`A histogram has ${SCALE_POINTS} counts, got ${h.length}`);
  }
}
