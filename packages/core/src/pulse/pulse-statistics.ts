// Honest numbers for small samples on a bounded scale (SPEC §4 "Trust index"). See STATISTICS.md.
//
// Method, in short:
// - A scale point v (1..7) scores x_v = (v − 1) / 6 × 100, so scores run 0..100.
// - The item histogram h is rescaled to respondent weights w_v = n × h_v / Σh: each of the n respondents
//   counts once however many items of the dimension they answered. Spreading a person's item answers over
//   several scale points (rather than averaging them first) can only widen the spread, so this is conservative.
// - The shares of the seven answers get a Dirichlet posterior, α_v = w_v + 1/7: a uniform prior worth one
//   respondent. Three unanimous answers then still give a non-zero-width interval, and the estimate stays
//   inside the scale.
// - The score's posterior mean is μ = Σ α_v x_v / α0 (α0 = Σ α_v = n + 1), its variance
//   (Σ α_v x_v² / α0 − μ²) / (α0 + 1). The prior pulls μ slightly toward the middle (50) for tiny samples.
// - The 95% interval is μ ± 1.96 sd, clipped to [0, 100].
// - A change between two estimates is the difference of means ± 1.96 √(sd₁² + sd₂²) (independent posteriors);
//   it is called an improvement or a decline only when the interval excludes zero.

import { SCALE_POINTS } from './pulse-items.js';

/** Counts of answers 1..7 (index 0 = answer 1); may be fractional after weighting. */
export type Histogram = readonly number[];

/** A trust score on 0..100 with its 95% interval. */
export interface Estimate {
  /** Posterior mean; pulled slightly toward 50 for tiny samples. */
  mean: number;
  low: number;
  high: number;
  /** Posterior standard deviation of the mean score. */
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
/** Total prior weight: one respondent, spread evenly over the scale. */
const PRIOR_WEIGHT = 1;

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
 * Posterior estimate of the mean 0..100 score from a histogram of answers given by `respondents` people.
 * Throws a RangeError for a malformed histogram, an empty one, or no respondents: callers never estimate below k.
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

  const priorPerPoint = PRIOR_WEIGHT / SCALE_POINTS;
  const alpha0 = respondents + PRIOR_WEIGHT;
  let first = 0;
  let second = 0;
  for (let v = 0; v < SCALE_POINTS; v++) {
    const alpha = (respondents * (histogram[v] ?? 0)) / total + priorPerPoint;
    const x = SCORES[v] ?? 0;
    first += alpha * x;
    second += alpha * x * x;
  }
  const mean = first / alpha0;
  // The smoothed spread of one answer; a tiny negative from rounding (near-unanimous answers) is zero.
  const spread = Math.max(0, second / alpha0 - mean * mean);
  // The mean of n answers varies like spread / n. The Dirichlet posterior alone narrows like 1 / (n + 2), which
  // in simulation covered a uniform spread of answers only 88% of the time at n = 5; dividing by n is honest.
  const variance = spread / respondents;
  const sd = Math.sqrt(variance);
  return {
    mean,
    low: Math.max(0, mean - Z95 * sd),
    high: Math.min(100, mean + Z95 * sd),
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
